import Foundation
import Gate
import Results

/// Median, min and max of one metric over a cell's repetitions.
public struct Stats: Sendable, Equatable {
    public var median: Double
    public var min: Double
    public var max: Double
    public var count: Int

    public init?(_ values: [Double]) {
        let sorted = values.filter(\.isFinite).sorted()
        guard let first = sorted.first, let last = sorted.last, let median = Descriptive.quantile(sorted: sorted, 0.5) else { return nil }
        self.median = median
        min = first
        max = last
        count = sorted.count
    }
}

/// One panel of a per-allocator chart: an allocator (with its MALLOC_CONF) under one variant.
public struct PanelKey: Hashable, Sendable {
    public var allocatorLabel: String
    public var variant: Variant
}

/// The ok rows of a run grouped the ways the charts need them.
public struct RunIndex: Sendable {
    public let run: RunData
    public let varying: VaryingAxes
    /// Allocator labels in display order: glibc, jemalloc, tcmalloc, mimalloc, then others.
    public let allocatorLabels: [String]
    public let panels: [PanelKey]
    public let engineThreads: [Int]
    public let intraOps: [Int]
    public let repetitions: Int
    private let rowsByConfig: [CellAxes: [RunRow]]
    /// Sorted once: a dictionary's order changes from process to process (Swift seeds its hashing per
    /// process), and charts drawn in that order would differ byte for byte between two plots of one run.
    public let configs: [CellAxes]

    public init(_ run: RunData) {
        self.run = run
        var byConfig: [CellAxes: [RunRow]] = [:]
        for row in run.rows { byConfig[row.config, default: []].append(row) }
        rowsByConfig = byConfig
        configs = byConfig.keys.sorted()

        var varying = VaryingAxes()
        varying.libtorch = Set(configs.map(\.libtorch)).count > 1
        varying.engineMode = Set(configs.map(\.engineMode)).count > 1
        varying.interOp = Set(configs.map(\.interOpThreads)).count > 1
        varying.ompWaitPolicy = Set(configs.map(\.ompWaitPolicy)).count > 1
        varying.cpuQuota = Set(configs.map(\.cpuQuota)).count > 1
        varying.cpuset = Set(configs.map(\.cpuset)).count > 1
        varying.load = Set(configs.map(\.load)).count > 1
        varying.engine = Set(configs.map(\.engine)).count > 1
        let all = configs
        varying.tableOnly = Set(Results.Axis.tableOnly.filter { axis in Set(all.map { axis.value(in: $0) }).count > 1 }.map(\.name))
        self.varying = varying

        let labelled = Dictionary(configs.map { ($0.allocatorLabel, $0) }, uniquingKeysWith: { a, _ in a })
        allocatorLabels = labelled.keys.sorted { a, b in
            let ca = labelled[a]!, cb = labelled[b]!
            let ka = (Self.allocatorRank(ca.allocator), ca.allocator, ca.mallocConf)
            let kb = (Self.allocatorRank(cb.allocator), cb.allocator, cb.mallocConf)
            return ka < kb
        }
        let order = Dictionary(uniqueKeysWithValues: allocatorLabels.enumerated().map { ($1, $0) })
        panels = Set(configs.map { PanelKey(allocatorLabel: $0.allocatorLabel, variant: $0.variant) })
            .sorted { a, b in
                (a.variant, order[a.allocatorLabel] ?? 0) < (b.variant, order[b.allocatorLabel] ?? 0)
            }
        engineThreads = Set(configs.map(\.engineThreads)).sorted()
        intraOps = Set(configs.map(\.intraOpThreads)).sorted()
        repetitions = byConfig.values.map(\.count).max() ?? 0
    }

    static func allocatorRank(_ name: String) -> Int {
        switch name.lowercased() {
        case "glibc", "system", "default", "ptmalloc": return 0
        case "jemalloc": return 1
        case "tcmalloc": return 2
        case "mimalloc": return 3
        default: return 9
        }
    }

    /// What the run's cells are for: capacity, p99 under load, or throughput offline (advise's default).
    public var objective: AdviceObjective { .following(configs) }

    /// Cells that share every condition and subject axis the run varies (advise's groups), in cell order.
    public var conditionGroups: [(label: String, configs: [CellAxes])] {
        let fixed = Results.Axis.conditions(varyingIn: configs, roles: run.meta.roles)
        return Results.Axis.grouped(configs, by: fixed) { $0 }.map { group in
            (Results.Axis.describe(fixed, group.values), group.items)
        }
    }

    public func configs(in panel: PanelKey) -> [CellAxes] {
        configs.filter { $0.allocatorLabel == panel.allocatorLabel && $0.variant == panel.variant }
    }

    public func rows(_ config: CellAxes) -> [RunRow] { rowsByConfig[config] ?? [] }

    /// The metric over the cell's repetitions; `nil` when no repetition has it.
    public func stats(_ metric: Metric, _ config: CellAxes) -> Stats? {
        Stats(rows(config).compactMap { $0.value(metric) })
    }

    /// Throughput (x real time): the column, or audio_s / processing_s when the column is empty.
    public func throughput(_ config: CellAxes) -> Stats? {
        Stats(rows(config).compactMap { row in
            if let x = row.value(.throughput) { return x }
            if let audio = row.value(.audioSeconds), let processing = row.value(.processingSeconds), processing > 0 {
                return audio / processing
            }
            return nil
        })
    }

    public func panelTitle(_ panel: PanelKey) -> String {
        let extra = panel.variant.label(varying: varying)
        return extra.isEmpty ? panel.allocatorLabel : "\(panel.allocatorLabel), \(extra)"
    }

    public func cellLabel(_ cell: ComparableCell) -> String { cell.label(varying: varying) }

    /// Style slot of an allocator: the same colour and dash in every chart of the run.
    public func allocatorStyle(_ label: String) -> Int { (allocatorLabels.firstIndex(of: label) ?? 0) + 1 }

    /// Style slot of an intra-op setting.
    public func intraStyle(_ intra: Int) -> Int { (intraOps.firstIndex(of: intra) ?? 0) + 1 }

    /// The cell most allocators share, preferring more engine threads, then fewer intra-op threads.
    /// `present` says whether an allocator has usable data for the cell.
    public func comparisonCell(present: (CellAxes) -> Bool) -> (cell: ComparableCell, configs: [CellAxes])? {
        var byCell: [ComparableCell: [CellAxes]] = [:]
        for config in rowsByConfig.keys where present(config) { byCell[config.comparable, default: []].append(config) }
        let best = byCell.max { a, b in
            let ka = (Set(a.value.map(\.allocatorLabel)).count, a.key.engineThreads, -a.key.intraOpThreads)
            let kb = (Set(b.value.map(\.allocatorLabel)).count, b.key.engineThreads, -b.key.intraOpThreads)
            if ka != kb { return ka < kb }
            return b.key.variant < a.key.variant  // the first variant wins ties
        }
        guard let best else { return nil }
        let order = Dictionary(uniqueKeysWithValues: allocatorLabels.enumerated().map { ($1, $0) })
        return (best.key, best.value.sorted { (order[$0.allocatorLabel] ?? 0) < (order[$1.allocatorLabel] ?? 0) })
    }
}
