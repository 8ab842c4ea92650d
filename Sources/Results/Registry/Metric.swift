/// Every column of results.csv, declared once: its name, unit, polarity, kind and meaning. The CSV
/// writer, the gate, `check`, the charts and REPORT.md name columns through these values only; the
/// order of `all` is the file's column order. Never rename or reorder a column; new ones go at the end
/// (readers must not depend on position past `started_at`). `arbench metrics` prints this table.
public struct Metric: Sendable, Hashable, CustomStringConvertible, Codable {
    /// The results.csv column name.
    public let column: String
    public let unit: MetricUnit
    public let polarity: Polarity
    public let kind: MetricKind
    /// A few words for a chart axis or a table header: "processing time".
    public let label: String
    /// One line on what it is and how it is measured (MiB = 2^20 bytes).
    public let meaning: String

    init(_ column: String, _ unit: MetricUnit, _ polarity: Polarity, _ kind: MetricKind, _ label: String, _ meaning: String) {
        self.column = column
        self.unit = unit
        self.polarity = polarity
        self.kind = kind
        self.label = label
        self.meaning = meaning
    }

    public var description: String { column }

    /// "processing time (s)": the label with its unit, for chart axes and table headers.
    public var titleWithUnit: String { unit.symbol.isEmpty ? label : "\(label) (\(unit.symbol))" }

    /// Holds a number that can be compared (a measurement, a derived figure or a thread count).
    public var isNumeric: Bool { unit.isNumeric }

    /// The column named `column`; nil when results.csv has no such column.
    public static func named(_ column: String) -> Metric? { byColumn[column] }

    public static var columns: [String] { all.map(\.column) }

    /// results.csv's header line (no line break).
    public static var csvHeader: String { columns.joined(separator: ",") }

    /// Can be compared in a direction: numeric, and with a polarity (what `check`'s expectations accept).
    public var isComparable: Bool { isNumeric && polarity != .neither }

    /// Encoded as its column name.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(column)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let column = try container.decode(String.self)
        guard let metric = Metric.named(column) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(column) is not a results.csv column")
        }
        self = metric
    }

    private static let byColumn: [String: Metric] = Dictionary(uniqueKeysWithValues: all.map { ($0.column, $0) })
}

extension Metric {
    public static let cellID = Metric("cell_id", .text, .neither, .axis, "cell",
        "engine mode, engine/intra/inter threads, allocator, MALLOC_CONF, wait policy and (when not system / none / offline) LibTorch runtime, CPU quota, cpuset and load in one id, e.g. threads-e4-i1-x1-jemalloc-default-wdefault-ltpypi-q1500m-cpus0-streams-8-p10 (quota in millicpus)")
    public static let repetition = Metric("repetition", .count, .neither, .axis, "repetition",
        "1-based repetition of the cell")
    public static let engineMode = Metric("engine_mode", .text, .neither, .axis, "engine mode",
        "threads (N engine threads in one process) or processes (N one-thread worker processes)")
    public static let engineThreads = Metric("engine_threads", .threads, .neither, .axis, "engine threads",
        "engine threads (or worker processes) asked for")
    public static let intraOpThreads = Metric("intra_op_threads", .threads, .neither, .axis, "intra-op threads",
        "LibTorch intra-op threads asked for (also OMP_NUM_THREADS); default = LibTorch's own choice, OMP_NUM_THREADS unset; budget = cpu_budget / engine_threads, rounded down, at least 1 (intra_op_effective says what it chose)")
    public static let interOpThreads = Metric("inter_op_threads", .threads, .neither, .axis, "inter-op threads",
        "LibTorch inter-op threads asked for")
    public static let allocator = Metric("allocator", .text, .neither, .axis, "allocator",
        "allocator setting asked for: glibc, glibc-arenaN (MALLOC_ARENA_MAX=N), jemalloc, tcmalloc, tcmalloc-full, mimalloc, or the label a spec gave a tuned setting (its variables in allocator_env)")
    public static let mallocConf = Metric("malloc_conf", .text, .neither, .axis, "MALLOC_CONF",
        "MALLOC_CONF given to jemalloc; empty = its defaults")
    public static let ompWaitPolicy = Metric("omp_wait_policy", .text, .neither, .axis, "OpenMP wait policy",
        "OMP_WAIT_POLICY: default (unset), passive, active")
    public static let status = Metric("status", .text, .neither, .record, "status",
        "ok, failed (crash, signal, non-zero exit, no metrics, wrong allocator or runtime, an allocator tuning the library rejected) or timeout")
    public static let exitCode = Metric("exit_code", .text, .neither, .record, "exit code",
        "the child's exit code; empty when it was killed by a signal or never started")
    public static let signal = Metric("signal", .text, .neither, .record, "signal",
        "the signal that ended the child, e.g. SIGKILL; empty when it exited")
    public static let error = Metric("error", .text, .neither, .record, "error",
        "why the cell is not ok, one line (the child's last output line when it had one)")
    public static let wallSeconds = Metric("wall_s", .seconds, .prefersSmaller, .measured, "wall time",
        "parent-measured seconds from spawn to exit: process start + model load + processing")
    public static let processingSeconds = Metric("processing_s", .seconds, .prefersSmaller, .measured, "processing time",
        "the child's processing time (first audio read to last tag), without start-up or model load")
    public static let modelLoadSeconds = Metric("model_load_s", .seconds, .prefersSmaller, .measured, "model load time",
        "the child's model load time")
    public static let processStartSeconds = Metric("process_start_s", .seconds, .prefersSmaller, .measured, "process start time",
        "the child's time from exec to main (loading LibTorch's shared libraries)")
    public static let userCPUSeconds = Metric("user_cpu_s", .seconds, .prefersSmaller, .measured, "user CPU time",
        "user CPU seconds (wait4 rusage; includes worker processes the child waited for)")
    public static let systemCPUSeconds = Metric("system_cpu_s", .seconds, .prefersSmaller, .measured, "system CPU time",
        "system CPU seconds (wait4 rusage)")
    public static let cpuUtilPercent = Metric("cpu_util_pct", .percent, .neither, .derived, "CPU utilisation",
        "(user + system) / wall_s / machine cores * 100: share of the whole machine, as in the post's Figure 3")
    public static let coresUsed = Metric("cores_used", .cores, .neither, .derived, "cores used",
        "(user + system) / wall_s: average number of cores busy")
    public static let rssPeakMiB = Metric("rss_peak_mb", .mebibytes, .prefersSmaller, .measured, "peak RSS",
        "peak RSS in MiB: the larger of the highest /proc sample (summed over the process tree) and the child's VmHWM (not ru_maxrss: after posix_spawn it includes the parent's peak)")
    public static let rssAverageMiB = Metric("rss_avg_mb", .mebibytes, .prefersSmaller, .measured, "average RSS",
        "mean of the sampled RSS in MiB")
    public static let rssEndMiB = Metric("rss_end_mb", .mebibytes, .prefersSmaller, .measured, "RSS at the end",
        "last sampled RSS in MiB before the child exited")
    public static let rssSlopeMiBPerHour = Metric("rss_slope_mb_per_h", .mebibytesPerHour, .prefersSmaller, .derived, "RSS growth",
        "least-squares slope of sampled RSS after warm-up (the longer of 20% of the run and 2 s), MiB per hour; empty when fewer than 10 samples or less than 30 s remain")
    public static let threadsPeak = Metric("threads_peak", .threads, .neither, .measured, "peak threads",
        "most threads seen at once in the child's process tree")
    public static let voluntaryContextSwitches = Metric("voluntary_ctx_switches", .count, .neither, .measured, "voluntary context switches",
        "voluntary context switches (rusage ru_nvcsw): waiting, e.g. passive OpenMP workers")
    public static let involuntaryContextSwitches = Metric("involuntary_ctx_switches", .count, .prefersSmaller, .measured, "involuntary context switches",
        "involuntary context switches (rusage ru_nivcsw): preempted, the mark of oversubscription")
    public static let minorFaults = Metric("minor_faults", .count, .prefersSmaller, .measured, "minor page faults",
        "minor page faults (ru_minflt): memory returned to the OS and touched again")
    public static let majorFaults = Metric("major_faults", .count, .prefersSmaller, .measured, "major page faults",
        "major page faults (ru_majflt)")
    public static let audioSeconds = Metric("audio_s", .seconds, .neither, .measured, "audio processed",
        "seconds of audio processed")
    public static let segments = Metric("segments", .count, .neither, .measured, "segments",
        "audio segments processed")
    public static let realTimeFactor = Metric("real_time_factor", .ratio, .prefersSmaller, .derived, "real-time factor",
        "processing_s / audio_s: below 1 is faster than real time")
    public static let throughput = Metric("throughput_x", .timesRealTime, .prefersLarger, .derived, "throughput",
        "audio_s / processing_s: seconds of audio per second of processing")
    public static let latencyP50Ms = Metric("latency_p50_ms", .milliseconds, .prefersSmaller, .measured, "p50 segment latency",
        "per-segment latency (features + inference on an engine thread), median, ms")
    public static let latencyP95Ms = Metric("latency_p95_ms", .milliseconds, .prefersSmaller, .measured, "p95 segment latency",
        "per-segment latency, 95th percentile, ms")
    public static let latencyP99Ms = Metric("latency_p99_ms", .milliseconds, .prefersSmaller, .measured, "p99 segment latency",
        "per-segment latency, 99th percentile, ms")
    public static let inferenceP50Ms = Metric("inference_p50_ms", .milliseconds, .prefersSmaller, .measured, "p50 forward latency",
        "LibTorch forward call latency, median, ms")
    public static let inferenceP95Ms = Metric("inference_p95_ms", .milliseconds, .prefersSmaller, .measured, "p95 forward latency",
        "LibTorch forward call latency, 95th percentile, ms")
    public static let inferenceP99Ms = Metric("inference_p99_ms", .milliseconds, .prefersSmaller, .measured, "p99 forward latency",
        "LibTorch forward call latency, 99th percentile, ms")
    public static let stageValidationSeconds = Metric("stage_validation_s", .seconds, .prefersSmaller, .measured, "validation",
        "seconds in validation (reading thread)")
    public static let stageSegmentationSeconds = Metric("stage_segmentation_s", .seconds, .prefersSmaller, .measured, "segmentation",
        "seconds in segmentation (reading thread)")
    public static let stageFeaturesSeconds = Metric("stage_features_s", .seconds, .prefersSmaller, .measured, "features",
        "seconds in feature extraction, summed over engine threads")
    public static let stageInferenceSeconds = Metric("stage_inference_s", .seconds, .prefersSmaller, .measured, "inference",
        "seconds in inference, summed over engine threads")
    public static let stagePostprocessingSeconds = Metric("stage_postprocessing_s", .seconds, .prefersSmaller, .measured, "post-processing",
        "seconds in post-processing")
    public static let outputDigest = Metric("output_digest", .text, .neither, .record, "output digest",
        "digest of the tags produced; every ok cell of a sweep must have the same (per engine: an external engine reports its own, or none)")
    public static let allocatorReported = Metric("allocator_reported", .text, .neither, .record, "allocator reported",
        "the allocator the child found active by probing (must match allocator's family); for an external engine, the one /proc/PID/maps shows mapped in its processes (glibc when none of jemalloc, tcmalloc, mimalloc is)")
    public static let allocatorAllocatedMiB = Metric("alloc_allocated_mb", .mebibytes, .prefersSmaller, .measured, "allocated (allocator)",
        "bytes the allocator says are allocated at the end of the run, MiB (jemalloc stats.allocated, glibc mallinfo2, tcmalloc)")
    public static let allocatorResidentMiB = Metric("alloc_resident_mb", .mebibytes, .prefersSmaller, .measured, "resident (allocator)",
        "bytes the allocator says are resident, MiB (jemalloc stats.resident; empty for others)")
    public static let intraOpEffective = Metric("intra_op_effective", .text, .neither, .record, "intra-op threads LibTorch reported",
        "intra-op thread counts LibTorch reported on the engine threads, distinct values joined by ';'")
    public static let startedAt = Metric("started_at", .timestamp, .neither, .record, "started at",
        "when the child was spawned, ISO 8601 UTC")
    public static let mallocArenaMax = Metric("malloc_arena_max", .count, .neither, .axis, "MALLOC_ARENA_MAX",
        "MALLOC_ARENA_MAX given to glibc; empty = glibc's default")
    public static let allocatorVersion = Metric("allocator_version", .text, .neither, .record, "allocator version",
        "version the active allocator reported")
    public static let vmHWMMiB = Metric("vm_hwm_mb", .mebibytes, .prefersSmaller, .measured, "VmHWM",
        "VmHWM of the child process itself (kernel peak RSS; in processes mode the coordinating process only), MiB")
    public static let processesPeak = Metric("processes_peak", .count, .neither, .measured, "peak processes",
        "most processes seen at once in the child's tree (1 in threads mode)")
    public static let samples = Metric("samples", .count, .neither, .record, "samples",
        "number of /proc samples taken (timeline.csv rows for this run)")
    public static let samplerCPUMs = Metric("sampler_cpu_ms", .milliseconds, .prefersSmaller, .measured, "sampler CPU time",
        "CPU time the parent's sampler spent on this run, ms")
    public static let rssLateSlopeMiBPerHour = Metric("rss_slope_late_mb_per_h", .mebibytesPerHour, .prefersSmaller, .derived, "late RSS growth",
        "rss_slope_mb_per_h fitted over the later half of the post-warm-up span only: close to it while growth is steady, near 0 when it settles to a plateau; empty when that half is under 15 s. Steady growth is a leak when alloc_allocated_mb (live bytes) grows with it, fragmentation when only RSS does")
    public static let libtorch = Metric("libtorch", .text, .neither, .axis, "LibTorch runtime",
        "LibTorch runtime asked for: system (Debian's libtorch-dev), pypi (PyPI's torch wheel) or a LibTorch directory; verified from the libtorch_cpu.so the child mapped")
    public static let torchVersion = Metric("torch_version", .text, .neither, .record, "LibTorch version",
        "LibTorch version the child ran")
    public static let torchBLAS = Metric("torch_blas", .text, .neither, .record, "BLAS",
        "BLAS of that LibTorch (at::show_config BLAS_INFO: mkl, or generic with the libblas the child mapped)")
    public static let torchMKL = Metric("torch_mkl", .text, .neither, .record, "MKL",
        "MKL version in that LibTorch, or none")
    public static let torchOneDNN = Metric("torch_onednn", .text, .neither, .record, "oneDNN",
        "oneDNN (MKL-DNN) version in that LibTorch")
    public static let torchOpenMP = Metric("torch_openmp", .text, .neither, .record, "OpenMP",
        "OpenMP version LibTorch's parallel backend was built for")
    public static let openmpRuntimes = Metric("openmp_runtimes", .count, .prefersSmaller, .record, "OpenMP runtimes mapped",
        "OpenMP runtime libraries mapped in the child (libgomp, libiomp5, libomp); more than 1 is a known cause of large slowdowns")
    public static let torchLibrary = Metric("torch_library", .text, .neither, .record, "libtorch_cpu.so",
        "the libtorch_cpu.so the child mapped (/proc/self/maps; for an external engine, read by arbench from its /proc/PID/maps; empty when it maps none)")
    public static let modelDigest = Metric("model_digest", .text, .neither, .record, "model digest",
        "FNV-1a 64 of the model file's bytes: rows (and sweeps) with different values measured different models")
    public static let audioDigest = Metric("audio_digest", .text, .neither, .record, "audio digest",
        "FNV-1a 64 over the audio files' digests, in order: rows with different values processed different audio")

    public static let allocatorEnvironment = Metric("allocator_env", .text, .neither, .record, "allocator variables",
        "the setting's other tuning variables the cell set (spec `env`: MALLOC_TRIM_THRESHOLD_, TCMALLOC_*, MIMALLOC_*), NAME=value separated by spaces; empty = none")

    public static let cpuQuota = Metric("cpu_quota", .text, .neither, .axis, "CPU quota",
        "CFS quota of the cell's own cgroup in CPUs (quota / 100 ms period: cgroup v1 cpu.cfs_quota_us, v2 cpu.max); none = no cgroup, the sweep's own limits")
    public static let cpuset = Metric("cpuset", .text, .neither, .axis, "cpuset",
        "CPUs the cell's process may run on (its affinity, set before exec; verified from the child's Cpus_allowed_list); none = those of the sweep")
    public static let cpuBudget = Metric("cpu_budget", .cores, .neither, .derived, "CPU budget",
        "min(cpu_quota, CPUs in cpuset (else those the sweep may use), machine CPUs): what intra_op_threads budget shares among the engine threads (rounded down, at least 1 each)")
    public static let nrPeriods = Metric("nr_periods", .count, .neither, .measured, "CFS periods",
        "CFS periods (100 ms) in which the cell's cgroup had runnable threads (cpu.stat nr_periods); empty without a quota")
    public static let nrThrottled = Metric("nr_throttled", .count, .prefersSmaller, .measured, "throttled periods",
        "periods in which the cell's cgroup used up its quota and was stopped until the next period (cpu.stat nr_throttled); empty without a quota")
    public static let throttledSeconds = Metric("throttled_time_s", .seconds, .prefersSmaller, .measured, "throttled time",
        "seconds the cell's threads were held back by the quota, summed over them (cpu.stat throttled_time, v2 throttled_usec); empty without a quota")
    public static let throttledPercent = Metric("throttled_pct", .percent, .prefersSmaller, .derived, "throttled periods share",
        "nr_throttled / nr_periods * 100; empty without a quota")
    public static let budgetUtilPercent = Metric("budget_util_pct", .percent, .neither, .derived, "CPU utilisation of the budget",
        "(user + system) / wall_s / cpu_budget * 100: share of the CPUs the cell may use (of the quota when it is the limit), not of the machine")
    public static let torchDefaultThreads = Metric("torch_default_threads", .threads, .neither, .measured, "LibTorch default intra-op threads",
        "at::get_num_threads() in the child before anything set it (at::get_parallel_info): the pool LibTorch would size by itself")
    public static let ompMaxThreads = Metric("omp_max_threads", .threads, .neither, .measured, "OpenMP max threads",
        "omp_get_max_threads() in the child at start (at::get_parallel_info): OpenMP's own default, OMP_NUM_THREADS when set")
    public static let hardwareConcurrency = Metric("hardware_concurrency", .threads, .neither, .measured, "hardware_concurrency",
        "std::thread::hardware_concurrency() in the child (at::get_parallel_info): the CPUs C++ says it has")
    public static let affinityCPUs = Metric("affinity_cpus", .count, .neither, .measured, "affinity CPUs",
        "CPUs in the child's affinity mask (/proc/self/status Cpus_allowed_list)")
    public static let cpusAllowed = Metric("cpus_allowed", .text, .neither, .record, "Cpus_allowed_list",
        "the child's own /proc/self/status Cpus_allowed_list: must equal cpuset when one is set")
    public static let cpuCgroup = Metric("cpu_cgroup", .text, .neither, .record, "cpu cgroup",
        "the child's cgroup for the cpu controller (/proc/self/cgroup): the cell's own group when it has a quota")
    public static let hostname = Metric("hostname", .text, .neither, .record, "host",
        "hostname of the machine that measured the row (meta.json machine.hostname; in a merged run, that of the row's shard)")
    public static let machineFingerprint = Metric("machine_fingerprint", .text, .neither, .record, "machine fingerprint",
        "FNV-1a 64 of the machine's fingerprint without its hostname (CPU model, cores, usable cores, memory in GiB, kernel, OS, cgroup CPU limit): rows with different values ran on different kinds of machine (`merge --allow-mixed-machines`)")

    public static let scenario = Metric("scenario", .text, .neither, .axis, "scenario",
        "how the child was loaded: offline (the backlog as fast as it goes), streams (live streams at a pace), rate (Poisson requests) or capacity (a search for the most streams meeting the spec's p99 bound; the row is the load at capacity)")
    public static let streams = Metric("streams", .count, .neither, .axis, "streams",
        "live streams played at once (scenario streams); empty otherwise")
    public static let pace = Metric("pace", .timesRealTime, .neither, .axis, "pace",
        "times real time the streams played at (streams, capacity): K streams at pace P offer the audio of K*P real-time streams per second")
    public static let rate = Metric("rate", .perSecond, .neither, .axis, "request rate",
        "requests sent per second on a Poisson schedule (scenario rate); empty otherwise")
    public static let requestSeconds = Metric("request_s", .seconds, .neither, .axis, "request length",
        "audio per request (scenario rate); 0 = each file is one request")
    public static let loadP50Ms = Metric("load_p50_ms", .milliseconds, .prefersSmaller, .measured, "p50 latency under load",
        "under a load (streams, rate, capacity): latency from arrival (a segment's last sample; a request) to its tags, median, ms; empty offline")
    public static let loadP90Ms = Metric("load_p90_ms", .milliseconds, .prefersSmaller, .measured, "p90 latency under load",
        "latency under load, 90th percentile, ms")
    public static let loadP99Ms = Metric("load_p99_ms", .milliseconds, .prefersSmaller, .measured, "p99 latency under load",
        "latency under load, 99th percentile, ms")
    public static let loadMaxMs = Metric("load_max_ms", .milliseconds, .prefersSmaller, .measured, "max latency under load",
        "latency under load, largest, ms")
    public static let loadSamples = Metric("load_samples", .count, .neither, .record, "latencies under load",
        "how many latencies the load percentiles are over (segments for streams, requests for rate)")
    public static let keptUp = Metric("kept_up", .text, .neither, .record, "kept up",
        "yes when the feeder ended on its clock (within a period or a 20 ms scheduling slice) and was never --max-lag behind; no otherwise (overloaded runs stop early)")
    public static let feedLagMaxMs = Metric("feed_lag_max_ms", .milliseconds, .prefersSmaller, .measured, "feeder lag",
        "how far the feeder (streams) or sender (rate) fell behind its clock at worst, ms: a full queue holding it back")
    public static let notFedSeconds = Metric("not_fed_s", .seconds, .prefersSmaller, .measured, "audio not fed",
        "audio an overloaded run did not feed or send, s (0 when it kept up)")
    public static let capacityStreams = Metric("capacity_streams", .count, .prefersLarger, .measured, "capacity",
        "scenario capacity: the most streams whose p99 latency met the bound (LoadGen's binomial rule at 99%: fewer than 1% over, with enough segments) and that kept up; 0 = one stream already fails")
    public static let capacityBoundMs = Metric("capacity_bound_ms", .milliseconds, .neither, .record, "capacity bound",
        "the p99 bound the capacity search judged loads by (spec capacity.p99), ms")
    public static let capacityNextP99Ms = Metric("capacity_next_p99_ms", .milliseconds, .neither, .measured, "p99 above capacity",
        "p99 latency of the smallest load that failed (capacity + 1 when the search reached it), ms; empty when none failed")
    public static let capacityLoads = Metric("capacity_loads", .count, .neither, .record, "loads tried",
        "child runs the capacity search made (loads re-run for more segments count each time)")
    public static let capacitySearchSeconds = Metric("capacity_search_s", .seconds, .neither, .measured, "capacity search time",
        "wall seconds of every load the capacity search ran, summed (process starts included): what a capacity cell costs; its wall_s is the load at capacity alone")

    public static let engine = Metric("engine", .text, .neither, .axis, "engine",
        "the engine the cell ran: arbench (its own `arbench run`) or the name of an external engine from the spec's `engine:` (any command; columns it cannot fill stay empty)")
    public static let items = Metric("items", .count, .neither, .measured, "items",
        "work items an external engine reported (metrics file `items`) or its spec declared (`work: {items: N}`); empty for arbench's engine (see segments)")
    public static let itemsPerSecond = Metric("items_per_s", .perSecond, .prefersLarger, .derived, "items per second",
        "items / processing_s (/ wall_s when the engine reports no processing time)")
    public static let engineMetricsProblem = Metric("engine_metrics_problem", .text, .neither, .record, "engine metrics problem",
        "what was wrong with an external engine's metrics file (missing, not JSON, off-schema fields); the cell stays on /proc figures; empty = none")

    /// In file order; the columns of table-only axes (`Axis.all`) come last.
    public static let all: [Metric] = [
        .cellID, .repetition, .engineMode, .engineThreads, .intraOpThreads, .interOpThreads, .allocator, .mallocConf,
        .ompWaitPolicy, .status, .exitCode, .signal, .error, .wallSeconds, .processingSeconds, .modelLoadSeconds,
        .processStartSeconds, .userCPUSeconds, .systemCPUSeconds, .cpuUtilPercent, .coresUsed, .rssPeakMiB,
        .rssAverageMiB, .rssEndMiB, .rssSlopeMiBPerHour, .threadsPeak, .voluntaryContextSwitches,
        .involuntaryContextSwitches, .minorFaults, .majorFaults, .audioSeconds, .segments, .realTimeFactor,
        .throughput, .latencyP50Ms, .latencyP95Ms, .latencyP99Ms, .inferenceP50Ms, .inferenceP95Ms, .inferenceP99Ms,
        .stageValidationSeconds, .stageSegmentationSeconds, .stageFeaturesSeconds, .stageInferenceSeconds,
        .stagePostprocessingSeconds, .outputDigest, .allocatorReported, .allocatorAllocatedMiB, .allocatorResidentMiB,
        .intraOpEffective, .startedAt, .mallocArenaMax, .allocatorVersion, .vmHWMMiB, .processesPeak, .samples,
        .samplerCPUMs, .rssLateSlopeMiBPerHour, .libtorch, .torchVersion, .torchBLAS, .torchMKL, .torchOneDNN,
        .torchOpenMP, .openmpRuntimes, .torchLibrary, .modelDigest, .audioDigest, .allocatorEnvironment,
        .cpuQuota, .cpuset, .cpuBudget, .nrPeriods, .nrThrottled, .throttledSeconds, .throttledPercent, .budgetUtilPercent,
        .torchDefaultThreads, .ompMaxThreads, .hardwareConcurrency, .affinityCPUs, .cpusAllowed, .cpuCgroup,
        .scenario, .streams, .pace, .rate, .requestSeconds, .loadP50Ms, .loadP90Ms, .loadP99Ms, .loadMaxMs, .loadSamples,
        .keptUp, .feedLagMaxMs, .notFedSeconds, .capacityStreams, .capacityBoundMs, .capacityNextP99Ms, .capacityLoads,
        .hostname, .machineFingerprint, .capacitySearchSeconds, .engine, .items, .itemsPerSecond, .engineMetricsProblem,
    ] + Axis.tableOnlyColumns
}
