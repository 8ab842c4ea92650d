/// What an external engine's command and environment can name in braces: every axis of the cell and the
/// paths arbench prepares. The list the README prints and the spec error names. A cell's value is named
/// as its results.csv column is (the registry spells it once); the paths have names of their own.
public enum EnginePlaceholder: Sendable, CaseIterable {
    case engineThreads, intraOpThreads, interOpThreads, allocator, mallocConf, ompWaitPolicy, libtorch, cpuQuota, cpuset
    case cpuBudget, cellID, repetition
    case model, audio, audioList, out, metrics

    /// The name between the braces.
    public var name: String {
        switch self {
        case .engineThreads: Metric.engineThreads.column
        case .intraOpThreads: Metric.intraOpThreads.column
        case .interOpThreads: Metric.interOpThreads.column
        case .allocator: Metric.allocator.column
        case .mallocConf: Metric.mallocConf.column
        case .ompWaitPolicy: Metric.ompWaitPolicy.column
        case .libtorch: Metric.libtorch.column
        case .cpuQuota: Metric.cpuQuota.column
        case .cpuset: Metric.cpuset.column
        case .cpuBudget: Metric.cpuBudget.column
        case .cellID: Metric.cellID.column
        case .repetition: Metric.repetition.column
        case .model: "model"
        case .audio: "audio"
        case .audioList: "audio_list"
        case .out: "out"
        case .metrics: "metrics"
        }
    }

    public init?(name: String) {
        guard let found = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = found
    }

    public var text: String { "{\(name)}" }

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
