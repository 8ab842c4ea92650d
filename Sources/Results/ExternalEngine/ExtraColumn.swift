/// The results.csv columns an external engine's own figures go into: `x_<name>` for the metrics file's
/// `extra` (and other numeric top-level) fields, after the registry's columns, in name order. Not in the
/// registry: they differ from engine to engine; a row without one leaves it empty (absent, not zero).
public enum ExtraColumn {
    public static let prefix = "x_"

    /// `x_gil_wait_s` for `gil_wait_s` (lower-cased); nil when the name is not letters, digits and `_`.
    public static func column(for name: String) -> String? {
        guard !name.isEmpty, name.count <= 60, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            return nil
        }
        return prefix + name.lowercased()
    }

    public static func isExtra(_ column: String) -> Bool {
        column.hasPrefix(prefix) && Metric.named(column) == nil
    }

    /// The columns of `rows` past the registry's: the extras any row has, sorted.
    public static func columns(in rows: [ResultRow]) -> [String] {
        Set(rows.flatMap { $0.values.keys.filter(isExtra) }).sorted()
    }
}
