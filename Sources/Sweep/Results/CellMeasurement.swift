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

    public init(run: CellRun, outcome: LaunchOutcome, report: RunReport?, verdict: CellVerdict, machineCores: Int) {
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
        let intraEffective = report.map { Set($0.threads.intraOpEffective).sorted().map(String.init).joined(separator: ";") }

        let v: [String: String] = [
            "cell_id": cell.id,
            "repetition": String(m.run.repetition),
            "engine_mode": cell.engineMode.rawValue,
            "engine_threads": String(cell.engineThreads),
            "intra_op_threads": IntraOpThreads.text(cell.intraOpThreads),
            "inter_op_threads": String(cell.interOpThreads),
            "allocator": cell.allocator.label,
            "malloc_conf": cell.allocator.mallocConf ?? "",
            "omp_wait_policy": cell.ompWaitPolicy.rawValue,
            "status": m.verdict.status.rawValue,
            "exit_code": m.outcome.termination.exitCode.map(String.init) ?? "",
            "signal": m.outcome.termination.signal.map(SignalName.of) ?? "",
            "error": m.verdict.error,
            "wall_s": n(wall, 4),
            "processing_s": n(processing, 4),
            "model_load_s": n(report?.modelLoadSeconds, 4),
            "process_start_s": n(report?.processStartSeconds, 4),
            "user_cpu_s": n(usage?.userCPUSeconds, 3),
            "system_cpu_s": n(usage?.systemCPUSeconds, 3),
            "cpu_util_pct": n(cores.map { $0 / Double(max(1, m.machineCores)) * 100 }, 1),
            "cores_used": n(cores, 3),
            "rss_peak_mb": n(rss.peakMiB, 1),
            "rss_avg_mb": n(rss.averageMiB, 1),
            "rss_end_mb": n(rss.endMiB, 1),
            "rss_slope_mb_per_h": n(rss.slopeMiBPerHour, 1),
            "rss_slope_late_mb_per_h": n(rss.lateSlopeMiBPerHour, 1),
            "threads_peak": m.outcome.samples.map(\.threads).max().map(String.init) ?? "",
            "voluntary_ctx_switches": usage.map { String($0.voluntaryContextSwitches) } ?? "",
            "involuntary_ctx_switches": usage.map { String($0.involuntaryContextSwitches) } ?? "",
            "minor_faults": usage.map { String($0.minorFaults) } ?? "",
            "major_faults": usage.map { String($0.majorFaults) } ?? "",
            "audio_s": n(report?.audioSeconds, 3),
            "segments": report.map { String($0.segments) } ?? "",
            "real_time_factor": n(report?.realTimeFactor, 5),
            "throughput_x": n(report.flatMap { r in processing.flatMap { $0 > 0 ? r.audioSeconds / $0 : nil } }, 2),
            "latency_p50_ms": n(report?.latency.segment.p50Ms, 3),
            "latency_p95_ms": n(report?.latency.segment.p95Ms, 3),
            "latency_p99_ms": n(report?.latency.segment.p99Ms, 3),
            "inference_p50_ms": n(report?.latency.inference.p50Ms, 3),
            "inference_p95_ms": n(report?.latency.inference.p95Ms, 3),
            "inference_p99_ms": n(report?.latency.inference.p99Ms, 3),
            "stage_validation_s": n(report?.stageSeconds.validation, 4),
            "stage_segmentation_s": n(report?.stageSeconds.segmentation, 4),
            "stage_features_s": n(report?.stageSeconds.features, 4),
            "stage_inference_s": n(report?.stageSeconds.inference, 4),
            "stage_postprocessing_s": n(report?.stageSeconds.postprocessing, 4),
            "output_digest": report?.outputDigest ?? "",
            "allocator_reported": report?.allocator.name ?? "",
            "alloc_allocated_mb": bytesMiB(report?.allocator.allocatedBytes),
            "alloc_resident_mb": bytesMiB(report?.allocator.residentBytes),
            "intra_op_effective": intraEffective ?? "",
            "started_at": Self.timestamp(m.outcome.startedAt),
            "malloc_arena_max": cell.allocator.mallocArenaMax.map(String.init) ?? "",
            "allocator_version": report?.allocator.version ?? "",
            "vm_hwm_mb": n(rss.highWaterMiB, 1),
            "processes_peak": m.outcome.samples.map(\.processes).max().map(String.init) ?? "",
            "samples": String(m.outcome.samples.count),
            "sampler_cpu_ms": n(m.outcome.samplerCPUSeconds * 1000, 2),
            "libtorch": cell.libtorch.name,
            "torch_version": build?.version ?? report?.torch.version ?? "",
            "torch_blas": build?.blas ?? "",
            "torch_mkl": build?.mkl ?? "",
            "torch_onednn": build?.onednn ?? "",
            "torch_openmp": build?.openmp ?? "",
            "openmp_runtimes": build.map { String($0.openmpRuntimes.count) } ?? "",
            "torch_library": build?.libraryPath ?? "",
        ]
        self.init(values: v)
    }

    /// ISO 8601 in UTC with milliseconds: sortable, unambiguous across machines.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
