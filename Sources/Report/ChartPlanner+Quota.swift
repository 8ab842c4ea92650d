import Results

/// Charts of runs with a `cpu_quota` axis: each metric against the quota, one line per intra-op setting,
/// a panel per everything else (engine threads, allocator, the other axes that vary). Cells without a
/// quota (`none`) have no place on a quota axis and are left out (the other charts show them).
extension ChartPlanner {
    struct QuotaMetric {
        var name: String
        var title: String
        var caption: String
        var metric: Metric
        var yLabel: String
        var yFloor: Double? = nil
    }

    static func quotaCharts(_ index: RunIndex, _ out: inout ChartPlanning) {
        guard index.configs.contains(where: { CPUQuota.parse($0.cpuQuota)?.cpus != nil }) else { return }
        for metric in [
            QuotaMetric(name: "quota-processing-time", title: "Processing time vs CPU quota",
                        caption: "Processing time against the cell's CFS quota (CPUs), one line per intra-op setting (budget: the quota shared among the engine threads): what LibTorch's default costs in a container with a CPU limit.",
                        metric: .processingSeconds, yLabel: Metric.processingSeconds.titleWithUnit),
            QuotaMetric(name: "quota-throttled-time", title: "Throttled time vs CPU quota",
                        caption: "Time the cell's threads were held back by the quota (cpu.stat throttled_time, summed over threads) against the quota, one line per intra-op setting: spinning OpenMP workers burn the quota.",
                        metric: .throttledSeconds, yLabel: Metric.throttledSeconds.titleWithUnit),
            QuotaMetric(name: "quota-cpu-utilisation", title: "CPU utilisation of the quota",
                        caption: "CPU used over wall time as a share of the cell's CPU budget (the quota when it is the limit, not the machine), one line per intra-op setting.",
                        metric: .budgetUtilPercent, yLabel: "CPU utilisation (% of the quota)", yFloor: 100),
        ] {
            linesOverQuota(metric, index, &out)
        }
    }

    static func linesOverQuota(_ metric: QuotaMetric, _ index: RunIndex, _ out: inout ChartPlanning) {
        let quoted = index.configs.filter { CPUQuota.parse($0.cpuQuota)?.cpus != nil }
        func family(_ c: CellAxes) -> CellAxes {
            var key = c
            key.cpuQuota = "*"
            key.intraOpThreads = 0
            return key
        }
        var families: [CellAxes] = []
        for config in quoted where !families.contains(family(config)) { families.append(family(config)) }
        var varying = index.varying
        varying.cpuQuota = false
        let quotas = Set(quoted.compactMap { CPUQuota.parse($0.cpuQuota)?.cpus }).sorted()
        var panels: [Panel] = []
        var all: [Double] = []
        for key in families {
            var series: [Series] = []
            for intra in index.intraOps {
                let points = quoted.filter { family($0) == key && $0.intraOpThreads == intra }
                    .compactMap { c in CPUQuota.parse(c.cpuQuota)?.cpus.flatMap { q in index.stats(metric.metric, c).map { (q, $0) } } }
                    .sorted { $0.0 < $1.0 }
                guard !points.isEmpty else { continue }
                var s = Series(name: "intra-op \(IntraOpThreads.text(intra))", kind: .linesPoints, style: index.intraStyle(intra),
                               x: points.map(\.0), y: points.map(\.1.median))
                if index.repetitions > 1 {
                    s.errLow = points.map(\.1.min)
                    s.errHigh = points.map(\.1.max)
                }
                all += points.flatMap { [$0.1.min, $0.1.max] }
                series.append(s)
            }
            guard !series.isEmpty else { continue }
            var variant = key.variant
            variant.cpuQuota = CPUQuota.noneName
            let extra = variant.label(varying: varying)
            let title = ["\(engineLabel(index)) \(key.engineThreads)", key.allocatorLabel, extra].filter { !$0.isEmpty }.joined(separator: ", ")
            panels.append(Panel(title: title, x: quotaAxis(quotas), y: Axis(label: metric.yLabel), series: series))
        }
        guard !panels.isEmpty else {
            out.notes.append("\(metric.name) skipped: no \(metric.metric.column) values for cells with a cpu_quota")
            return
        }
        for i in panels.indices {
            panels[i].y.min = 0
            panels[i].y.max = headroom(all, atLeast: metric.yFloor)
        }
        out.plans.append(ChartPlan(
            name: metric.name, caption: metric.caption,
            figure: Figure(title: "\(metric.title) (\(spreadNote(index)))", footer: footer(index), panels: panels,
                           columns: panels.count > 1 ? min(3, panels.count) : nil)))
    }

    /// Quotas in CPUs on x, a tick at each.
    static func quotaAxis(_ quotas: [Double]) -> Axis {
        let lo = quotas.first ?? 0, hi = quotas.last ?? 1
        let pad = quotas.count == 1 ? 0.5 : max(0.1, (hi - lo) * 0.08)
        return Axis(label: "CPU quota (CPUs, CFS quota / 100 ms period)", min: max(0, lo - pad), max: hi + pad,
                    ticks: quotas.map { (label: CPUQuota(cpus: $0).text, position: $0) })
    }
}
