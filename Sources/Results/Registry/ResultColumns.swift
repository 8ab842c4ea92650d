/// The columns of results.csv, in order, each with what it means. The plotting and gating code
/// reads columns by these names: never rename or reorder them; new columns go at the end.
/// `arbench sweep --columns` prints this table; MiB = 2^20 bytes.
public enum ResultColumns {
    public struct Column: Sendable {
        public let name: String
        public let meaning: String
    }

    public static let all: [Column] = [
        Column(name: "cell_id", meaning: "engine mode, engine/intra/inter threads, allocator, MALLOC_CONF, wait policy and (when not system) LibTorch runtime in one id, e.g. threads-e4-i1-x1-jemalloc-default-wdefault-ltpypi"),
        Column(name: "repetition", meaning: "1-based repetition of the cell"),
        Column(name: "engine_mode", meaning: "threads (N engine threads in one process) or processes (N one-thread worker processes)"),
        Column(name: "engine_threads", meaning: "engine threads (or worker processes) asked for"),
        Column(name: "intra_op_threads", meaning: "LibTorch intra-op threads asked for (also OMP_NUM_THREADS); default = LibTorch's own choice, OMP_NUM_THREADS unset (intra_op_effective says what it chose)"),
        Column(name: "inter_op_threads", meaning: "LibTorch inter-op threads asked for"),
        Column(name: "allocator", meaning: "allocator asked for: glibc, glibc-arenaN (MALLOC_ARENA_MAX=N), jemalloc, tcmalloc, mimalloc"),
        Column(name: "malloc_conf", meaning: "MALLOC_CONF given to jemalloc; empty = its defaults"),
        Column(name: "omp_wait_policy", meaning: "OMP_WAIT_POLICY: default (unset), passive, active"),
        Column(name: "status", meaning: "ok, failed (crash, signal, non-zero exit, no metrics, wrong allocator) or timeout"),
        Column(name: "exit_code", meaning: "the child's exit code; empty when it was killed by a signal or never started"),
        Column(name: "signal", meaning: "the signal that ended the child, e.g. SIGKILL; empty when it exited"),
        Column(name: "error", meaning: "why the cell is not ok, one line (the child's last output line when it had one)"),
        Column(name: "wall_s", meaning: "parent-measured seconds from spawn to exit: process start + model load + processing"),
        Column(name: "processing_s", meaning: "the child's processing time (first audio read to last tag), without start-up or model load"),
        Column(name: "model_load_s", meaning: "the child's model load time"),
        Column(name: "process_start_s", meaning: "the child's time from exec to main (loading LibTorch's shared libraries)"),
        Column(name: "user_cpu_s", meaning: "user CPU seconds (wait4 rusage; includes worker processes the child waited for)"),
        Column(name: "system_cpu_s", meaning: "system CPU seconds (wait4 rusage)"),
        Column(name: "cpu_util_pct", meaning: "(user + system) / wall_s / machine cores * 100: share of the whole machine, as in the post's Figure 3"),
        Column(name: "cores_used", meaning: "(user + system) / wall_s: average number of cores busy"),
        Column(name: "rss_peak_mb", meaning: "peak RSS in MiB: the larger of the highest /proc sample (summed over the process tree) and the child's VmHWM (not ru_maxrss: after posix_spawn it includes the parent's peak)"),
        Column(name: "rss_avg_mb", meaning: "mean of the sampled RSS in MiB"),
        Column(name: "rss_end_mb", meaning: "last sampled RSS in MiB before the child exited"),
        Column(name: "rss_slope_mb_per_h", meaning: "least-squares slope of sampled RSS after warm-up (the longer of 20% of the run and 2 s), MiB per hour; empty when fewer than 10 samples or less than 30 s remain"),
        Column(name: "threads_peak", meaning: "most threads seen at once in the child's process tree"),
        Column(name: "voluntary_ctx_switches", meaning: "voluntary context switches (rusage ru_nvcsw): waiting, e.g. passive OpenMP workers"),
        Column(name: "involuntary_ctx_switches", meaning: "involuntary context switches (rusage ru_nivcsw): preempted, the mark of oversubscription"),
        Column(name: "minor_faults", meaning: "minor page faults (ru_minflt): memory returned to the OS and touched again"),
        Column(name: "major_faults", meaning: "major page faults (ru_majflt)"),
        Column(name: "audio_s", meaning: "seconds of audio processed"),
        Column(name: "segments", meaning: "audio segments processed"),
        Column(name: "real_time_factor", meaning: "processing_s / audio_s: below 1 is faster than real time"),
        Column(name: "throughput_x", meaning: "audio_s / processing_s: seconds of audio per second of processing"),
        Column(name: "latency_p50_ms", meaning: "per-segment latency (features + inference on an engine thread), median, ms"),
        Column(name: "latency_p95_ms", meaning: "per-segment latency, 95th percentile, ms"),
        Column(name: "latency_p99_ms", meaning: "per-segment latency, 99th percentile, ms"),
        Column(name: "inference_p50_ms", meaning: "LibTorch forward call latency, median, ms"),
        Column(name: "inference_p95_ms", meaning: "LibTorch forward call latency, 95th percentile, ms"),
        Column(name: "inference_p99_ms", meaning: "LibTorch forward call latency, 99th percentile, ms"),
        Column(name: "stage_validation_s", meaning: "seconds in validation (reading thread)"),
        Column(name: "stage_segmentation_s", meaning: "seconds in segmentation (reading thread)"),
        Column(name: "stage_features_s", meaning: "seconds in feature extraction, summed over engine threads"),
        Column(name: "stage_inference_s", meaning: "seconds in inference, summed over engine threads"),
        Column(name: "stage_postprocessing_s", meaning: "seconds in post-processing"),
        Column(name: "output_digest", meaning: "digest of the tags produced; every ok cell of a sweep must have the same"),
        Column(name: "allocator_reported", meaning: "the allocator the child found active by probing (must match allocator's family)"),
        Column(name: "alloc_allocated_mb", meaning: "bytes the allocator says are allocated at the end of the run, MiB (jemalloc stats.allocated, glibc mallinfo2, tcmalloc)"),
        Column(name: "alloc_resident_mb", meaning: "bytes the allocator says are resident, MiB (jemalloc stats.resident; empty for others)"),
        Column(name: "intra_op_effective", meaning: "intra-op thread counts LibTorch reported on the engine threads, distinct values joined by ';'"),
        Column(name: "started_at", meaning: "when the child was spawned, ISO 8601 UTC"),
        // Added after the first set; readers must not depend on position past this point.
        Column(name: "malloc_arena_max", meaning: "MALLOC_ARENA_MAX given to glibc; empty = glibc's default"),
        Column(name: "allocator_version", meaning: "version the active allocator reported"),
        Column(name: "vm_hwm_mb", meaning: "VmHWM of the child process itself (kernel peak RSS; in processes mode the coordinating process only), MiB"),
        Column(name: "processes_peak", meaning: "most processes seen at once in the child's tree (1 in threads mode)"),
        Column(name: "samples", meaning: "number of /proc samples taken (timeline.csv rows for this run)"),
        Column(name: "sampler_cpu_ms", meaning: "CPU time the parent's sampler spent on this run, ms"),
        Column(name: "rss_slope_late_mb_per_h", meaning: "rss_slope_mb_per_h fitted over the later half of the post-warm-up span only: close to it while growth is steady, near 0 when it settles to a plateau; empty when that half is under 15 s. Steady growth is a leak when alloc_allocated_mb (live bytes) grows with it, fragmentation when only RSS does"),
        Column(name: "libtorch", meaning: "LibTorch runtime asked for: system (Debian's libtorch-dev), pypi (PyPI's torch wheel) or a LibTorch directory; verified from the libtorch_cpu.so the child mapped"),
        Column(name: "torch_version", meaning: "LibTorch version the child ran"),
        Column(name: "torch_blas", meaning: "BLAS of that LibTorch (at::show_config BLAS_INFO: mkl, or generic with the libblas the child mapped)"),
        Column(name: "torch_mkl", meaning: "MKL version in that LibTorch, or none"),
        Column(name: "torch_onednn", meaning: "oneDNN (MKL-DNN) version in that LibTorch"),
        Column(name: "torch_openmp", meaning: "OpenMP version LibTorch's parallel backend was built for"),
        Column(name: "openmp_runtimes", meaning: "OpenMP runtime libraries mapped in the child (libgomp, libiomp5, libomp); more than 1 is a known cause of large slowdowns"),
        Column(name: "torch_library", meaning: "the libtorch_cpu.so the child mapped (/proc/self/maps)"),
    ]

    public static var names: [String] { all.map(\.name) }

    public static var header: String { names.joined(separator: ",") }
}
