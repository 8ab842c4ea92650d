/// Which direction of change is good news for a metric (package-benchmark's naming).
public enum Polarity: String, Sendable, Codable {
    /// Time, CPU, memory: less is better.
    case prefersSmaller = "prefers-smaller"
    /// Throughput: more is better.
    case prefersLarger = "prefers-larger"
    /// Neither direction is good news by itself: settings, counts of work, utilisation.
    case neither
}

extension Polarity {
    /// Positive when going from `from` to `to` is a change for the worse, in percent of `from`:
    /// +25 is 25% more time (or memory), or 25% less throughput.
    /// Nil for `neither` and when `from` is 0.
    public func worsePercent(from: Double, to: Double) -> Double? {
        guard from != 0, self != .neither else { return nil }
        let change = (to - from) / abs(from) * 100
        return self == .prefersSmaller ? change : -change
    }
}
