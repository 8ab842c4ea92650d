import Foundation
import Gate
import Results

/// One capacity search for one cell (`arbench capacity`, and a sweep's capacity cells): each load is a
/// fresh child `arbench run --streams K --pace P --latency-bound B` launched and judged exactly as a sweep
/// cell (exit, timeout, the allocator and LibTorch it ran on), then judged against the bound by
/// CapacitySearch. Every load's metrics and log stay where `paths` says.
public struct CapacityRun {
    public var launcher: CellLauncher
    public var modelPath: String
    public var audioPaths: [String]
    public var setting: CapacitySetting
    public var timeoutSeconds: Double
    public var sampleIntervalMs: Int
    public var machineCores: Int
    public var inputs: InputDigests
    /// Where the load of K streams writes its metrics and its log.
    public var paths: (Int) -> (metrics: String, log: String)
    public var log: (String) -> Void

    public init(launcher: CellLauncher, modelPath: String, audioPaths: [String], setting: CapacitySetting, timeoutSeconds: Double,
                sampleIntervalMs: Int, machineCores: Int = ProcessInfo.processInfo.activeProcessorCount,
                inputs: InputDigests = InputDigests(), paths: @escaping (Int) -> (metrics: String, log: String),
                log: @escaping (String) -> Void) {
        self.launcher = launcher
        self.modelPath = modelPath
        self.audioPaths = audioPaths
        self.setting = setting
        self.timeoutSeconds = timeoutSeconds
        self.sampleIntervalMs = sampleIntervalMs
        self.machineCores = machineCores
        self.inputs = inputs
        self.paths = paths
        self.log = log
    }

    public struct Result {
        public var search: CapacitySearch.Outcome
        public var finding: CapacityFinding
        /// The measurement results.csv records: the last run of the load at capacity (one stream when none
        /// passed); the first load whose run failed, when one did (the capacity is then not to be trusted).
        public var measurement: CellMeasurement
        /// The streams of that load (its metrics are `paths(measuredStreams).metrics`).
        public var measuredStreams: Int
        /// Loads whose child run failed (crash, timeout, wrong allocator or runtime).
        public var failedRuns: [CellMeasurement]
    }

    public var search: CapacitySearch { CapacitySearch(maxStreams: setting.maxStreams) }

    /// Searches `run`'s cell at `pace`; throws SweepInterrupted when an interrupt killed a load.
    public func run(_ run: CellRun, pace: Double) throws -> Result {
        let search = self.search
        var last: [Int: CellMeasurement] = [:]
        var failed: [(streams: Int, measurement: CellMeasurement)] = []
        var loads = 0
        var seconds = 0.0
        let outcome = try search.run { streams in
            loads += 1
            let measurement = measure(run, streams: streams, pace: pace)
            seconds += measurement.outcome.wallSeconds
            if ActiveChild.shared.isInterrupted { throw SweepInterrupted() }
            last[streams] = measurement
            guard measurement.verdict.status == .ok, let summary = measurement.report?.streams else {
                failed.append((streams, measurement))
                let why = measurement.verdict.status == .ok ? "no streams summary in its metrics" : measurement.verdict.error
                log("\(streams) streams: the run failed: \(why)")
                return CapacitySearch.Probe(streams: streams, segments: 0, overBound: 0, p99Ms: .nan, overloaded: false, keptUp: false,
                                            verdict: .undecided, reason: "run failed: \(why)")
            }
            let probe = search.judge(streams: streams, segments: summary.latency.count, overBound: summary.overBound ?? 0,
                                     p99Ms: summary.latency.p99Ms, overloaded: summary.overloaded, keptUp: summary.keptUp)
            log("    \(streams) stream\(streams == 1 ? "" : "s"): p99 \(NumberText.adaptive(probe.p99Ms)) ms over \(probe.segments) segments: "
                + (probe.reason ?? "pass"))
            return probe
        }
        let firstFailure = outcome.probes.filter { !$0.passed }.map(\.streams).min()
        let finding = CapacityFinding(streams: outcome.capacity, boundMs: setting.p99Ms,
                                      nextP99Ms: firstFailure.flatMap { outcome.probe($0)?.p99Ms }.flatMap { $0.isNaN ? nil : $0 },
                                      loads: loads, searchSeconds: seconds)
        let chosenStreams = failed.first?.streams ?? (last[max(1, outcome.capacity)] != nil ? max(1, outcome.capacity) : last.keys.min()!)
        var chosen = last[chosenStreams]!
        chosen.capacity = finding
        return Result(search: outcome, finding: finding, measurement: chosen, measuredStreams: chosenStreams,
                      failedRuns: failed.map(\.measurement))
    }

    /// One load: the cell's child with K streams, measured and judged as a sweep cell.
    func measure(_ run: CellRun, streams: Int, pace: Double) -> CellMeasurement {
        let (metricsPath, logPath) = paths(streams)
        let invocation = CellInvocation(run: run, modelPath: modelPath, audioPaths: audioPaths, metricsPath: metricsPath,
                                        load: .streams(streams, pace: pace), latencyBoundMs: setting.p99Ms)
        return launcher.measure(invocation, logPath: logPath, timeoutSeconds: timeoutSeconds, sampleIntervalMs: sampleIntervalMs,
                                machineCores: machineCores, inputs: inputs)
    }
}
