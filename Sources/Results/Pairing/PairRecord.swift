/// One finished pair of the A/B: a cell run once by each build, back to back. Which row of each
/// side's results.csv belongs to it is written down rather than implied, so the verdict and a
/// reader of pairs.csv never have to guess how repetitions line up.
public struct PairRecord: Sendable, Hashable, Codable {
    public var cellID: String
    /// Counted from 1 within the cell.
    public var pair: Int
    public var order: PairOrder
    public var baseRepetition: Int
    public var currentRepetition: Int

    public init(cellID: String, pair: Int, order: PairOrder, baseRepetition: Int, currentRepetition: Int) {
        self.cellID = cellID
        self.pair = pair
        self.order = order
        self.baseRepetition = baseRepetition
        self.currentRepetition = currentRepetition
    }

    public var baseKey: RunKey { RunKey(cellID: cellID, repetition: baseRepetition) }
    public var currentKey: RunKey { RunKey(cellID: cellID, repetition: currentRepetition) }

    public func key(_ side: BuildSide) -> RunKey { side == .base ? baseKey : currentKey }
}
