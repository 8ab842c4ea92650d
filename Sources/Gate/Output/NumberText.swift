import Foundation

/// Numbers as the gate prints them: fixed decimals, "-" for nothing, signed percentages.
public enum NumberText {
    public static func fixed(_ value: Double?, _ decimals: Int) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.\(decimals)f", value)
    }

    /// `+12.3%`, `-4.0%`.
    public static func signedPercent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%+.1f%%", value)
    }

    /// A share as a percentage: 0.125 -> "12.5%".
    public static func share(_ share: Double?) -> String {
        share.map { "\(fixed($0 * 100, 1))%" } ?? "-"
    }

    /// Enough decimals for the magnitude: 1234 -> "1234", 12.3 -> "12.3", 0.0123 -> "0.0123".
    public static func adaptive(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        let magnitude = abs(value)
        if magnitude >= 100 { return fixed(value, 0) }
        if magnitude >= 10 { return fixed(value, 1) }
        if magnitude >= 1 { return fixed(value, 2) }
        return fixed(value, 3)
    }

    public static func pValue(_ p: Double) -> String {
        p < 0.001 ? "p<0.001" : "p=\(fixed(p, 3))"
    }
}
