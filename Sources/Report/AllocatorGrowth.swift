import Foundation
import Results

// MARK: - RSS growth per hour of work, one bar per allocator (issue #17)

extension ChartPlanner {
    /// The cells the growth chart compares under one runtime: the cell most allocators share (as the
    /// allocator comparison picks it), or, when each allocator ran a single cell of its own (a soak run
    /// whose allocators sit at different thread counts), those cells. `nil` when no cell has `metric`.
    static func growthCells(_ index: RunIndex, runtime: String, metric: Metric)
        -> (title: String, configs: [CellAxes], ownCells: Bool)? {
        let present: (CellAxes) -> Bool = { $0.libtorch == runtime && index.stats(metric, $0) != nil }
        guard let pick = index.comparisonCell(present: present) else { return nil }
        let byAllocator = Dictionary(grouping: index.configs.filter(present), by: \.allocatorLabel)
        if byAllocator.count > Set(pick.configs.map(\.allocatorLabel)).count, byAllocator.values.allSatisfy({ $0.count == 1 }) {
            let configs = index.allocatorLabels.compactMap { byAllocator[$0]?.first }
            let runtimeText = index.varying.libtorch ? "LibTorch \(LibTorchRuntime(name: runtime).label), " : ""
            return ("\(runtimeText)each allocator's own cell", configs, true)
        }
        return (index.cellLabel(pick.cell), pick.configs, false)
    }

    static func allocatorGrowth(_ index: RunIndex, _ out: inout ChartPlanning) {
        let name = "allocator-growth"
        let has = { (metric: Metric) in index.configs.contains { index.stats(metric, $0) != nil } }
        // The late slope is the one that tells a leak (steady growth) from a plateau; the whole-span slope
        // stands in when the late half was too short to fit, and says so.
        let metric: Metric
        if has(.rssLateSlopeMiBPerHour) {
            metric = .rssLateSlopeMiBPerHour
        } else if has(.rssSlopeMiBPerHour) {
            metric = .rssSlopeMiBPerHour
            out.notes.append("\(name): \(Metric.rssLateSlopeMiBPerHour) is empty in every cell, so the bars show \(Metric.rssSlopeMiBPerHour) (the whole span after warm-up)")
        } else {
            out.notes.append("\(name) skipped: no cell has \(Metric.rssLateSlopeMiBPerHour) or \(Metric.rssSlopeMiBPerHour) (runs shorter than about 30 s after warm-up leave them empty)")
            return
        }
        var panels: [Panel] = []
        var all: [Double] = []
        var values: [String] = []
        for runtime in runtimes(index) {
            guard let pick = growthCells(index, runtime: runtime, metric: metric) else { continue }
            // With each allocator on its own cell, the tick names the cell too.
            let labels = pick.configs.map { pick.ownCells ? $0.label : $0.allocatorLabel }
            var series: [Series] = []
            for (i, config) in pick.configs.enumerated() {
                guard let stats = index.stats(metric, config) else { continue }
                series.append(allocatorBar(index, stats, config: config, at: i, labels: labels))
                all += [stats.min, stats.max]
                values.append("\(labels[i]) \(String(format: "%.0f", stats.median)) MiB/h")
            }
            guard !series.isEmpty else { continue }
            panels.append(Panel(title: pick.title, x: barAxis(labels, label: "allocator"),
                                y: Axis(label: metric.titleWithUnit), key: barLayout(labels, panels: 1).key, series: series))
        }
        guard !panels.isEmpty else {
            out.notes.append("\(name) skipped: no cell has \(metric)")
            return
        }
        // A shrinking process has a negative slope: the range reaches below 0 then, else it starts at 0.
        let low = all.min() ?? 0
        for i in panels.indices {
            panels[i].y.min = low < 0 ? low * 1.08 : 0
            panels[i].y.max = headroom(all)
        }
        let span = metric == .rssLateSlopeMiBPerHour ? "later half of each run" : "whole run after warm-up"
        out.plans.append(ChartPlan(
            name: name,
            caption: "How fast resident memory still grows per hour of work under each allocator (least-squares slope of sampled RSS over the \(span), \(spreadNote(index))): steady growth that does not level off is fragmentation or a leak, near 0 is a plateau. \(values.joined(separator: ", ")).",
            figure: Figure(title: "RSS growth per hour of work, \(span) (\(spreadNote(index)))", footer: footer(index),
                           panels: panels, columns: panels.contains { $0.key == .outsideRight } ? 1 : nil)))
    }
}
