/// Which build ran first in a pair of the A/B (`arbench ab`): half of a cell's pairs run base first,
/// half current first, so a drift of the machine within a pair (warming up, a neighbour starting)
/// adds to one side as often as to the other and cancels in the cell's median ratio.
public enum PairOrder: String, Sendable, Codable, CaseIterable {
    case baseFirst = "AB"
    case currentFirst = "BA"
}

/// The two builds an A/B compares; the raw value is the run directory's name under the A/B's directory.
public enum BuildSide: String, Sendable, Codable, CaseIterable {
    case base
    case current
}

extension PairOrder {
    /// The sides in the order they run.
    public var sides: [BuildSide] { self == .baseFirst ? [.base, .current] : [.current, .base] }
}
