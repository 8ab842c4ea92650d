import Results
/// An axis of the grid that `compare --ignore-axis` can leave out when matching cells, to compare
/// one setting against another: a baseline run with the default OpenMP wait policy against a run with
/// `omp_wait_policy: active`, glibc cells against jemalloc ones, or `system` LibTorch cells against `pypi` ones, or cells under a CPU quota or cpuset against unlimited ones, or one load against another. Engine and intra-op threads are
/// the grid itself and are always matched.
public enum CellAxis: String, Sendable, CaseIterable, Codable {
    case engineMode = "engine_mode"
    case interOpThreads = "inter_op_threads"
    case allocator
    case mallocConf = "malloc_conf"
    case ompWaitPolicy = "omp_wait_policy"
    case libtorch
    case cpuQuota = "cpu_quota"
    case cpuset
    /// The scenario and its parameters: streams at one count against another, or against the backlog.
    case load = "scenario"
    /// The engine: an external engine's cells against arbench's own at the same setting.
    case engine

    /// The axes with this one replaced by a placeholder, so cells differing only there match.
    func blank(_ axes: CellAxes) -> CellAxes {
        var copy = axes
        switch self {
        case .engineMode: copy.engineMode = "*"
        case .interOpThreads: copy.interOpThreads = 0
        case .allocator:
            copy.allocator = "*"
            copy.mallocConf = "*"
        case .mallocConf: copy.mallocConf = "*"
        case .ompWaitPolicy: copy.ompWaitPolicy = "*"
        case .libtorch: copy.libtorch = "*"
        case .cpuQuota: copy.cpuQuota = "*"
        case .cpuset: copy.cpuset = "*"
        case .load: copy.load = "*"
        case .engine: copy.engine = "*"
        }
        return copy
    }
}
