/// The order cells run in. Both run every cell once per repetition before any cell's next
/// repetition, so slow drift of the machine (heat, page cache, neighbours) spreads over all cells
/// instead of landing on one.
public enum RunOrder: Sendable, Equatable, Codable {
    /// Grid order within each repetition.
    case interleaved
    /// Shuffled within each repetition by a seeded generator: the same seed gives the same order,
    /// so a resumed sweep continues the order it started.
    case randomized(seed: UInt64)
}
