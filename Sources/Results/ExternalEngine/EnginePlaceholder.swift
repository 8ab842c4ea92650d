/// What an external engine's command and environment can name in braces: every axis of the cell and the
/// paths arbench prepares. The list the README prints and the spec error names.
public enum EnginePlaceholder: String, Sendable, CaseIterable {
    case engineThreads = "engine_threads"
    case intraOpThreads = "intra_op_threads"
    case interOpThreads = "inter_op_threads"
    case allocator
    case mallocConf = "malloc_conf"
    case ompWaitPolicy = "omp_wait_policy"
    case libtorch
    case cpuQuota = "cpu_quota"
    case cpuset
    case cpuBudget = "cpu_budget"
    case cellID = "cell_id"
    case repetition
    case model
    case audio
    case audioList = "audio_list"
    case out
    case metrics

    public var text: String { "{\(rawValue)}" }

    /// Stands for several values: one argv element each, so it must be a whole element of the command.
    public var isList: Bool { self == .audio }

    public var meaning: String {
        switch self {
        case .engineThreads: "engine threads of the cell"
        case .intraOpThreads: "intra-op threads of the cell (budget resolved to a number; `default` when LibTorch's own choice is asked for: then OMP_NUM_THREADS is unset)"
        case .interOpThreads: "inter-op threads of the cell"
        case .allocator: "the allocator setting's label (glibc, jemalloc, ...); arbench sets LD_PRELOAD and MALLOC_CONF itself"
        case .mallocConf: "MALLOC_CONF of the setting (empty: the allocator's defaults)"
        case .ompWaitPolicy: "default, passive or active (arbench sets OMP_WAIT_POLICY itself unless default)"
        case .libtorch: "the LibTorch runtime axis value (system, pypi, a directory)"
        case .cpuQuota: "the CPU quota in CPUs, or none (arbench puts the engine in its cgroup itself)"
        case .cpuset: "the CPU list, or none (arbench sets the affinity itself)"
        case .cpuBudget: "CPUs the cell may use: min(quota, cpuset, machine)"
        case .cellID: "the cell's id"
        case .repetition: "the repetition, from 1"
        case .model: "the TorchScript model file (the spec's preset or file)"
        case .audio: "the audio files, one argument each (a whole element of the command)"
        case .audioList: "a text file listing the audio files, one path per line"
        case .out: "a scratch directory of this run, empty at start (kept beside the cell's metrics)"
        case .metrics: "where the engine may write its metrics JSON (schema arbench.engine-metrics/1)"
        }
    }
}
