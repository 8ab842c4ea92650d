import Foundation

/// DIR/pairs.csv of an A/B: one line per pair finished on both sides. Rewritten whole (AtomicFile)
/// after each pair, so a killed A/B leaves either the old or the new list, never a torn line, and
/// `--resume` trusts exactly the pairs listed here.
public enum PairsFile {
    public static let header = ["cell_id", "pair", "order", "base_repetition", "current_repetition"]

    public static func text(_ pairs: [PairRecord]) -> String {
        var text = CSVText.line(header) + "\n"
        for pair in pairs {
            text += CSVText.line([pair.cellID, String(pair.pair), pair.order.rawValue,
                                  String(pair.baseRepetition), String(pair.currentRepetition)]) + "\n"
        }
        return text
    }

    public static func write(_ pairs: [PairRecord], to path: String) throws {
        try AtomicFile.write(text(pairs), to: path)
    }

    public struct Contents: Sendable {
        public var pairs: [PairRecord]
        /// One line each: lines that are not a pair, or repeat one.
        public var warnings: [String]
    }

    /// A missing file is no pairs (a fresh A/B); a damaged line is a warning and its pair runs again.
    public static func read(path: String) -> Contents {
        guard let data = FileManager.default.contents(atPath: path) else { return Contents(pairs: [], warnings: []) }
        return parse(String(decoding: data, as: UTF8.self), path: path)
    }

    public static func parse(_ text: String, path: String) -> Contents {
        let lines = CSVLines(text: text)
        var warnings = lines.dropped.map { "\(path):\($0.line): \($0.reason); that pair runs again" }
        guard lines.header == header else {
            if !lines.header.isEmpty { warnings.append("\(path): not a pairs file (header \(lines.header.joined(separator: ","))); every pair runs again") }
            return Contents(pairs: [], warnings: warnings)
        }
        var pairs: [PairRecord] = []
        var seen: Set<String> = []
        for record in lines.records {
            let f = record.fields
            guard f.count == header.count, let pair = Int(f[1]), let order = PairOrder(rawValue: f[2]),
                  let base = Int(f[3]), let current = Int(f[4]), !f[0].isEmpty else {
                warnings.append("\(path):\(record.line): not a pair; that pair runs again")
                continue
            }
            guard seen.insert("\(f[0])#\(pair)").inserted else {
                warnings.append("\(path):\(record.line): \(f[0]) pair \(pair) appears again; the first is kept")
                continue
            }
            pairs.append(PairRecord(cellID: f[0], pair: pair, order: order, baseRepetition: base, currentRepetition: current))
        }
        return Contents(pairs: pairs, warnings: warnings)
    }
}
