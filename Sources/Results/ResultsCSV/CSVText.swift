import Foundation

/// Formatting of CSV fields: numbers with fixed decimals (empty when unknown), text quoted only
/// when it must be, and never a line break inside a field (so every row is exactly one line,
/// which is what lets the resume reader spot a torn last line).
public enum CSVText {
    public static func number(_ value: Double?, decimals: Int) -> String {
        guard let value, value.isFinite else { return "" }
        return String(format: "%.\(decimals)f", value)
    }

    public static func field(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " | ")
        guard flat.contains(where: { $0 == "," || $0 == "\"" }) else { return flat }
        return "\"" + flat.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }
}
