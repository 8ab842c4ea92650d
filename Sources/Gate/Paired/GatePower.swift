import Results

/// How often a gate of a given size says "regression", estimated from one long A/B of the same two
/// builds (issue #19: A/A false alarms, detection of real slowdowns). Every gate drawn is judged by
/// `PairedComparator`, exactly as `arbench ab` judges, so the rates are the shipped gate's rates.
///
/// Two estimates, both stated: `disjoint` splits each cell's pairs into as many non-overlapping gates
/// as they make (independent gates, few of them); `resampled` draws `draws` gates of `pairsPerCell`
/// pairs a cell without replacement within a gate, independently across gates (many gates that share
/// pairs, so they are not independent: a rate from them is an estimate, not a count of trials).
/// `withReplacement` draws each gate's pairs with replacement instead (a bootstrap of the measured
/// pairs), which sizes gates larger than a sizeable share of the pool; still an estimate.
public struct GatePower: Sendable, Codable {
    public struct Tally: Sendable, Codable, Equatable {
        public var gates = 0
        public var regressions = 0
        public var notComparable = 0

        public var regressionRate: Double? { gates == 0 ? nil : Double(regressions) / Double(gates) }

        mutating func add(_ outcome: GateOutcome) {
            gates += 1
            switch outcome {
            case .regression: regressions += 1
            case .notComparable, .outputsChanged: notComparable += 1
            case .pass: break
            }
        }
    }

    public var directory: String
    /// The fewest ok-or-not pairs any cell has: what each gate's draw comes from.
    public var pairsAvailable: Int
    public var cells: Int
    public var pairsPerCell: Int
    public var withReplacement: Bool
    public var disjoint: Tally
    public var resampled: Tally
    /// The long A/B judged on all its pairs: the measured effect (all-cells geometric mean and interval
    /// per metric), what the gates are trying to see.
    public var effect: PairedComparison

    /// `pairs`, `base`, `current`: the long A/B (pairs.csv and each side's results.csv rows).
    public init(directory: String, pairs: [PairRecord], base: [ResultRow], current: [ResultRow],
                pairsPerCell: Int, draws: Int, withReplacement: Bool = false, seed: UInt64, comparator: PairedComparator) {
        var byCell: [String: [PairRecord]] = [:]
        for pair in pairs { byCell[pair.cellID, default: []].append(pair) }
        let cellIDs = byCell.keys.sorted()
        let groups = cellIDs.map { byCell[$0]!.sorted { $0.pair < $1.pair } }
        self.directory = directory
        self.cells = groups.count
        self.pairsPerCell = pairsPerCell
        self.withReplacement = withReplacement
        self.pairsAvailable = groups.map(\.count).min() ?? 0
        self.effect = comparator.compare(directory: directory, pairs: pairs, base: base, current: current)

        func judge(_ drawn: [PairRecord]) -> GateOutcome {
            comparator.compare(directory: directory, pairs: drawn, base: base, current: current).outcome
        }
        var generator = SeededGenerator(seed: seed)
        var disjoint = Tally()
        var resampled = Tally()
        if pairsPerCell > 0, pairsAvailable >= pairsPerCell {
            let shuffled = groups.map { $0.shuffled(using: &generator) }
            for gate in 0..<(pairsAvailable / pairsPerCell) {
                let range = (gate * pairsPerCell)..<((gate + 1) * pairsPerCell)
                disjoint.add(judge(shuffled.flatMap { Array($0[range]) }))
            }
        }
        if pairsPerCell > 0, pairsAvailable >= (withReplacement ? 1 : pairsPerCell) {
            for _ in 0..<max(0, draws) {
                let drawn = groups.flatMap { group in
                    withReplacement
                        ? (0..<pairsPerCell).map { _ in group[Int(generator.next() % UInt64(group.count))] }
                        : Array(group.shuffled(using: &generator).prefix(pairsPerCell))
                }
                resampled.add(judge(drawn))
            }
        }
        self.disjoint = disjoint
        self.resampled = resampled
    }
}
