/// Which direction of change is good news for a metric (package-benchmark's naming).
public enum Polarity: String, Sendable, Codable {
    /// Time, CPU, memory: less is better.
    case prefersSmaller = "prefers-smaller"
    /// Throughput: more is better.
    case prefersLarger = "prefers-larger"
}
