import Foundation
import Gate
import Results

/// Charts of runs with loads (`scenario` streams, rate, capacity): capacity against engine threads (the
/// post's Figure 4 in the unit production counts: streams carried at a p99 bound), p99 latency under each
/// load against engine threads, latency against offered load (the hockey stick), and latency over time
/// in the busiest load's run. Runs without loads get none of them.
extension ChartPlanner {
    static func loadCharts(_ index: RunIndex, _ out: inout ChartPlanning) {
        let loaded = index.configs.filter { CellLoad.parse($0.load).map { !$0.isOffline } ?? false }
        guard !loaded.isEmpty else { return }
        let bound = index.run.rows.compactMap { $0.value(.capacityBoundMs) }.first
        if loaded.contains(where: { index.stats(.capacityStreams, $0) != nil }) {
            linesPerIntra(LineMetric(
                name: "capacity-vs-engine-threads",
                title: "Capacity vs engine threads" + (bound.map { " at p99 <= \(NumberText.adaptive($0)) ms" } ?? ""),
                caption: "Streams one process carries with p99 latency within the bound (LoadGen's binomial rule), against engine threads, one line per intra-op setting: Figure 4 in the unit production cares about.",
                yLabel: Metric.capacityStreams.titleWithUnit + " (streams)",
                value: { $0.stats(.capacityStreams, $1) }), index, &out)
        }
        if loaded.contains(where: { index.stats(.loadP99Ms, $0) != nil }) {
            linesPerIntra(LineMetric(
                name: "load-p99-vs-engine-threads",
                title: "p99 latency under load vs engine threads",
                caption: "p99 latency from arrival to tag under each load (a panel per load and allocator), against engine threads, one line per intra-op setting: the post's latency claim at a fixed load.",
                yLabel: Metric.loadP99Ms.titleWithUnit,
                value: { $0.stats(.loadP99Ms, $1) }, logYWhenSpread: true), index, &out)
        }
        latencyAgainstLoad(index, &out)
        latencyOverTime(index, &out)
    }

    /// x = streams played at once, y = p99 latency, one line per engine x intra-op setting, a panel per
    /// allocator and pace (and the other axes that vary).
    static func latencyAgainstLoad(_ index: RunIndex, _ out: inout ChartPlanning) {
        let streamed = index.configs.compactMap { c -> (CellAxes, CellLoad)? in
            guard let load = CellLoad.parse(c.load), load.scenario == .streams else { return nil }
            return (c, load)
        }
        let counts = Set(streamed.compactMap { $0.1.streams })
        guard counts.count >= 2 else {
            if !streamed.isEmpty { out.notes.append("latency-vs-load skipped: one stream count in this run") }
            return
        }
        func panelKey(_ c: CellAxes, _ load: CellLoad) -> CellAxes {
            var key = c.with(engineThreads: 0, intraOpThreads: 0)
            key.load = CellLoad.capacity(pace: load.pace ?? 1).text   // the pace alone: one panel per pace
            return key
        }
        let byPanel = Dictionary(grouping: streamed) { panelKey($0.0, $0.1) }
        var panels: [Panel] = []
        var all: [Double] = []
        for key in byPanel.keys.sorted() {
            let members = byPanel[key]!
            var series: [Series] = []
            let settings = Set(members.map { SettingKey(engine: $0.0.engineThreads, intra: $0.0.intraOpThreads) }).sorted()
            for (n, setting) in settings.enumerated() {
                let points = members.filter { $0.0.engineThreads == setting.engine && $0.0.intraOpThreads == setting.intra }
                    .compactMap { m in index.stats(.loadP99Ms, m.0).map { (Double(m.1.streams ?? 0), $0) } }
                    .sorted { $0.0 < $1.0 }
                guard !points.isEmpty else { continue }
                var s = Series(name: "e\(setting.engine) i\(IntraOpThreads.text(setting.intra))", kind: .linesPoints, style: n + 1,
                               x: points.map(\.0), y: points.map(\.1.median))
                if index.repetitions > 1 {
                    s.errLow = points.map(\.1.min)
                    s.errHigh = points.map(\.1.max)
                }
                all += points.map(\.1.max)
                series.append(s)
            }
            guard !series.isEmpty else { continue }
            let pace = members.first?.1.pace ?? 1
            var title = key.allocatorLabel + (pace == 1 ? "" : ", pace \(NumberText.adaptive(pace))x")
            let extra = key.variant.label(varying: index.varying)
            if !extra.isEmpty, index.varying.libtorch || index.varying.cpuQuota { title += " (\(extra))" }
            panels.append(Panel(title: title, x: threadAxis(Array(counts), label: "streams at once"),
                                y: Axis(label: Metric.loadP99Ms.titleWithUnit), series: series))
        }
        guard !panels.isEmpty else { return }
        let positive = all.filter { $0 > 0 }
        for i in panels.indices {
            panels[i].y.logBase = 10
            panels[i].y.min = (positive.min() ?? 1) / 1.5
            panels[i].y.max = (positive.max() ?? 10) * 1.5
        }
        out.plans.append(ChartPlan(
            name: "latency-vs-load",
            caption: "p99 latency against the streams played at once, one line per engine x intra-op setting (log y): flat while the engine keeps up, then the hockey stick where the queue grows.",
            figure: Figure(title: "p99 latency vs load (\(spreadNote(index)))", footer: footer(index), panels: panels,
                           columns: min(2, panels.count))))
    }

    struct SettingKey: Hashable, Comparable {
        var engine: Int
        var intra: Int
        static func < (a: SettingKey, b: SettingKey) -> Bool { (a.intra, a.engine) < (b.intra, b.engine) }
    }

    /// p99 and queue depth per window of the busiest load's repetition 1 (the loaded run with the most
    /// latencies), from its metrics file's windows.
    static func latencyOverTime(_ index: RunIndex, _ out: inout ChartPlanning) {
        let candidates = index.run.rows.filter { row in
            CellLoad.parse(row.config.load).map { !$0.isOffline } ?? false
        }
        guard let busiest = candidates.max(by: { ($0.value(.loadSamples) ?? 0, -Double($0.repetition)) < ($1.value(.loadSamples) ?? 0, -Double($1.repetition)) })
        else { return }
        let file = index.run.directory.appendingPathComponent("cells/\(RunKey(cellID: busiest.cellID, repetition: busiest.repetition).fileStem).json")
        guard let data = try? Data(contentsOf: file), let report = try? JSONDecoder().decode(RunReport.self, from: data),
              let windows = report.streams?.windows ?? report.requests?.windows, !windows.isEmpty else {
            out.notes.append("latency-over-time skipped: no windows in \(file.lastPathComponent)")
            return
        }
        let withSamples = windows.filter { $0.segments > 0 }
        let p99 = Series(name: "p99 in the window", kind: .linesPoints, style: 1,
                         x: withSamples.map(\.startSeconds), y: withSamples.map(\.p99Ms))
        let maxes = Series(name: "max in the window", kind: .lines, style: 2,
                           x: withSamples.map(\.startSeconds), y: withSamples.map(\.maxMs))
        let depth = Series(name: "deepest queue", kind: .lines, style: 3,
                           x: windows.map(\.startSeconds), y: windows.map { Double($0.queueDepthMax) })
        let span = (windows.last?.startSeconds ?? 0) + (windows.first.map { _ in report.streams?.windowSeconds ?? report.requests?.windowSeconds ?? 1 } ?? 1)
        let setting = busiest.config.label
        out.plans.append(ChartPlan(
            name: "latency-over-time",
            caption: "Latency per window of wall time (top) and the deepest segment queue (bottom) in one run: \(setting), repetition \(busiest.repetition). A queue that keeps growing is a load the engine cannot carry.",
            figure: Figure(title: "Latency over time: \(setting)", footer: footer(index), panels: [
                Panel(title: "latency", x: Axis(label: "wall time (s)", min: 0, max: span),
                      y: Axis(label: "latency (ms)", min: 0, max: headroom(withSamples.map(\.maxMs))), key: .insideTopLeft, series: [p99, maxes]),
                Panel(title: "queue", x: Axis(label: "wall time (s)", min: 0, max: span),
                      y: Axis(label: "segments queued (count)", min: 0, max: headroom(windows.map { Double($0.queueDepthMax) }, atLeast: 1)),
                      key: .insideTopLeft, series: [depth]),
            ], columns: 1)))
    }
}
