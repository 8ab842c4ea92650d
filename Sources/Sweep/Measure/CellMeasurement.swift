import Foundation
import Results

/// Everything known about one finished cell run: what was asked, what the parent measured, what
/// the child reported, and the verdict.
public struct CellMeasurement: Sendable {
    public var run: CellRun
    public var outcome: LaunchOutcome
    public var report: RunReport?
    public var verdict: CellVerdict
    /// Cores of the machine (the denominator of cpu_util_pct).
    public var machineCores: Int
    /// The sweep's model and audio.
    public var inputs: InputDigests
    /// A capacity cell's search: what it found (the outcome and report are then those of the load at
    /// capacity, or of one stream when none passed).
    public var capacity: CapacityFinding?
    /// An external engine's metrics file as read (nil for arbench's engine, whose report is `report`).
    public var engineMetrics: EngineMetrics.Reading?

    public init(run: CellRun, outcome: LaunchOutcome, report: RunReport?, verdict: CellVerdict, machineCores: Int,
                inputs: InputDigests = InputDigests(), capacity: CapacityFinding? = nil, engineMetrics: EngineMetrics.Reading? = nil) {
        self.engineMetrics = engineMetrics
        self.capacity = capacity
        self.inputs = inputs
        self.run = run
        self.outcome = outcome
        self.report = report
        self.verdict = verdict
        self.machineCores = machineCores
    }
}

extension ResultRow {
    public init(_ m: CellMeasurement) {
        let cell = m.run.cell
        let usage = m.outcome.usage
        let report = m.report
        let rss = RSSStatistics(samples: m.outcome.samples)
        let mib = 1_048_576.0
        func n(_ value: Double?, _ decimals: Int) -> String { CSVText.number(value, decimals: decimals) }
        func bytesMiB(_ value: UInt64?) -> String { n(value.map { Double($0) / mib }, 1) }

        let cpu = usage.map { $0.userCPUSeconds + $0.systemCPUSeconds }
        let wall = m.outcome.wallSeconds > 0 ? m.outcome.wallSeconds : nil
        let cores = cpu.flatMap { cpu in wall.map { cpu / $0 } }
        let processing = report?.wallSeconds
        let build = report?.torch.build
        let cfs = m.outcome.cfsStats
        let view = report?.cpuView
        let budget = cell.budget().cpus
        // Under a load, the latencies from arrival: per segment for streams, per request for rate.
        let loadLatency = report?.streams?.latency ?? report?.requests?.latency
        let loadP90 = report?.streams?.latencyP90Ms ?? report?.requests?.latencyP90Ms
        let keptUp = report?.streams?.keptUp ?? report?.requests?.keptUp
        let feedLag = report?.streams?.maxFeedLagMs ?? report?.requests?.maxSendLagMs
        let notFed = report?.streams?.notFedSeconds ?? report?.requests?.notSentSeconds
        let intraEffective = report.map { Set($0.threads.intraOpEffective).sorted().map(String.init).joined(separator: ";") }

        let measured: [Metric: String] = [
            .cellID: cell.id,
            .repetition: String(m.run.repetition),
            .status: m.verdict.status.rawValue,
            .exitCode: m.outcome.termination.exitCode.map(String.init) ?? "",
            .signal: m.outcome.termination.signal.map(SignalName.of) ?? "",
            .error: m.verdict.error,
            .wallSeconds: n(wall, 4),
            .processingSeconds: n(processing, 4),
            .modelLoadSeconds: n(report?.modelLoadSeconds, 4),
            .processStartSeconds: n(report?.processStartSeconds, 4),
            .userCPUSeconds: n(usage?.userCPUSeconds, 3),
            .systemCPUSeconds: n(usage?.systemCPUSeconds, 3),
            .cpuUtilPercent: n(cores.map { $0 / Double(max(1, m.machineCores)) * 100 }, 1),
            .coresUsed: n(cores, 3),
            .rssPeakMiB: n(rss.peakMiB, 1),
            .rssAverageMiB: n(rss.averageMiB, 1),
            .rssEndMiB: n(rss.endMiB, 1),
            .rssSlopeMiBPerHour: n(rss.slopeMiBPerHour, 1),
            .rssLateSlopeMiBPerHour: n(rss.lateSlopeMiBPerHour, 1),
            .threadsPeak: m.outcome.samples.map(\.threads).max().map(String.init) ?? "",
            .voluntaryContextSwitches: usage.map { String($0.voluntaryContextSwitches) } ?? "",
            .involuntaryContextSwitches: usage.map { String($0.involuntaryContextSwitches) } ?? "",
            .minorFaults: usage.map { String($0.minorFaults) } ?? "",
            .majorFaults: usage.map { String($0.majorFaults) } ?? "",
            .audioSeconds: n(report?.audioSeconds, 3),
            .segments: report.map { String($0.segments) } ?? "",
            .realTimeFactor: n(report?.realTimeFactor, 5),
            .throughput: n(report.flatMap { r in processing.flatMap { $0 > 0 ? r.audioSeconds / $0 : nil } }, 2),
            .latencyP50Ms: n(report?.latency.segment.p50Ms, 3),
            .latencyP95Ms: n(report?.latency.segment.p95Ms, 3),
            .latencyP99Ms: n(report?.latency.segment.p99Ms, 3),
            .inferenceP50Ms: n(report?.latency.inference.p50Ms, 3),
            .inferenceP95Ms: n(report?.latency.inference.p95Ms, 3),
            .inferenceP99Ms: n(report?.latency.inference.p99Ms, 3),
            .stageValidationSeconds: n(report?.stageSeconds.validation, 4),
            .stageSegmentationSeconds: n(report?.stageSeconds.segmentation, 4),
            .stageFeaturesSeconds: n(report?.stageSeconds.features, 4),
            .stageInferenceSeconds: n(report?.stageSeconds.inference, 4),
            .stagePostprocessingSeconds: n(report?.stageSeconds.postprocessing, 4),
            .outputDigest: report?.outputDigest ?? "",
            .allocatorReported: report?.allocator.name ?? "",
            .allocatorAllocatedMiB: bytesMiB(report?.allocator.allocatedBytes),
            .allocatorResidentMiB: bytesMiB(report?.allocator.residentBytes),
            .intraOpEffective: intraEffective ?? "",
            .startedAt: Self.timestamp(m.outcome.startedAt),
            .mallocArenaMax: cell.allocator.mallocArenaMax.map(String.init) ?? "",
            .allocatorEnvironment: cell.allocator.environmentText,
            .allocatorVersion: report?.allocator.version ?? "",
            .vmHWMMiB: n(rss.highWaterMiB, 1),
            .processesPeak: m.outcome.samples.map(\.processes).max().map(String.init) ?? "",
            .samples: String(m.outcome.samples.count),
            .samplerCPUMs: n(m.outcome.samplerCPUSeconds * 1000, 2),
            .torchVersion: build?.version ?? report?.torch.version ?? "",
            .torchBLAS: build?.blas ?? "",
            .torchMKL: build?.mkl ?? "",
            .torchOneDNN: build?.onednn ?? "",
            .torchOpenMP: build?.openmp ?? "",
            .openmpRuntimes: build.map { String($0.openmpRuntimes.count) } ?? "",
            .torchLibrary: build?.libraryPath ?? "",
            .modelDigest: m.inputs.model,
            .audioDigest: m.inputs.audio,
            .cpuBudget: n(budget, 2),
            .nrPeriods: cfs.map { String($0.periods) } ?? "",
            .nrThrottled: cfs.map { String($0.throttled) } ?? "",
            .throttledSeconds: n(cfs?.throttledSeconds, 4),
            .throttledPercent: n(cfs?.throttledPercent, 2),
            .budgetUtilPercent: n(cores.map { $0 / budget * 100 }, 1),
            .torchDefaultThreads: view?.torchDefaultThreads.map(String.init) ?? "",
            .ompMaxThreads: view?.ompMaxThreads.map(String.init) ?? "",
            .hardwareConcurrency: view?.hardwareConcurrency.map(String.init) ?? "",
            .affinityCPUs: view?.affinityCPUs.map(String.init) ?? "",
            .cpusAllowed: view?.cpusAllowed ?? "",
            .cpuCgroup: view?.cpuCgroup ?? "",
            .loadP50Ms: n(loadLatency?.p50Ms, 3),
            .loadP90Ms: n(loadP90, 3),
            .loadP99Ms: n(loadLatency?.p99Ms, 3),
            .loadMaxMs: n(loadLatency?.maxMs, 3),
            .loadSamples: loadLatency.map { String($0.count) } ?? "",
            .keptUp: keptUp.map { $0 ? "yes" : "no" } ?? "",
            .feedLagMaxMs: n(feedLag, 2),
            .notFedSeconds: n(notFed, 3),
            .capacityStreams: m.capacity.map { String($0.streams) } ?? "",
            .capacityBoundMs: n(m.capacity?.boundMs, 3),
            .capacityNextP99Ms: n(m.capacity?.nextP99Ms, 3),
            .capacityLoads: m.capacity.map { String($0.loads) } ?? "",
            .capacitySearchSeconds: n(m.capacity?.searchSeconds, 3),
        ]
        // The axis columns come from the cell's axes: what CellAxes(row:) reads back.
        var v = measured.merging(cell.axes.columns) { _, axis in axis }
        // Every registry column present, empty when this engine has no value: a row reads back as written.
        for metric in Metric.all where v[metric] == nil { v[metric] = "" }
        var extras: [String: String] = [:]
        if let external = cell.engine.external {
            let figures = Self.external(external, metrics: m.engineMetrics, observed: m.outcome.observed, wall: wall)
            v.merge(figures.columns) { _, own in own }
            extras = figures.extras
        }
        self.init(values: Dictionary(uniqueKeysWithValues: v.map { ($0.key.column, $0.value) }).merging(extras) { a, _ in a })
    }

    /// An external engine's own columns: what its metrics file (or its spec's `work:`) says, and what arbench
    /// read from its /proc. Columns neither gives stay empty: absent, not zero.
    static func external(_ engine: ExternalEngine, metrics reading: EngineMetrics.Reading?, observed: [ObservedProcess],
                         wall: Double?) -> (columns: [Metric: String], extras: [String: String]) {
        func n(_ value: Double?, _ decimals: Int) -> String { CSVText.number(value, decimals: decimals) }
        let metrics = reading?.metrics
        var declaredSeconds: Double?
        var declaredItems: Int?
        switch engine.work {
        case .audioSeconds(let seconds)?: declaredSeconds = seconds
        case .items(let items)?: declaredItems = items
        case nil: break
        }
        let audio = metrics?.audioSeconds ?? declaredSeconds
        let items = metrics?.items ?? declaredItems
        // The engine's own processing time; else the whole run, process start and model load included.
        let processing = metrics?.processingSeconds
        let span = (processing ?? wall).flatMap { $0 > 0 ? $0 : nil }
        let allocators = Set(observed.flatMap(\.allocators)).map(\.rawValue).sorted()
        let view = observed.first?.view
        var columns: [Metric: String] = [
            .audioSeconds: n(audio, 3),
            .processingSeconds: n(processing, 4),
            .modelLoadSeconds: n(metrics?.modelLoadSeconds, 4),
            .realTimeFactor: n(audio.flatMap { a in processing.flatMap { a > 0 ? $0 / a : nil } }, 5),
            .throughput: n(audio.flatMap { a in span.map { a / $0 } }, 2),
            .latencyP50Ms: n(metrics?.latencyP50Ms, 3),
            .latencyP95Ms: n(metrics?.latencyP95Ms, 3),
            .latencyP99Ms: n(metrics?.latencyP99Ms, 3),
            .outputDigest: metrics?.outputDigest ?? "",
            .items: items.map(String.init) ?? "",
            .itemsPerSecond: n(items.flatMap { i in span.map { Double(i) / $0 } }, 2),
            .engineMetricsProblem: reading?.problem ?? "",
            .torchLibrary: observed.compactMap(\.torchLibrary).first ?? "",
            .cpusAllowed: view?.cpusAllowed ?? "",
            .cpuCgroup: view?.cpuCgroup ?? "",
            .affinityCPUs: view?.affinityCPUs.map(String.init) ?? "",
        ]
        if !observed.isEmpty { columns[.allocatorReported] = allocators.isEmpty ? AllocatorKind.glibc.rawValue : allocators.joined(separator: ";") }
        var extras: [String: String] = [:]
        for (name, value) in metrics?.extra ?? [:] {
            if let column = ExtraColumn.column(for: name) { extras[column] = CSVText.number(value, decimals: 6) }
        }
        return (columns, extras)
    }

    /// ISO 8601 in UTC with milliseconds: sortable, unambiguous across machines.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
