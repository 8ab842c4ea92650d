import Foundation
import Results

/// A limit a recommended setting must meet, on a cell's median of any numeric results.csv column:
/// `rss_peak_mb<=800MiB`, `throughput_x>=500x`, or the shorthands `--max-rss 800MiB`, `--max-p99 50ms`,
/// `--min-throughput 500x`, `--max-cpu-util 80%`. The value may carry the column's unit (or a unit
/// of the same quantity: GiB for MiB, s for ms); a unit of another quantity is an error.
public struct AdviceConstraint: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Bound: String, Sendable, Codable { case atMost = "<=", atLeast = ">=" }

    public var metric: Metric
    public var bound: Bound
    /// In the column's unit.
    public var value: Double

    public init(metric: Metric, bound: Bound, value: Double) {
        self.metric = metric
        self.bound = bound
        self.value = value
    }

    public var description: String {
        "\(metric.column) \(bound.rawValue) \(NumberText.adaptive(value))\(metric.unit.symbol.isEmpty ? "" : " \(metric.unit.symbol)")"
    }

    public func holds(_ median: Double) -> Bool {
        bound == .atMost ? median <= value : median >= value
    }

    /// How far a median misses the limit, as a share of the limit (0 when it holds).
    public func miss(_ median: Double) -> Double {
        guard !holds(median), value != 0 else { return 0 }
        return abs(median - value) / abs(value)
    }

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// `COLUMN<=VALUE[UNIT]` or `COLUMN>=VALUE[UNIT]`.
    public static func parse(_ text: String) throws(ParseError) -> AdviceConstraint {
        for bound in [Bound.atMost, .atLeast] {
            let parts = text.components(separatedBy: bound.rawValue)
            guard parts.count == 2 else { continue }
            let column = parts[0].trimmingCharacters(in: .whitespaces)
            guard let metric = Metric.named(column) else {
                throw ParseError(description: "\(text): no results column \(column) (`arbench metrics` lists them)")
            }
            return try make(metric, bound, parts[1], given: text)
        }
        throw ParseError(description: "\(text): not a constraint; write COLUMN<=VALUE or COLUMN>=VALUE, e.g. rss_peak_mb<=800MiB")
    }

    /// A shorthand flag's value for `metric`.
    public static func make(_ metric: Metric, _ bound: Bound, _ valueText: String, given: String? = nil) throws(ParseError) -> AdviceConstraint {
        // An axis column holding numbers and a word for no limit (cpu_quota: 1.5 or none) takes a plain number.
        if !metric.isNumeric, let axis = Axis.named(metric.column), axis.number(axis.usual) != nil {
            guard let value = Double(valueText.trimmingCharacters(in: .whitespaces)), value.isFinite else {
                throw ParseError(description: "\(given ?? valueText): \(metric.column) takes a plain number here")
            }
            return AdviceConstraint(metric: metric, bound: bound, value: value)
        }
        switch metric.value(valueText) {
        case .success(let value): return AdviceConstraint(metric: metric, bound: bound, value: value)
        case .failure(let problem): throw ParseError(description: "\(given ?? valueText): \(problem.description)")
        }
    }
}
