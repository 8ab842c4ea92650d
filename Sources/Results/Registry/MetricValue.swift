import Foundation

/// A value for a column written by a person: `800MiB`, `1.5GiB`, `300ms`, `2s`, `500x`, `80%`, or a bare
/// number in the column's own unit. The one parser of such values (advise's constraints, capacity's
/// bound, a spec's `capacity: {p99: ...}`).
extension Metric {
    public struct ValueProblem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The number in this column's unit, or why the text is not one.
    public func value(_ text: String) -> Result<Double, ValueProblem> {
        guard isNumeric else { return .failure(ValueProblem(description: "\(column) is not a number column")) }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E" }
        guard let number = Double(digits), number.isFinite else {
            return .failure(ValueProblem(description: "\(trimmed) is not a number with an optional unit"))
        }
        let unitText = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        guard let factor = Self.factor(unitText, to: unit) else {
            return .failure(ValueProblem(description: "unit \(unitText) does not measure \(column) (its unit: \(unit.symbol.isEmpty ? "none" : unit.symbol))"))
        }
        let value = number * factor
        // Limits on quantities that cannot be negative or past a whole (a share) are typos, not constraints
        // nothing meets: refused here rather than answered with "no setting meets every constraint".
        if value < 0 && !unit.isSigned {
            return .failure(ValueProblem(description: "\(trimmed) is negative; \(column) is never below 0"))
        }
        if unit == .percent && value > 100 {
            return .failure(ValueProblem(description: "\(trimmed) is past 100%; \(column) is a share (0-100%)"))
        }
        return .success(value)
    }

    /// The multiplier from `unit` to `target`; nil when they measure different things.
    static func factor(_ unit: String, to target: MetricUnit) -> Double? {
        if unit.isEmpty || unit == target.symbol { return 1 }
        switch (unit.lowercased(), target) {
        case ("kib", .mebibytes): return 1.0 / 1024
        case ("gib", .mebibytes): return 1024
        // MB and GB are decimal (10^6, 10^9 bytes), MiB and GiB binary: 800MB is 762.9 MiB, not 800.
        case ("kb", .mebibytes): return 1e3 / 1_048_576
        case ("mb", .mebibytes): return 1e6 / 1_048_576
        case ("gb", .mebibytes): return 1e9 / 1_048_576
        case ("mib", .mebibytes): return 1
        case ("s", .milliseconds): return 1000
        case ("ms", .seconds): return 0.001
        case ("x", .timesRealTime), ("xrt", .timesRealTime): return 1
        case ("%", .percent): return 1
        default: return nil
        }
    }
}
