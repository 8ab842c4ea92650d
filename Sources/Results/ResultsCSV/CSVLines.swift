import SwiftCSV

/// Splits a CSV file written by this module (one record per line) into a header and records,
/// setting aside what a killed writer can leave behind: a last line without its line break, and
/// lines whose field count is not the header's.
struct CSVLines {
    struct Dropped: Sendable, Equatable {
        /// 1-based line number in the file.
        var line: Int
        var reason: String
    }

    var header: [String] = []
    var records: [(line: Int, fields: [String])] = []
    var dropped: [Dropped] = []

    init(text: String) {
        // RFC 4180 ends records with CRLF (Python's csv module writes it): in Swift "\r\n" is one
        // Character, so split on both, or a CRLF file reads as one torn line.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map(String.init)
        if lines.last == "" { lines.removeLast() } else if !lines.isEmpty {
            // No final line break: the writer died in the middle of this line.
            dropped.append(Dropped(line: lines.count, reason: "torn last line (no line break; the writer was interrupted)"))
            lines.removeLast()
        }
        guard let first = lines.first else { return }
        header = Self.fields(first) ?? []
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            guard let fields = Self.fields(line) else {
                dropped.append(Dropped(line: index + 1, reason: "not parseable as CSV"))
                continue
            }
            guard fields.count == header.count else {
                dropped.append(Dropped(line: index + 1, reason: "\(fields.count) fields where the header has \(header.count)"))
                continue
            }
            records.append((index + 1, fields))
        }
    }

    /// One line's fields: a plain split when nothing is quoted, else SwiftCSV (quotes, escaped quotes).
    static func fields(_ line: String) -> [String]? {
        if !line.contains("\"") {
            return line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        guard let csv = try? EnumeratedCSV(string: line + "\n", delimiter: .comma, loadColumns: false) else { return nil }
        return csv.header
    }
}
