/// A cgroup's CFS bandwidth counters (cpu.stat): how often its quota ran out.
public struct CFSStats: Sendable, Equatable {
    /// Enforcement periods in which the group had runnable threads.
    public var periods: Int
    /// Periods in which it used up its quota and was stopped until the next one.
    public var throttled: Int
    /// Time its threads were held back, summed over them.
    public var throttledSeconds: Double

    public init(periods: Int, throttled: Int, throttledSeconds: Double) {
        self.periods = periods
        self.throttled = throttled
        self.throttledSeconds = throttledSeconds
    }

    /// Share of periods throttled, percent; nil before the first period.
    public var throttledPercent: Double? { periods > 0 ? Double(throttled) / Double(periods) * 100 : nil }

    /// cpu.stat of either version: v1 `nr_periods`, `nr_throttled`, `throttled_time` (ns); v2 the same
    /// counters with `throttled_usec` (and usage lines, ignored). Nil when the counters are missing.
    public static func parse(_ text: String) -> CFSStats? {
        var values: [Substring: Int] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2, let value = Int(fields[1]) { values[fields[0]] = value }
        }
        guard let periods = values["nr_periods"], let throttled = values["nr_throttled"] else { return nil }
        let seconds = values["throttled_usec"].map { Double($0) / 1e6 } ?? values["throttled_time"].map { Double($0) / 1e9 } ?? 0
        return CFSStats(periods: periods, throttled: throttled, throttledSeconds: seconds)
    }
}
