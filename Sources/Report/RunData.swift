import Foundation
import SwiftCSV
import Results

/// What went wrong reading a run directory.
public struct RunDataError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension CellAxes {
    /// The axes other than allocator, engine threads and intra-op threads.
    public var variant: Variant {
        Variant(libtorch: libtorch, engineMode: engineMode, interOpThreads: interOpThreads, ompWaitPolicy: ompWaitPolicy)
    }

    /// The same cell under another allocator has the same `comparable` key.
    public var comparable: ComparableCell {
        ComparableCell(variant: variant, engineThreads: engineThreads, intraOpThreads: intraOpThreads)
    }
}

/// LibTorch runtime, engine mode, inter-op threads and OpenMP wait policy: axes a sweep may or may not vary.
public struct Variant: Hashable, Sendable, Comparable {
    public var libtorch: String
    public var engineMode: String
    public var interOpThreads: Int
    public var ompWaitPolicy: String

    public static func < (a: Variant, b: Variant) -> Bool {
        if a.libtorch != b.libtorch { return a.libtorch > b.libtorch }   // system before pypi
        return (a.engineMode, a.interOpThreads, a.ompWaitPolicy) < (b.engineMode, b.interOpThreads, b.ompWaitPolicy)
    }

    /// Words for the parts that vary in the run (empty when none do).
    func label(varying: VaryingAxes) -> String {
        var parts: [String] = []
        if varying.libtorch { parts.append("LibTorch \(LibTorchRuntime(name: libtorch).label)") }
        if varying.engineMode { parts.append("\(engineMode) mode") }
        if varying.interOp { parts.append("inter-op \(interOpThreads)") }
        if varying.ompWaitPolicy { parts.append("OMP \(ompWaitPolicy)") }
        return parts.joined(separator: ", ")
    }
}

/// A cell up to its allocator: what Figure 5 and the allocator comparison hold fixed.
public struct ComparableCell: Hashable, Sendable {
    public var variant: Variant
    public var engineThreads: Int
    public var intraOpThreads: Int

    func label(varying: VaryingAxes) -> String {
        let base = "engine threads \(engineThreads), intra-op \(IntraOpThreads.text(intraOpThreads))"
        let extra = variant.label(varying: varying)
        return extra.isEmpty ? base : "\(base), \(extra)"
    }
}

/// Which of the variant axes take more than one value in a run.
public struct VaryingAxes: Sendable {
    public var libtorch = false
    public var engineMode = false
    public var interOp = false
    public var ompWaitPolicy = false
}

/// One ok results.csv row as the charts read it: a cell's repetition, its numbers parsed.
public struct RunRow: Sendable {
    public var cellID: String
    public var repetition: Int
    public var config: CellAxes
    public var status: String
    /// Every column that parsed as a number, by column name.
    public var numbers: [String: Double]

    public func value(_ column: String) -> Double? {
        guard let v = numbers[column], v.isFinite else { return nil }
        return v
    }
}

/// One timeline.csv sample.
public struct TimelineSample: Sendable {
    public var cellID: String
    public var repetition: Int
    public var seconds: Double
    public var rssMB: Double?
    public var cpuPercent: Double?
    public var threads: Double?
}

/// meta.json, read defensively: anything missing is "unknown".
public struct RunMeta: Sendable {
    public var cpuModel = "unknown"
    public var cores = "unknown"
    public var memoryGB = "unknown"
    public var kernel = "unknown"
    public var gitCommit = "unknown"
    public var experiment = "unknown"
    /// The working tree had uncommitted changes when the sweep ran.
    public var gitDirty = false

    public init() {}

    /// Reads the sweep's meta.json (machine.{cpu_model, usable_cores, logical_cores, memory_bytes, kernel},
    /// software.git_commit, spec_name) and the simpler shape (machine.{cores, memory_gb}, git_commit,
    /// experiment or experiment.name).
    init(json: Any?) {
        guard let root = json as? [String: Any] else { return }
        let machine = root["machine"] as? [String: Any] ?? [:]
        let software = root["software"] as? [String: Any] ?? [:]
        cpuModel = Self.text(machine["cpu_model"]) ?? cpuModel
        cores = Self.text(machine["cores"]) ?? Self.text(machine["usable_cores"])
            ?? Self.text(machine["logical_cores"]) ?? cores
        if let gb = Self.text(machine["memory_gb"]) {
            memoryGB = gb
        } else if let bytes = (machine["memory_bytes"] as? NSNumber)?.doubleValue, bytes > 0 {
            memoryGB = String(format: "%.1f", bytes / 1_073_741_824)
        }
        // "6.1.0-18-amd64 #1 SMP ..." -> the release.
        if let k = Self.text(machine["kernel"]) { kernel = String(k.split(separator: " ").first ?? Substring(k)) }
        if let commit = Self.text(root["git_commit"]) ?? Self.text(software["git_commit"]) {
            gitCommit = commit
            gitDirty = (root["git_dirty"] as? Bool) ?? (software["git_dirty"] as? Bool) ?? false
        }
        if let experiment = root["experiment"] as? [String: Any] {
            self.experiment = Self.text(experiment["name"]) ?? self.experiment
        } else if let name = Self.text(root["experiment"]) ?? Self.text(root["spec_name"])
                    ?? Self.text((root["spec"] as? [String: Any])?["name"]) {
            experiment = name
        }
    }

    private static func text(_ value: Any?) -> String? {
        switch value {
        case let s as String where !s.isEmpty: return s
        case let n as NSNumber:
            let d = n.doubleValue
            return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(format: "%.1f", d)
        default: return nil
        }
    }

    /// Short commit for footers.
    public var shortCommit: String {
        gitCommit == "unknown" ? gitCommit : String(gitCommit.prefix(12)) + (gitDirty ? " (dirty)" : "")
    }
}

/// A sweep run directory as the charts see it.
public struct RunData: Sendable {
    public var directory: URL
    public var meta: RunMeta
    /// Rows with status ok and the settings needed to place them.
    public var rows: [RunRow]
    /// Rows left out: status other than ok (by status), or unreadable settings.
    public var skippedByStatus: [String: Int]
    public var unreadableRows: Int
    /// Empty when the run has no timeline.csv.
    public var timeline: [TimelineSample]
    public var hasTimelineFile: Bool
    public var columns: Set<String>

    public var skippedCount: Int { skippedByStatus.values.reduce(0, +) + unreadableRows }

    public static let requiredColumns = ["cell_id", "repetition", "status", "engine_threads", "intra_op_threads", "allocator"]
    static let textColumns: Set<String> = [
        "cell_id", "engine_mode", "allocator", "malloc_conf", "omp_wait_policy", "status", "error",
        "output_digest", "allocator_reported", "started_at",
    ]

    public static func load(from directory: URL) throws -> RunData {
        let resultsURL = directory.appendingPathComponent("results.csv")
        guard FileManager.default.fileExists(atPath: resultsURL.path) else {
            throw RunDataError("\(resultsURL.path) does not exist: not a sweep run directory")
        }
        guard let text = try? String(contentsOf: resultsURL, encoding: .utf8) else {
            throw RunDataError("cannot read \(resultsURL.path): not UTF-8 text")
        }
        // The sweep's own reader: the same rules for torn, malformed and duplicate lines everywhere.
        let results = ResultsReader.parse(text, path: resultsURL.path)
        let header = Set(results.header)
        let missing = requiredColumns.filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw RunDataError("\(resultsURL.path) lacks column(s) \(missing.joined(separator: ", "))")
        }

        var rows: [RunRow] = []
        var skipped: [String: Int] = [:]
        var unreadable = results.warnings.count
        for raw in results.rows {
            guard raw.isOK else {
                skipped[raw["status"], default: 0] += 1
                continue
            }
            guard let config = CellAxes(row: raw), !config.allocator.isEmpty, let key = raw.key else {
                unreadable += 1
                continue
            }
            var numbers: [String: Double] = [:]
            for (column, value) in raw.values where !textColumns.contains(column) {
                if let number = Double(value) { numbers[column] = number }
            }
            rows.append(RunRow(cellID: key.cellID, repetition: key.repetition, config: config, status: raw["status"], numbers: numbers))
        }

        let timelineURL = directory.appendingPathComponent("timeline.csv")
        var samples: [TimelineSample] = []
        let hasTimeline = FileManager.default.fileExists(atPath: timelineURL.path)
        if hasTimeline { samples = try readTimeline(timelineURL) }

        var meta = RunMeta()
        let metaURL = directory.appendingPathComponent("meta.json")
        if let data = try? Data(contentsOf: metaURL) {
            meta = RunMeta(json: try? JSONSerialization.jsonObject(with: data))
        }

        return RunData(directory: directory, meta: meta, rows: rows, skippedByStatus: skipped,
                       unreadableRows: unreadable, timeline: samples, hasTimelineFile: hasTimeline,
                       columns: header)
    }

    /// timeline.csv can hold hundreds of thousands of rows: stream them as arrays (by the header's column
    /// positions) rather than building a dictionary per row.
    static func readTimeline(_ url: URL) throws -> [TimelineSample] {
        let csv: EnumeratedCSV
        do {
            // rowLimit 0: parse only the header now, stream the rows below.
            csv = try EnumeratedCSV(string: try String(contentsOf: url, encoding: .utf8), delimiter: .comma,
                                    loadColumns: false, rowLimit: 0)
        } catch {
            throw RunDataError("cannot read \(url.path): \(error)")
        }
        let header = csv.header
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        guard let cell = column("cell_id"), let time = column("t_s") else {
            throw RunDataError("\(url.path) lacks column cell_id or t_s")
        }
        let repetition = column("repetition"), rss = column("rss_mb"), cpu = column("cpu_pct"), threads = column("threads")
        final class Sink: @unchecked Sendable { var samples: [TimelineSample] = [] }
        let sink = Sink()
        do {
            try csv.enumerateAsArray(startAt: 1, rowLimit: nil) { fields in
                func field(_ i: Int?) -> String? { i.flatMap { $0 < fields.count ? fields[$0] : nil } }
                guard let id = field(cell), let t = field(time).flatMap(Double.init) else { return }
                sink.samples.append(TimelineSample(
                    cellID: id, repetition: field(repetition).flatMap { Int($0) } ?? 1, seconds: t,
                    rssMB: field(rss).flatMap(Double.init), cpuPercent: field(cpu).flatMap(Double.init),
                    threads: field(threads).flatMap(Double.init)))
            }
        } catch {
            throw RunDataError("cannot read \(url.path): \(error)")
        }
        return sink.samples
    }
}
