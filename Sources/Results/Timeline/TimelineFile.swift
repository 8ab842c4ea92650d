import Foundation

/// timeline.csv: one row per /proc sample of every cell run. It can grow to hundreds of thousands
/// of rows (2-hour cells at 100 ms), so finished runs are appended rather than the file rewritten;
/// on resume, rows of runs that are not in results.csv (the run the sweep was killed in) are
/// filtered out, so a rerun never duplicates them.
public enum TimelineFile {
    /// timeline.csv's columns, in file order, with what each holds.
    public static let described: [(column: String, meaning: String)] = [
        (Metric.cellID.column, "the run's cell (as in results.csv)"),
        (Metric.repetition.column, "the run's repetition (as in results.csv)"),
        ("t_s", "seconds since the child was spawned"),
        ("rss_mb", "RSS of the child's whole process tree, MiB"),
        ("cpu_pct", "CPU used since the previous sample, % of all the machine's cores"),
        ("threads", "threads in the child's process tree"),
        ("cores_used", "CPU used since the previous sample, in cores (1.0 = one core busy)"),
        ("processes", "processes in the child's process tree"),
        (throttledColumn, "share of the cell cgroup's CFS periods since the previous sample in which its CPU quota ran out, %; empty without a quota"),
    ]

    public static let columns = described.map(\.column)
    /// The column added with CPU quotas (last): files written before it lack it.
    public static let throttledColumn = "throttled_pct"

    public static func lines(run: CellRun, samples: [ProcessSample], machineCores: Int) -> String {
        var text = ""
        text.reserveCapacity(samples.count * 64)
        let id = run.cell.id
        for sample in samples {
            let cpuPercent = sample.coresUsed / Double(max(1, machineCores)) * 100
            text += "\(id),\(run.repetition),\(CSVText.number(sample.seconds, decimals: 3)),"
            text += "\(CSVText.number(Double(sample.rssBytes) / 1_048_576, decimals: 1)),"
            text += "\(CSVText.number(cpuPercent, decimals: 1)),\(sample.threads),"
            text += "\(CSVText.number(sample.coresUsed, decimals: 3)),\(sample.processes),"
            text += "\(CSVText.number(sample.throttledPercent, decimals: 1))\n"
        }
        return text
    }

    public static func append(run: CellRun, samples: [ProcessSample], machineCores: Int, to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            try AtomicFile.write(columns.joined(separator: ",") + "\n", to: path)
        }
        try AtomicFile.append(lines(run: run, samples: samples, machineCores: machineCores), to: path)
    }

    /// Rewrites the file keeping only complete rows of `keep`; returns how many rows were dropped.
    @discardableResult
    public static func retain(_ keep: Set<RunKey>, at path: String) throws -> Int {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return 0 }
        var kept = columns.joined(separator: ",") + "\n"
        var dropped = 0
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() } else if !lines.isEmpty { lines.removeLast(); dropped += 1 }
        for line in lines.dropFirst() where !line.isEmpty {
            let fields = line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
            let count = line.split(separator: ",", omittingEmptySubsequences: false).count
            if fields.count == 3, let repetition = Int(fields[1]),
               keep.contains(RunKey(cellID: String(fields[0]), repetition: repetition)),
               count == columns.count || count == columns.count - 1 {
                // A row from before throttled_pct existed gets its column, empty.
                kept += line + (count == columns.count ? "\n" : ",\n")
            } else {
                dropped += 1
            }
        }
        try AtomicFile.write(kept, to: path)
        return dropped
    }

    /// One row as read back (the charts' RSS, CPU and thread timelines).
    public struct Row: Sendable, Equatable {
        public var cellID: String
        public var repetition: Int
        public var seconds: Double
        public var rssMB: Double?
        public var cpuPercent: Double?
        public var threads: Double?
        public var throttledPercent: Double? = nil
    }

    /// Reads every complete row, by the header's column positions (files from before a column existed
    /// read too). The file can hold hundreds of thousands of rows: split by hand, no per-row dictionary;
    /// the writer never quotes (cell ids are letters, digits, '-' and '_').
    public static func read(path: String) throws(TimelineReadError) -> [Row] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw TimelineReadError(path: path, reason: "cannot be read as UTF-8 text")
        }
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        if lines.last == "" { lines.removeLast() } else if !lines.isEmpty { lines.removeLast() }   // torn last line
        guard let first = lines.first else { return [] }
        let header = first.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        guard let cell = column(Metric.cellID.column), let time = column(columns[2]) else {
            throw TimelineReadError(path: path, reason: "lacks column \(Metric.cellID.column) or \(columns[2])")
        }
        let repetition = column(Metric.repetition.column), rss = column(columns[3]), cpu = column(columns[4])
        let threads = column(columns[5]), throttled = column(throttledColumn)
        var rows: [Row] = []
        rows.reserveCapacity(lines.count)
        for line in lines.dropFirst() where !line.isEmpty {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            func field(_ i: Int?) -> Substring? { i.flatMap { $0 < fields.count ? fields[$0] : nil } }
            guard let id = field(cell), let t = field(time).flatMap({ Double($0) }) else { continue }
            rows.append(Row(cellID: String(id), repetition: field(repetition).flatMap { Int($0) } ?? 1, seconds: t,
                            rssMB: field(rss).flatMap { Double($0) }, cpuPercent: field(cpu).flatMap { Double($0) },
                            threads: field(threads).flatMap { Double($0) },
                            throttledPercent: field(throttled).flatMap { Double($0) }))
        }
        return rows
    }
}

/// A timeline.csv that exists but cannot be read.
public struct TimelineReadError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}
