import Foundation
import Results

/// Judges an instruction-count A/B. Instruction counts of one build repeat to about 0.01% here
/// (Experiments/gate/NOISE.md), so no test statistic is needed: a cell regresses when its current
/// median is above the base median by more than the limit, the limit being the configured one
/// (PairedThresholds.instructionPercent) or `spreadMultiple` times the runs' own spread, whichever is
/// larger, so an unsteady count widens its own limit instead of alarming. Fewer than `minimumRuns` ok
/// runs a side show no spread: not comparable. A current run failing where the base run was ok is a
/// regression; different outputs or a build whose markers counted nothing make the A/B not comparable.
public struct InstructionComparator: Sendable {
    public var limitPercent: Double
    public var spreadMultiple: Double = 3
    public var minimumRuns = 2
    /// Objects listed per cell.
    public var objectsShown = 6

    public init(limitPercent: Double) {
        self.limitPercent = limitPercent
    }

    /// `profiles`: each run's profile (or why it could not be read), by side and run key.
    public func compare(directory: String, pairs: [PairRecord], base: [ResultRow], current: [ResultRow],
                        profiles: InstructionProfiles.BySide) -> InstructionComparison {
        let baseRows = PairedComparator.byKey(base), currentRows = PairedComparator.byKey(current)
        var notes: [String] = []
        var byCell: [String: [PairRecord]] = [:]
        for pair in pairs { byCell[pair.cellID, default: []].append(pair) }
        var cells: [InstructionComparison.Cell] = []
        var unmarked: Set<BuildSide> = []
        for id in byCell.keys.sorted() {
            var okProfiles: [BuildSide: [InstructionProfile]] = [.base: [], .current: []]
            var failedOnCurrentOnly = 0, outputsDiffer = 0
            for pair in byCell[id]! {
                guard let b = baseRows[pair.baseKey], let c = currentRows[pair.currentKey] else {
                    notes.append("\(id) pair \(pair.pair): a side's row is missing from results.csv; pair ignored")
                    continue
                }
                if b.isOK && !c.isOK { failedOnCurrentOnly += 1 }
                if b.isOK && c.isOK && b[.outputDigest] != c[.outputDigest] { outputsDiffer += 1 }
                for (side, row) in [(BuildSide.base, b), (.current, c)] where row.isOK {
                    switch profiles[side]?[pair.key(side)] {
                    case .success(let profile) where profile.total == 0: unmarked.insert(side)
                    case .success(let profile): okProfiles[side]!.append(profile)
                    case .failure(let problem): notes.append("\(side.rawValue): \(problem.description)")
                    case nil: notes.append("\(side.rawValue): \(id) pair \(pair.pair): no instruction count")
                    }
                }
            }
            cells.append(judge(id, base: okProfiles[.base]!, current: okProfiles[.current]!,
                               failedOnCurrentOnly: failedOnCurrentOnly, outputsDiffer: outputsDiffer))
        }
        for side in BuildSide.allCases where unmarked.contains(side) {
            notes.append("the \(side.rawValue) build counted no instructions: it has no count markers (arbench before "
                         + "instruction counting, or built without valgrind/callgrind.h); build it with Valgrind installed")
        }
        let outcome: GateOutcome
        if cells.isEmpty || !unmarked.isEmpty {
            if cells.isEmpty { notes.append("no finished pairs: nothing to judge") }
            outcome = .notComparable
        } else if cells.contains(where: { $0.outputsDiffer > 0 }) {
            outcome = .outputsChanged
        } else if cells.contains(where: { $0.verdict == .regression || $0.failedOnCurrentOnly > 0 }) {
            outcome = .regression
        } else if cells.contains(where: { $0.verdict == .noData || $0.verdict == .inconclusive }) {
            outcome = .notComparable
        } else {
            outcome = .pass
        }
        return InstructionComparison(directory: directory, pairs: pairs.count, cells: cells, limitPercent: limitPercent,
                                     spreadMultiple: spreadMultiple, minimumRuns: minimumRuns, notes: notes, outcome: outcome)
    }

    func judge(_ id: String, base: [InstructionProfile], current: [InstructionProfile],
               failedOnCurrentOnly: Int, outputsDiffer: Int) -> InstructionComparison.Cell {
        let baseCounts = base.map(\.gated), currentCounts = current.map(\.gated)
        var cell = InstructionComparison.Cell(
            cellID: id, base: baseCounts, current: currentCounts, changePercent: nil, spreadPercent: nil,
            limitPercent: limitPercent, failedOnCurrentOnly: failedOnCurrentOnly, outputsDiffer: outputsDiffer,
            objects: [], verdict: .noData)
        guard let b = Self.median(baseCounts), let c = Self.median(currentCounts), b > 0 else { return cell }
        cell.changePercent = (Double(c) / Double(b) - 1) * 100
        cell.objects = objectChanges(base: base, current: current, baseTotal: b)
        guard baseCounts.count >= minimumRuns, currentCounts.count >= minimumRuns else {
            cell.verdict = .inconclusive
            return cell
        }
        let spread = max(Self.spread(baseCounts), Self.spread(currentCounts))
        cell.spreadPercent = spread
        cell.limitPercent = max(limitPercent, spreadMultiple * spread)
        let change = cell.changePercent!
        cell.verdict = change > cell.limitPercent ? .regression : change < -cell.limitPercent ? .improvement : .unchanged
        return cell
    }

    private func objectChanges(base: [InstructionProfile], current: [InstructionProfile], baseTotal: UInt64) -> [InstructionComparison.ObjectChange] {
        let names = Set(base.flatMap(\.byObject.keys) + current.flatMap(\.byObject.keys))
        let changes = names.map { name in
            let b = Self.median(base.map { $0.byObject[name] ?? 0 }) ?? 0
            let c = Self.median(current.map { $0.byObject[name] ?? 0 }) ?? 0
            return InstructionComparison.ObjectChange(
                object: name, base: b, current: c,
                shareOfTotalPercent: (Double(c) - Double(b)) / Double(baseTotal) * 100,
                waitLoop: InstructionProfile.waitLoopObjects.contains(name))
        }
        return Array(changes.sorted { (abs($0.shareOfTotalPercent), $1.object) > (abs($1.shareOfTotalPercent), $0.object) }.prefix(objectsShown))
    }

    /// The middle value (the lower middle of an even count: a count that was measured, not a mean).
    static func median(_ values: [UInt64]) -> UInt64? {
        guard !values.isEmpty else { return nil }
        return values.sorted()[(values.count - 1) / 2]
    }

    /// (max - min) / median in percent; 0 for one value.
    static func spread(_ values: [UInt64]) -> Double {
        guard let median = median(values), median > 0, let low = values.min(), let high = values.max() else { return 0 }
        return Double(high - low) / Double(median) * 100
    }
}
