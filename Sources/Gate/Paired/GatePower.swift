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
        /// Pairs a cell the gates took, summed (a fixed gate always takes its size; a sequential one stops early).
        public var pairsUsed = 0

        public var regressionRate: Double? { gates == 0 ? nil : Double(regressions) / Double(gates) }
        public var meanPairs: Double? { gates == 0 ? nil : Double(pairsUsed) / Double(gates) }

        mutating func add(_ outcome: GateOutcome, pairs: Int) {
            gates += 1
            pairsUsed += pairs
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
    /// Pairs a cell of each gate drawn: the fixed gate's size, or a sequential gate's budget.
    public var pairsPerCell: Int
    /// Set when the gates replayed are sequential (`ab --max-pairs`).
    public var sequential: SequentialRule?
    public var withReplacement: Bool
    public var disjoint: Tally
    public var resampled: Tally
    /// The long A/B judged on all its pairs: the measured effect (all-cells geometric mean and interval
    /// per metric), what the gates are trying to see. For an instruction-count A/B, `instructionEffect`.
    public var effect: PairedComparison?
    public var instructionEffect: InstructionComparison?

    /// `pairs`, `base`, `current`: the long A/B (pairs.csv and each side's results.csv rows).
    public init(directory: String, pairs: [PairRecord], base: [ResultRow], current: [ResultRow],
                pairsPerCell: Int, draws: Int, withReplacement: Bool = false, seed: UInt64, comparator: PairedComparator) {
        self.init(directory: directory, pairs: pairs, pairsPerCell: pairsPerCell, draws: draws, withReplacement: withReplacement,
                  seed: seed) { sequences in
            (comparator.compare(directory: directory, pairs: sequences.flatMap { $0 }, base: base, current: current).outcome, pairsPerCell)
        }
        effect = comparator.compare(directory: directory, pairs: pairs, base: base, current: current)
    }

    /// Sequential gates (`ab --max-pairs`) replayed: each gate takes its cells' pairs in a random order and
    /// looks as `rule` looks, with the per-look thresholds, stopping at the first clear look.
    public init(directory: String, pairs: [PairRecord], base: [ResultRow], current: [ResultRow], rule: SequentialRule,
                draws: Int, withReplacement: Bool = false, seed: UInt64, thresholds: PairedThresholds) {
        let judge = PairedComparator(thresholds: rule.perLook(thresholds))
        self.init(directory: directory, pairs: pairs, pairsPerCell: rule.maxPairs, draws: draws, withReplacement: withReplacement,
                  seed: seed) { sequences in
            for look in rule.looks {
                let comparison = judge.compare(directory: directory, pairs: sequences.flatMap { $0.prefix(look) }, base: base, current: current)
                switch rule.decide(comparison, pairsPerCell: look) {
                case .continuing: continue
                case .different: return (.regression, look)
                case .same, .unsure: return (comparison.outcome == .regression ? .regression : comparison.outcome, look)
                }
            }
            return (.pass, rule.maxPairs)
        }
        sequential = rule
        effect = PairedComparator(thresholds: thresholds).compare(directory: directory, pairs: pairs, base: base, current: current)
    }

    /// An instruction-count A/B (`ab --measure instructions`): gates judged as that A/B judges them.
    public init(directory: String, pairs: [PairRecord], base: [ResultRow], current: [ResultRow],
                profiles: InstructionProfiles.BySide,
                pairsPerCell: Int, draws: Int, withReplacement: Bool = false, seed: UInt64, comparator: InstructionComparator) {
        self.init(directory: directory, pairs: pairs, pairsPerCell: pairsPerCell, draws: draws, withReplacement: withReplacement,
                  seed: seed) { sequences in
            (comparator.compare(directory: directory, pairs: sequences.flatMap { $0 }, base: base, current: current, profiles: profiles).outcome,
             pairsPerCell)
        }
        instructionEffect = comparator.compare(directory: directory, pairs: pairs, base: base, current: current, profiles: profiles)
    }

    private init(directory: String, pairs: [PairRecord], pairsPerCell: Int, draws: Int, withReplacement: Bool, seed: UInt64,
                 play: ([[PairRecord]]) -> (outcome: GateOutcome, pairs: Int)) {
        var byCell: [String: [PairRecord]] = [:]
        for pair in pairs { byCell[pair.cellID, default: []].append(pair) }
        let cellIDs = byCell.keys.sorted()
        let groups = cellIDs.map { byCell[$0]!.sorted { $0.pair < $1.pair } }
        self.directory = directory
        self.cells = groups.count
        self.pairsPerCell = pairsPerCell
        self.withReplacement = withReplacement
        self.pairsAvailable = groups.map(\.count).min() ?? 0

        var generator = SeededGenerator(seed: seed)
        var disjoint = Tally()
        var resampled = Tally()
        if pairsPerCell > 0, pairsAvailable >= pairsPerCell {
            let shuffled = groups.map { $0.shuffled(using: &generator) }
            for gate in 0..<(pairsAvailable / pairsPerCell) {
                let range = (gate * pairsPerCell)..<((gate + 1) * pairsPerCell)
                let gate = play(shuffled.map { Array($0[range]) })
                disjoint.add(gate.outcome, pairs: gate.pairs)
            }
        }
        if pairsPerCell > 0, pairsAvailable >= (withReplacement ? 1 : pairsPerCell) {
            for _ in 0..<max(0, draws) {
                let drawn = groups.map { group in
                    withReplacement
                        ? (0..<pairsPerCell).map { _ in group[Int(generator.next() % UInt64(group.count))] }
                        : Array(group.shuffled(using: &generator).prefix(pairsPerCell))
                }
                let gate = play(drawn)
                resampled.add(gate.outcome, pairs: gate.pairs)
            }
        }
        self.disjoint = disjoint
        self.resampled = resampled
    }
}
