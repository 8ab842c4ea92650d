/// A sweep as its YAML file describes it, after validation: the inputs, the axes of the grid, and
/// how each cell is run. Build one with `ExperimentSpecLoader`; the YAML format is documented there.
public struct ExperimentSpec: Sendable, Equatable, Codable {
    public var name: String
    public var description: String?
    public var audio: AudioInput
    /// Each cell processes the audio this many times in one process: a long run (soak) from a
    /// scene that stays small on disk.
    public var audioPasses: Int
    /// A preset (`tiny`, `base`, `large`, optionally `@SEED`) or a TorchScript file; resolved once
    /// by the parent, and every cell gets the resolved file.
    public var model: String

    public var engineThreads: [Int]
    public var intraOpThreads: [Int]
    public var interOpThreads: [Int]
    public var allocators: [AllocatorSetting]
    public var ompWaitPolicies: [OMPWaitPolicy]
    public var engineModes: [EngineMode]
    /// LibTorch runtimes: `system`, `pypi`, LibTorch directories.
    public var libtorch: [LibTorchRuntime]
    /// CFS quotas, each on a cgroup per cell (`none`: no cgroup).
    public var cpuQuotas: [CPUQuota]
    /// CPU affinities (`none`: the sweep's).
    public var cpusets: [CPUSet]
    /// How the cells are loaded (the scenario axis with its streams, paces, rates); `[.offline]` by default.
    public var loads: [CellLoad]
    /// The bound and limit of capacity cells (required when `loads` has one).
    public var capacity: CapacitySetting?
    /// The engines every setting runs on: `[.arbench]` by default.
    public var engines: [CellEngine]
    /// The values of table-only axes (`Axis.tableOnly`) by axis name, canonical text; an axis absent runs at
    /// its usual value only.
    public var tableAxes: [String: [String]]
    /// Roles the spec gives axes instead of the table's (`roles: {libtorch: condition}`).
    public var roles: [String: AxisRole]

    public var repetitions: Int
    public var order: RunOrder
    /// A cell still running after this is killed (its whole process group) and recorded as `timeout`.
    public var timeoutSeconds: Double
    /// How often the parent samples the child's RSS, CPU and threads from /proc.
    public var sampleIntervalMs: Int
    public var referenceCell: ReferenceCell?
    /// The `expectations:` block, kept as YAML text: the gate defines and reads it.
    public var expectationsYAML: String?

    public init(name: String, description: String? = nil, audio: AudioInput, audioPasses: Int = 1, model: String,
                engineThreads: [Int], intraOpThreads: [Int], interOpThreads: [Int] = [1],
                allocators: [AllocatorSetting] = [AllocatorSetting(kind: .glibc)],
                ompWaitPolicies: [OMPWaitPolicy] = [.default], engineModes: [EngineMode] = [.threads],
                libtorch: [LibTorchRuntime] = [.system], cpuQuotas: [CPUQuota] = [.none], cpusets: [CPUSet] = [.none],
                loads: [CellLoad] = [.offline], capacity: CapacitySetting? = nil, engines: [CellEngine] = [.arbench],
                tableAxes: [String: [String]] = [:], roles: [String: AxisRole] = [:], repetitions: Int = 1, order: RunOrder = .interleaved, timeoutSeconds: Double = 3600,
                sampleIntervalMs: Int = 100, referenceCell: ReferenceCell? = nil, expectationsYAML: String? = nil) {
        self.name = name
        self.description = description
        self.audio = audio
        self.audioPasses = audioPasses
        self.model = model
        self.engineThreads = engineThreads
        self.intraOpThreads = intraOpThreads
        self.interOpThreads = interOpThreads
        self.allocators = allocators
        self.ompWaitPolicies = ompWaitPolicies
        self.engineModes = engineModes
        self.libtorch = libtorch
        self.cpuQuotas = cpuQuotas
        self.cpusets = cpusets
        self.loads = loads
        self.capacity = capacity
        self.engines = engines
        self.tableAxes = tableAxes
        self.roles = roles
        self.repetitions = repetitions
        self.order = order
        self.timeoutSeconds = timeoutSeconds
        self.sampleIntervalMs = sampleIntervalMs
        self.referenceCell = referenceCell
        self.expectationsYAML = expectationsYAML
    }

    enum CodingKeys: String, CodingKey {
        case name, description, audio, model, repetitions, order
        case engineThreads = "engine_threads"
        case intraOpThreads = "intra_op_threads"
        case interOpThreads = "inter_op_threads"
        case allocators = "allocator"
        case ompWaitPolicies = "omp_wait_policy"
        case engineModes = "engine_mode"
        case libtorch
        case cpuQuotas = "cpu_quota"
        case cpusets = "cpuset"
        case loads = "load"
        case capacity
        case engines = "engine"
        case tableAxes = "axes"
        case roles
        case timeoutSeconds = "timeout_s"
        case sampleIntervalMs = "sample_interval_ms"
        case audioPasses = "audio_passes"
        case referenceCell = "reference_cell"
        case expectationsYAML = "expectations_yaml"
    }

    /// As meta.json records it. Axes added after the first sweeps (engine mode, wait policy, runtime, audio
    /// passes, CPU quota, cpuset, load) take the values those sweeps ran with when absent.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try c.decode(String.self, forKey: .name),
                  description: try c.decodeIfPresent(String.self, forKey: .description),
                  audio: try c.decode(AudioInput.self, forKey: .audio),
                  audioPasses: try c.decodeIfPresent(Int.self, forKey: .audioPasses) ?? 1,
                  model: try c.decode(String.self, forKey: .model),
                  engineThreads: try c.decode([Int].self, forKey: .engineThreads),
                  intraOpThreads: try c.decode([Int].self, forKey: .intraOpThreads),
                  interOpThreads: try c.decodeIfPresent([Int].self, forKey: .interOpThreads) ?? [1],
                  allocators: try c.decodeIfPresent([AllocatorSetting].self, forKey: .allocators) ?? [AllocatorSetting(kind: .glibc)],
                  ompWaitPolicies: try c.decodeIfPresent([OMPWaitPolicy].self, forKey: .ompWaitPolicies) ?? [.default],
                  engineModes: try c.decodeIfPresent([EngineMode].self, forKey: .engineModes) ?? [.threads],
                  libtorch: try c.decodeIfPresent([LibTorchRuntime].self, forKey: .libtorch) ?? [.system],
                  cpuQuotas: try c.decodeIfPresent([CPUQuota].self, forKey: .cpuQuotas) ?? [.none],
                  cpusets: try c.decodeIfPresent([CPUSet].self, forKey: .cpusets) ?? [.none],
                  loads: try c.decodeIfPresent([CellLoad].self, forKey: .loads) ?? [.offline],
                  capacity: try c.decodeIfPresent(CapacitySetting.self, forKey: .capacity),
                  engines: try c.decodeIfPresent([CellEngine].self, forKey: .engines) ?? [.arbench],
                  tableAxes: try c.decodeIfPresent([String: [String]].self, forKey: .tableAxes) ?? [:],
                  roles: try c.decodeIfPresent([String: AxisRole].self, forKey: .roles) ?? [:],
                  repetitions: try c.decodeIfPresent(Int.self, forKey: .repetitions) ?? 1,
                  order: try c.decodeIfPresent(RunOrder.self, forKey: .order) ?? .interleaved,
                  timeoutSeconds: try c.decodeIfPresent(Double.self, forKey: .timeoutSeconds) ?? 3600,
                  sampleIntervalMs: try c.decodeIfPresent(Int.self, forKey: .sampleIntervalMs) ?? 100,
                  referenceCell: try c.decodeIfPresent(ReferenceCell.self, forKey: .referenceCell),
                  expectationsYAML: try c.decodeIfPresent(String.self, forKey: .expectationsYAML))
    }

    /// The values of a table-only axis this spec runs.
    public func values(of axis: Axis) -> [String] { tableAxes[axis.name] ?? [axis.usual] }

    /// Every top-level key a spec file may hold: the spec loader and `check`'s expectations reader both refuse
    /// any other (a typo such as `expectation:` must not switch a check off).
    public static let keys = [
        "name", "description", "audio", "audio_passes", "model", "engine_threads", "intra_op_threads", "inter_op_threads",
        "allocator", "omp_wait_policy", "engine_mode", "libtorch", "cpu_quota", "cpuset", "scenario", "streams", "pace", "rate",
        "request_seconds", "capacity", "engine", "repetitions", "order", "seed", "timeout",
        "sample_interval_ms", "reference_cell", "expectations", "roles",
    ] + Axis.tableOnly.compactMap(\.specKey)

    /// The role of `axis` in this spec: its own `roles:` entry, else the table's.
    public func role(of axis: Axis) -> AxisRole { roles[axis.name] ?? axis.role }
}
