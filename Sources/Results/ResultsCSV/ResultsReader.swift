import Foundation

/// Reads an existing results.csv (for `--resume`, reports, compare, check). Damage is reported and dropped,
/// never fatal: a torn or malformed line becomes a warning naming what is wrong, not what the caller does
/// about it (`--resume` runs those cells again and says so).
public enum ResultsReader {
    public struct Contents: Sendable {
        public var rows: [ResultRow]
        /// One line each, for stderr.
        public var warnings: [String]
        /// The file's column names, in order (empty when it has no header line).
        public var header: [String] = []
    }

    public static func read(path: String) -> Contents {
        guard let data = FileManager.default.contents(atPath: path) else {
            return Contents(rows: [], warnings: FileManager.default.fileExists(atPath: path)
                ? ["\(path): unreadable (permission denied?); no rows read"] : [])
        }
        // Invalid UTF-8 (a corrupted block) spoils only its own lines, not the whole file.
        return parse(String(decoding: data, as: UTF8.self), path: path)
    }

    public static func parse(_ text: String, path: String) -> Contents {
        let lines = CSVLines(text: text)
        var warnings = lines.dropped.map { "\(path):\($0.line): \($0.reason); dropped" }
        guard !lines.header.isEmpty else { return Contents(rows: [], warnings: warnings) }
        let missing = [Metric.cellID, .repetition, .status].map(\.column).filter { !lines.header.contains($0) }
        guard missing.isEmpty else {
            warnings.append("\(path): the header lacks \(missing.joined(separator: ", ")); not a results file")
            return Contents(rows: [], warnings: warnings, header: lines.header)
        }

        var rows: [ResultRow] = []
        var seen: Set<RunKey> = []
        for record in lines.records {
            var values: [String: String] = [:]
            for (name, value) in zip(lines.header, record.fields) { values[name] = value }
            let row = ResultRow(values: values)
            guard let key = row.key, row.status != nil else {
                warnings.append("\(path):\(record.line): no valid cell_id, repetition and status; dropped")
                continue
            }
            guard seen.insert(key).inserted else {
                warnings.append("\(path):\(record.line): \(key) appears again; the first row is kept")
                continue
            }
            rows.append(row)
        }
        return Contents(rows: rows, warnings: warnings, header: lines.header)
    }
}
