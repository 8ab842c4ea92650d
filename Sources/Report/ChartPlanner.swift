import CPlot
import Foundation
import Results

/// The charts a run supports, and what it lacks for the others.
public struct ChartPlanning: Sendable {
    public var plans: [ChartPlan] = []
    /// What is missing or left out, one sentence each (e.g. "fig5 skipped: only one allocator in this run").
    public var notes: [String] = []
}

/// Decides every chart from a run's rows: grouping, aggregation over repetitions, ranges, series.
public enum ChartPlanner {
    public static let stageColumns: [Metric] = [
        .stageValidationSeconds, .stageSegmentationSeconds, .stageFeaturesSeconds, .stageInferenceSeconds,
        .stagePostprocessingSeconds,
    ]

    public static func plan(_ index: RunIndex) -> ChartPlanning {
        var out = ChartPlanning()
        out.notes = coverageNotes(index)
        guard !index.configs.isEmpty else {
            out.notes.append("no charts: results.csv has no ok rows")
            return out
        }
        let builders: [(RunIndex, inout ChartPlanning) -> Void] = [
            cpuUtilisation, processingTime, rssTimeline, throughputHeatmap, stageBreakdown,
            contextSwitches, peakThreads, allocatorComparison, allocatorPareto, allocatorGrowth, quotaCharts, loadCharts,
        ]
        for build in builders { build(index, &out) }
        return out
    }

    // MARK: - What the run covers

    static func coverageNotes(_ index: RunIndex) -> [String] {
        var notes: [String] = []
        let run = index.run
        if run.skippedCount > 0 {
            let parts = run.skippedByStatus.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                + (run.unreadableRows > 0 ? ["unreadable settings \(run.unreadableRows)"] : [])
            notes.append("left out \(run.skippedCount) row(s) that are not ok: \(parts.joined(separator: ", "))")
        }
        guard !index.configs.isEmpty else { return notes }
        if index.allocatorLabels.count == 1 {
            notes.append("only one allocator in this run (\(index.allocatorLabels[0])): one panel per chart")
        }
        if index.intraOps.count == 1 {
            notes.append("only one intra-op setting in this run (\(index.intraOps[0])): one line per panel")
        }
        if index.engineThreads.count == 1 {
            notes.append("only one engine-thread count in this run (\(index.engineThreads[0])): lines are single points")
        }
        if index.repetitions <= 1 {
            notes.append("one repetition per cell: no min-max error bars")
        }
        return notes
    }

    static func footer(_ index: RunIndex) -> String {
        let m = index.run.meta
        var parts = [m.cpuModel == "unknown" ? "CPU unknown" : m.cpuModel, "\(m.cores) cores"]
        if m.memoryGB != "unknown" { parts.append("\(m.memoryGB) GB") }
        if m.kernel != "unknown" { parts.append("kernel \(m.kernel)") }
        parts += ["git \(m.shortCommit)", "experiment \(m.experiment)"]
        var text = parts.joined(separator: " · ") + " · \(index.run.rows.count) ok rows"
        if index.run.skippedCount > 0 { text += " (\(index.run.skippedCount) not ok, left out)" }
        return text
    }

    static func spreadNote(_ index: RunIndex) -> String {
        index.repetitions > 1 ? "median of \(index.repetitions) repetitions, bars: min–max" : "1 repetition"
    }

    /// With variants (engine mode, inter-op, OMP policy) in the run: a column per allocator, a row per variant.
    static func gridColumns(_ index: RunIndex) -> Int? {
        let variants = Set(index.panels.map(\.variant)).count
        return variants > 1 && index.allocatorLabels.count <= 4 ? index.allocatorLabels.count : nil
    }

    /// In processes mode the engine-thread count is the number of one-thread worker processes.
    static func engineLabel(_ index: RunIndex) -> String {
        let modes = Set(index.configs.map(\.engineMode))
        if modes == ["processes"] { return "worker processes" }
        return modes.contains("processes") ? "engine threads or worker processes" : "engine threads"
    }

    static func medianNote(_ index: RunIndex) -> String {
        index.repetitions > 1 ? "median of \(index.repetitions) repetitions" : "1 repetition"
    }

    // MARK: - Axes

    /// Thread counts on x: log2 when they double (all positive, powers of two or spanning 8x), ticks at each value.
    static func threadAxis(_ values: [Int], label: String) -> Axis {
        let xs = Array(Set(values)).sorted()
        guard let lo = xs.first, let hi = xs.last else { return Axis(label: label) }
        let ticks = xs.map { (label: String($0), position: Double($0)) }
        let doubling = lo > 0 && xs.count >= 2 && (xs.allSatisfy { $0 & ($0 - 1) == 0 } || hi >= 8 * lo)
        if doubling {
            // Every count from 1 to 16 crowds the top of a log axis into one smear of digits: past
            // eight values, only 2^k and 3 x 2^k keep a label (1 2 3 4 6 8 12 16), the rest a bare tick.
            let crowded = xs.count > 8
            let spaced = ticks.map { tick -> (label: String, position: Double) in
                let n = Int(tick.position)
                let readable = !crowded || n & (n - 1) == 0 || (n % 3 == 0 && (n / 3) & (n / 3 - 1) == 0)
                return (label: readable ? tick.label : "", position: tick.position)
            }
            return Axis(label: "\(label) (log2 scale)", logBase: 2, min: Double(lo) / 1.3, max: Double(hi) * 1.3,
                        ticks: spaced)
        }
        let pad = xs.count == 1 ? 1.0 : max(0.5, Double(hi - lo) * 0.05)
        return Axis(label: label, min: Double(lo) - pad, max: Double(hi) + pad, ticks: ticks)
    }

    /// Categories at 0, 1, 2, ... on a discrete axis.
    /// Long labels (an allocator with its MALLOC_CONF) are wrapped onto several lines.
    static func categoryAxis(_ labels: [String], label: String) -> Axis {
        Axis(label: label, min: -0.6, max: Double(labels.count) - 0.4,
             ticks: labels.enumerated().map { (label: Figure.wrap($0.element, limit: 16), position: Double($0.offset)) })
    }

    /// Past this many bars their names, wrapped under each bar, run into each other (11 allocator settings
    /// did): the ticks then carry numbers and each bar's name goes into the panel's key.
    static let namedBarLimit = 6

    /// A bar chart's x axis over `labels`: named ticks while they fit, else numbered (see `barName`).
    static func barAxis(_ labels: [String], label: String) -> Axis {
        guard labels.count > namedBarLimit else { return categoryAxis(labels, label: label) }
        return Axis(label: "\(label) (numbered, names in the key)", min: -0.6, max: Double(labels.count) - 0.4,
                    ticks: labels.indices.map { (label: String($0 + 1), position: Double($0)) })
    }

    /// The key entry of bar `i`: none while the axis names it, `3  jemalloc` when the axis numbers it.
    static func barName(_ labels: [String], _ i: Int) -> String {
        labels.count > namedBarLimit ? "\(i + 1)  \(labels[i])" : ""
    }

    /// The key of a panel of bars over `labels`, and how many panels fit side by side: numbered bars need
    /// their key, and each panel the full width for it.
    static func barLayout(_ labels: [String], panels: Int) -> (key: Panel.Key, columns: Int) {
        labels.count > namedBarLimit ? (.outsideRight, 1) : (.none, panels)
    }

    /// Bar `i` of a chart with one bar per allocator: the median over repetitions in the allocator's style,
    /// min-max error bars when there are repetitions, named in the key when the axis numbers the bars.
    static func allocatorBar(_ index: RunIndex, _ stats: Stats, config: CellAxes, at i: Int, labels: [String]) -> Series {
        var bar = Series(name: barName(labels, i), kind: .bars, style: index.allocatorStyle(config.allocatorLabel),
                         x: [Double(i)], y: [stats.median])
        bar.width = 0.6
        if index.repetitions > 1 {
            bar.errLow = [stats.min]
            bar.errHigh = [stats.max]
        }
        return bar
    }

    /// Upper end of a shared y range with some headroom; nil when nothing to show.
    static func headroom(_ values: [Double], atLeast floor: Double? = nil) -> Double? {
        guard let top = values.filter(\.isFinite).max() else { return floor }
        let padded = top > 0 ? top * 1.08 : 1
        return floor.map { Swift.max($0, padded) } ?? padded
    }

    // MARK: - Lines per intra-op setting, a panel per allocator (Figures 3 and 4 and friends)

    struct LineMetric {
        var name: String
        var title: String
        var caption: String
        var yLabel: String
        var value: (RunIndex, CellAxes) -> Stats?
        var yFloor: Double? = nil
        var logYWhenSpread = false
    }

    static func linesPerIntra(_ metric: LineMetric, _ index: RunIndex, _ out: inout ChartPlanning) {
        var panels: [Panel] = []
        var all: [Double] = []
        let withSpread = index.repetitions > 1
        for key in index.panels {
            var series: [Series] = []
            let configs = index.configs(in: key)
            for intra in index.intraOps {
                let points = configs.filter { $0.intraOpThreads == intra }
                    .sorted { $0.engineThreads < $1.engineThreads }
                    .compactMap { c in metric.value(index, c).map { (c.engineThreads, $0) } }
                guard !points.isEmpty else { continue }
                var s = Series(name: "intra-op \(IntraOpThreads.text(intra))", kind: .linesPoints, style: index.intraStyle(intra),
                               x: points.map { Double($0.0) }, y: points.map(\.1.median))
                if withSpread {
                    s.errLow = points.map(\.1.min)
                    s.errHigh = points.map(\.1.max)
                }
                all += points.flatMap { [$0.1.min, $0.1.max] }
                series.append(s)
            }
            guard !series.isEmpty else { continue }
            panels.append(Panel(title: index.panelTitle(key),
                                x: threadAxis(configs.map(\.engineThreads), label: engineLabel(index)),
                                y: Axis(label: metric.yLabel), series: series))
        }
        guard !panels.isEmpty else {
            out.notes.append("\(metric.name) skipped: no values in results.csv")
            return
        }
        let positive = all.filter { $0 > 0 }
        let logY = metric.logYWhenSpread && positive.count == all.count
            && (positive.max() ?? 1) / (positive.min() ?? 1) > 30
        for i in panels.indices {
            // Every panel on the same scale, so allocators compare by eye.
            panels[i].x = threadAxis(index.engineThreads, label: engineLabel(index))
            if logY {
                panels[i].y.logBase = 10
                panels[i].y.min = (positive.min() ?? 1) / 1.5
                panels[i].y.max = (positive.max() ?? 1) * 1.5
            } else {
                panels[i].y.min = 0
                panels[i].y.max = headroom(all, atLeast: metric.yFloor)
            }
        }
        out.plans.append(ChartPlan(
            name: metric.name, caption: metric.caption,
            figure: Figure(title: "\(metric.title) (\(spreadNote(index)))", footer: footer(index), panels: panels,
                           columns: gridColumns(index))))
    }

    static func cpuUtilisation(_ index: RunIndex, _ out: inout ChartPlanning) {
        let cores = index.run.meta.cores
        let of = cores == "unknown" ? "all cores" : "all \(cores) cores"
        linesPerIntra(LineMetric(
            name: "fig3-cpu-utilisation",
            title: "CPU utilisation vs engine threads",
            caption: "Figure 3 style: CPU utilisation (% of \(of)) against engine threads, one line per intra-op setting, a panel per allocator.",
            yLabel: "CPU utilisation (% of \(of))",
            value: { $0.stats(.cpuUtilPercent, $1) }, yFloor: 100), index, &out)
    }

    static func processingTime(_ index: RunIndex, _ out: inout ChartPlanning) {
        // Under a paced load (streams, rate, capacity) the processing time is the audio's length at its pace:
        // a flat line that ranks nothing. The load charts (p99 under load, capacity) carry those runs.
        guard index.configs.contains(where: { CellLoad.parse($0.load)?.isOffline ?? true }) else {
            out.notes.append("fig4-processing-time not drawn: under a paced load processing time is the audio's length at its pace (see the load charts)")
            return
        }
        linesPerIntra(LineMetric(
            name: "fig4-processing-time",
            title: "Processing time vs engine threads",
            caption: "Figure 4 style: the engine's end-to-end processing time of the input against engine threads, one line per intra-op setting; error bars span the repetitions.",
            yLabel: "processing time (s)",
            value: { $0.stats(.processingSeconds, $1) }), index, &out)
    }

    static func contextSwitches(_ index: RunIndex, _ out: inout ChartPlanning) {
        linesPerIntra(LineMetric(
            name: "context-switches",
            title: "Involuntary context switches vs engine threads",
            caption: "Involuntary context switches of the whole process: the oversubscription signature (more runnable threads than cores).",
            yLabel: "involuntary context switches (count)",
            value: { $0.stats(.involuntaryContextSwitches, $1) }, logYWhenSpread: true), index, &out)
    }

    static func peakThreads(_ index: RunIndex, _ out: inout ChartPlanning) {
        linesPerIntra(LineMetric(
            name: "peak-threads",
            title: "Peak OS thread count vs engine threads",
            caption: "Peak number of OS threads in the process: engine threads plus each one's intra-op pool.",
            yLabel: "peak OS threads (count)",
            value: { $0.stats(.threadsPeak, $1) }), index, &out)
    }

    // MARK: - Figure 5: RSS over time, one line per allocator, same cell

    static func rssTimeline(_ index: RunIndex, _ out: inout ChartPlanning) {
        let name = "fig5-rss-timeline"
        let run = index.run
        guard index.allocatorLabels.count > 1 else {
            out.notes.append("fig5 skipped: only one allocator in this run (\(index.allocatorLabels.first ?? "none"))")
            return
        }
        guard run.hasTimelineFile else {
            out.notes.append("fig5 skipped: no timeline.csv in this run")
            return
        }
        struct Run: Hashable { var cell: String; var repetition: Int }
        var samples: [Run: [(Double, Double)]] = [:]
        var zeros = 0
        for s in run.timeline {
            guard let rss = s.rssMB, rss.isFinite else { continue }
            // 0 MiB is a process that has exited (a zombie sampled at the end), not its memory.
            guard rss > 0 else {
                zeros += 1
                continue
            }
            samples[Run(cell: s.cellID, repetition: s.repetition), default: []].append((s.seconds, rss))
        }
        if zeros > 0 { out.notes.append("fig5: left out \(zeros) timeline sample(s) with RSS 0 (the process had exited)") }
        /// A config's repetition to show: 1 when it has samples, else its first that has.
        func chosen(_ config: CellAxes) -> (repetition: Int, points: [(Double, Double)])? {
            for row in index.rows(config).sorted(by: { $0.repetition < $1.repetition }) {
                if let points = samples[Run(cell: row.cellID, repetition: row.repetition)], !points.isEmpty {
                    return (row.repetition, points.sorted { $0.0 < $1.0 })
                }
            }
            return nil
        }
        guard let pick = index.comparisonCell(present: { chosen($0) != nil }) else {
            out.notes.append("fig5 skipped: timeline.csv has no RSS samples for ok cells")
            return
        }
        guard Set(pick.configs.map(\.allocatorLabel)).count > 1 else {
            out.notes.append("fig5 skipped: timeline.csv has RSS samples for only one allocator (\(pick.configs[0].allocatorLabel))")
            return
        }
        var series: [Series] = []
        var reps: Set<Int> = []
        var maxT = 0.0
        for config in pick.configs {
            guard let (rep, points) = chosen(config) else { continue }
            reps.insert(rep)
            let shown = decimate(points, to: 2000)
            let peak = points.map(\.1).max() ?? 0
            let mean = points.map(\.1).reduce(0, +) / Double(points.count)
            // "sampled": this one run's /proc samples, which can sit below rss_peak_mb (the larger of the
            // samples and the kernel's VmHWM, a median over repetitions) in the tables.
            var label = "\(config.allocatorLabel): sampled peak \(Int(peak.rounded())) MiB, mean \(Int(mean.rounded())) MiB"
            if rep != 1 { label += " (repetition \(rep))" }
            maxT = max(maxT, points.last?.0 ?? 0)
            series.append(Series(name: label, kind: .lines, style: index.allocatorStyle(config.allocatorLabel),
                                 x: shown.map(\.0), y: shown.map(\.1)))
        }
        let all = series.flatMap(\.y)
        let repText = reps == [1] ? "repetition 1" : "repetitions \(reps.sorted().map(String.init).joined(separator: ", "))"
        let panel = Panel(title: "", x: Axis(label: "time since the cell started (s)", min: 0, max: maxT > 0 ? maxT : nil),
                          y: Axis(label: "resident set size, RSS (MiB)", min: 0, max: headroom(all)),
                          key: .insideTopLeft, series: series)
        let cell = index.cellLabel(pick.cell)
        out.plans.append(ChartPlan(
            name: name,
            caption: "Figure 5 style: resident memory over time for the same cell (\(cell), \(repText)) under each allocator, sampled about every 100 ms.",
            figure: Figure(title: "RSS over time per allocator: \(cell), \(repText)", footer: footer(index),
                           panels: [panel])))
    }

    /// At most about `limit` points, keeping each bucket's highest value so peaks survive.
    static func decimate(_ points: [(Double, Double)], to limit: Int) -> [(Double, Double)] {
        guard points.count > limit, limit > 0 else { return points }
        let size = (points.count + limit - 1) / limit
        return stride(from: 0, to: points.count, by: size).map { start in
            points[start..<min(start + size, points.count)].max { $0.1 < $1.1 }!
        }
    }

    // MARK: - Throughput heat map: engine threads x intra-op, a panel per allocator

    static func throughputHeatmap(_ index: RunIndex, _ out: inout ChartPlanning) {
        let engines = index.engineThreads, intras = index.intraOps
        var panels: [Panel] = []
        var all: [Double] = []
        for key in index.panels {
            var xs: [Double] = [], ys: [Double] = [], values: [Double] = []
            for config in index.configs(in: key) {
                guard let stats = index.throughput(config),
                      let xi = engines.firstIndex(of: config.engineThreads),
                      let yi = intras.firstIndex(of: config.intraOpThreads) else { continue }
                xs.append(Double(xi))
                ys.append(Double(yi))
                values.append(stats.median)
            }
            guard !values.isEmpty else { continue }
            all += values
            var cells = Series(name: "", kind: .cells, style: 1, x: xs, y: ys)
            cells.value = values
            cells.width = 1
            cells.height = 1
            var yAxis = categoryAxis(intras.map(IntraOpThreads.text), label: "intra-op threads")
            yAxis.min = -0.5
            yAxis.max = Double(intras.count) - 0.5
            var xAxis = categoryAxis(engines.map(String.init), label: engineLabel(index))
            xAxis.min = -0.5
            xAxis.max = Double(engines.count) - 0.5
            panels.append(Panel(title: index.panelTitle(key), x: xAxis, y: yAxis,
                                colour: Axis(label: Metric.throughput.titleWithUnit), key: .none, series: [cells]))
        }
        guard !panels.isEmpty, let lo = all.min(), let hi = all.max() else {
            out.notes.append("throughput-heatmap skipped: no throughput_x (or audio_s and processing_s) values")
            return
        }
        let format = hi < 10 ? "%.2fx" : hi < 100 ? "%.1fx" : "%.0fx"
        for i in panels.indices {
            panels[i].series[0].labelFormat = format
            panels[i].colour.min = lo == hi ? lo * 0.9 : lo
            panels[i].colour.max = lo == hi ? hi * 1.1 + 1e-9 : hi
        }
        out.plans.append(ChartPlan(
            name: "throughput-heatmap",
            caption: "Throughput (seconds of audio processed per second, median over repetitions) for every engine-thread x intra-op cell; brighter is faster.",
            figure: Figure(title: "Throughput over engine threads x intra-op threads (\(medianNote(index)))",
                           footer: footer(index), panels: panels, columns: gridColumns(index))))
    }

    // MARK: - Per-stage time breakdown at intra-op 1

    static func stageBreakdown(_ index: RunIndex, _ out: inout ChartPlanning) {
        let stages = stageColumns.filter { index.run.columns.contains($0.column) }
        guard !stages.isEmpty else {
            out.notes.append("stage-breakdown skipped: results.csv has no stage_*_s columns")
            return
        }
        var panels: [Panel] = []
        var tops: [Double] = []
        var intrasUsed: Set<Int> = []
        for key in index.panels {
            let configs = index.configs(in: key)
            guard let intra = configs.contains(where: { $0.intraOpThreads == 1 }) ? 1 : configs.map(\.intraOpThreads).min()
            else { continue }
            let row = configs.filter { $0.intraOpThreads == intra }.sorted { $0.engineThreads < $1.engineThreads }
            let engines = row.map(\.engineThreads)
            var base = [Double](repeating: 0, count: row.count)
            var series: [Series] = []
            for (k, stage) in stages.enumerated() {
                let medians = row.map { index.stats(stage, $0)?.median ?? 0 }
                var s = Series(name: stage.label, kind: .bars, style: Int(ARB_STYLE_RAMP_FIRST) + k,
                               x: engines.indices.map(Double.init), y: zip(base, medians).map(+))
                s.base = base
                s.width = 0.6
                base = s.y
                series.append(s)
            }
            series.reverse()  // legend top to bottom like the stack
            guard base.contains(where: { $0 > 0 }) else { continue }
            intrasUsed.insert(intra)
            tops += base
            panels.append(Panel(title: "\(index.panelTitle(key)), intra-op \(IntraOpThreads.text(intra))",
                                x: categoryAxis(engines.map(String.init), label: engineLabel(index)),
                                y: Axis(label: "stage time (s, summed over engine threads)", min: 0),
                                series: series))
        }
        guard !panels.isEmpty else {
            out.notes.append("stage-breakdown skipped: the stage_*_s columns are empty")
            return
        }
        for i in panels.indices { panels[i].y.max = headroom(tops) }
        let intraText = intrasUsed == [1] ? "intra-op 1" : "lowest intra-op setting in the run"
        out.plans.append(ChartPlan(
            name: "stage-breakdown",
            caption: "Time per pipeline stage (median over repetitions) at \(intraText), stacked per engine-thread count; features and inference are summed over engine threads, so a bar can exceed the wall time.",
            figure: Figure(title: "Per-stage time at \(intraText) (\(medianNote(index)))", footer: footer(index),
                           panels: panels, columns: gridColumns(index))))
    }

    // MARK: - Allocators compared on one cell

    static func allocatorComparison(_ index: RunIndex, _ out: inout ChartPlanning) {
        guard index.allocatorLabels.count > 1 else {
            out.notes.append("allocator-comparison skipped: only one allocator in this run (\(index.allocatorLabels.first ?? "none"))")
            return
        }
        let metrics: [Metric] = [.rssPeakMiB, .rssAverageMiB, .processingSeconds]
        guard let pick = index.comparisonCell(present: { c in metrics.contains { index.stats($0, c) != nil } }),
              Set(pick.configs.map(\.allocatorLabel)).count > 1
        else {
            out.notes.append("allocator-comparison skipped: no cell was measured under more than one allocator")
            return
        }
        let labels = pick.configs.map(\.allocatorLabel)
        var panels: [Panel] = []
        for metric in metrics {
            var series: [Series] = []
            var all: [Double] = []
            for (i, config) in pick.configs.enumerated() {
                guard let stats = index.stats(metric, config) else { continue }
                series.append(allocatorBar(index, stats, config: config, at: i, labels: labels))
                all += [stats.min, stats.max]
            }
            guard !series.isEmpty else { continue }
            panels.append(Panel(title: metric.label, x: barAxis(labels, label: "allocator"),
                                y: Axis(label: metric.titleWithUnit, min: 0, max: headroom(all)),
                                key: barLayout(labels, panels: metrics.count).key, series: series))
        }
        let cell = index.cellLabel(pick.cell)
        out.plans.append(ChartPlan(
            name: "allocator-comparison",
            caption: "Peak and average RSS and processing time of the same cell (\(cell)) under each allocator (\(spreadNote(index))).",
            figure: Figure(title: "Allocators compared: \(cell) (\(spreadNote(index)))", footer: footer(index),
                           panels: panels, columns: barLayout(labels, panels: panels.count).columns)))
    }
}
