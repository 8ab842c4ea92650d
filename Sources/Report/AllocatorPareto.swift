import CPlot
import Foundation
import Results

// MARK: - Throughput against average RSS, the Pareto front marked (issue #17)

extension ChartPlanner {
    /// Positions in `points` of the Pareto front: the points no other point beats on both, i.e. none
    /// has higher-or-equal throughput and lower-or-equal RSS while strictly better on one. Equal points
    /// do not beat each other, so both stay. Sorted by throughput, then RSS: the order the front's line
    /// is drawn in.
    static func paretoFront(_ points: [(throughput: Double, rss: Double)]) -> [Int] {
        let front = ParetoFront.indices(points.map { p in
            p.throughput.isFinite && p.rss.isFinite ? [p.throughput, -p.rss] : nil
        })
        return front.sorted { (points[$0].throughput, points[$0].rss) < (points[$1].throughput, points[$1].rss) }
    }

    /// LibTorch runtimes of the run, system before pypi (the order `Variant` sorts them in).
    static func runtimes(_ index: RunIndex) -> [String] {
        Set(index.configs.map(\.libtorch)).sorted(by: >)
    }

    static func allocatorPareto(_ index: RunIndex, _ out: inout ChartPlanning) {
        let name = "allocator-pareto"
        guard index.allocatorLabels.count > 1 else {
            out.notes.append("\(name) skipped: only one allocator in this run (\(index.allocatorLabels.first ?? "none"))")
            return
        }
        // A heavy black line with large rings: a dotted categorical line vanished among a hundred markers.
        let frontStyle = Int(ARB_STYLE_EMPHASIS)
        var panels: [Panel] = []
        var xs: [Double] = [], ys: [Double] = []
        var frontTexts: [String] = []
        for runtime in runtimes(index) {
            // Every configuration of the runtime (thread counts, allocator and any variant axis) is one point.
            let points = index.configs.filter { $0.libtorch == runtime }.compactMap { config -> (CellAxes, Double, Double)? in
                guard let throughput = index.throughput(config)?.median,
                      let rss = index.stats(.rssAverageMiB, config)?.median else { return nil }
                return (config, throughput, rss)
            }
            guard !points.isEmpty else { continue }
            var series: [Series] = []
            for label in index.allocatorLabels {
                let mine = points.filter { $0.0.allocatorLabel == label }
                guard !mine.isEmpty else { continue }
                series.append(Series(name: label, kind: .points, style: index.allocatorStyle(label),
                                     x: mine.map(\.1), y: mine.map(\.2)))
            }
            let front = paretoFront(points.map { (throughput: $0.1, rss: $0.2) }).map { points[$0] }
            // Lines and points: a front of one configuration (a soak run's two cells) still shows, and each
            // front member gets a ring around its allocator's marker.
            series.append(Series(name: "Pareto front (\(front.count) setting\(front.count == 1 ? "" : "s"))",
                                 kind: .linesPoints, style: frontStyle, x: front.map(\.1), y: front.map(\.2)))
            xs += points.map(\.1)
            ys += points.map(\.2)
            let members = front.map { "\($0.0.label) (\(String(format: "%.0f", $0.1))x, \(String(format: "%.0f", $0.2)) MiB)" }
            let runtimeLabel = "LibTorch \(LibTorchRuntime(name: runtime).label)"
            frontTexts.append((index.varying.libtorch ? "\(runtimeLabel): " : "") + members.joined(separator: ", "))
            panels.append(Panel(title: index.varying.libtorch ? runtimeLabel : "",
                                x: Axis(label: Metric.throughput.titleWithUnit),
                                y: Axis(label: Metric.rssAverageMiB.titleWithUnit), series: series))
        }
        guard !panels.isEmpty, let xLo = xs.min(), let xHi = xs.max(), let yLo = ys.min(), let yHi = ys.max() else {
            out.notes.append("\(name) skipped: no cell has both \(Metric.throughput) and \(Metric.rssAverageMiB)")
            return
        }
        // One scale for every runtime, so their fronts compare by eye; not from 0, since configurations
        // often differ by tens of MiB on a few hundred. But spanning at least a tenth of the values: a soak
        // run's two allocators at 319x and 320x would otherwise sit at opposite edges as if far apart.
        func padded(_ lo: Double, _ hi: Double) -> (Double, Double) {
            let span = Swift.max(hi - lo, Swift.max(abs(lo), abs(hi)) * 0.1, 1e-9)
            let centre = (lo + hi) / 2
            return (Swift.min(lo, centre - span / 2) - span * 0.06, Swift.max(hi, centre + span / 2) + span * 0.06)
        }
        let (x0, x1) = padded(xLo, xHi), (y0, y1) = padded(yLo, yHi)
        for i in panels.indices {
            panels[i].x.min = x0
            panels[i].x.max = x1
            panels[i].y.min = y0
            panels[i].y.max = y1
        }
        out.plans.append(ChartPlan(
            name: name,
            caption: "Each point is one cell configuration of the run (\(medianNote(index)) of throughput and average RSS), coloured by allocator; the black line joins the Pareto front, the configurations no other one beats on both (at least as fast with no more memory, and better on one). A point off the front is dominated: some setting is as fast for less memory, or faster for the same. Front: \(frontTexts.joined(separator: "; ")).",
            // Runtimes stacked in one column: a scatter of a hundred points needs the width, and the shared
            // throughput scale lines up from panel to panel.
            figure: Figure(title: "Throughput against average RSS per configuration (\(medianNote(index)))",
                           footer: footer(index), panels: panels, columns: panels.count <= 3 ? 1 : nil)))
    }
}
