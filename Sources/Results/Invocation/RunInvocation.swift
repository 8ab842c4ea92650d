/// Every setting of one `arbench run`, rendering its own argv: the one place that argv is spelled.
/// The sweep's children, the multi-process engine's workers and the CLI's own options go through it.
public struct RunInvocation: Sendable, Equatable {
    public var audio: [String]
    public var model: String
    public var engineThreads: Int
    /// Intra-op threads each engine thread sets; `IntraOpThreads.libTorchDefault` (0) sets none.
    public var intraOpThreads: Int
    public var interOpThreads: Int
    /// `system`, `pypi` or a LibTorch directory.
    public var libtorch: String
    /// `processes` for the multi-process engine; nil = threads, `arbench run`'s default.
    public var engineMode: EngineMode?
    public var metrics: String?
    public var quiet: Bool
    /// `K/N`: a worker of the multi-process engine, writing its raw output to `shardOutput`.
    public var shard: String?
    public var shardOutput: String?
    /// How the run is loaded: offline (the files as a backlog), live streams (`--streams K --pace P`) or
    /// Poisson requests (`--rate R --request-seconds S`); a capacity cell's parent runs each load it tries
    /// as streams, so `capacity` itself has no flags.
    public var load: CellLoad
    /// `--latency-bound MS` under a load.
    public var latencyBoundMs: Double?

    public init(audio: [String], model: String, engineThreads: Int = 1, intraOpThreads: Int = 1, interOpThreads: Int = 1,
                libtorch: String = "system", engineMode: EngineMode? = nil, metrics: String? = nil, quiet: Bool = false,
                shard: String? = nil, shardOutput: String? = nil, load: CellLoad = .offline, latencyBoundMs: Double? = nil) {
        self.load = load
        self.latencyBoundMs = latencyBoundMs
        self.audio = audio
        self.model = model
        self.engineThreads = engineThreads
        self.intraOpThreads = intraOpThreads
        self.interOpThreads = interOpThreads
        self.libtorch = libtorch
        self.engineMode = engineMode
        self.metrics = metrics
        self.quiet = quiet
        self.shard = shard
        self.shardOutput = shardOutput
    }

    /// argv after argv[0]: `run AUDIO... --model M --engine-threads N --intra-op-threads K|default
    /// --inter-op-threads I --libtorch R [--engine-mode processes] [--metrics F] [--quiet] [--shard K/N --shard-output F] [--streams K --pace P | --rate R --request-seconds S] [--latency-bound MS]`.
    public var arguments: [String] {
        var arguments = ["run"] + audio + [
            "--model", model,
            "--engine-threads", String(engineThreads),
            "--intra-op-threads", IntraOpThreads.text(intraOpThreads),
            "--inter-op-threads", String(interOpThreads),
            "--libtorch", libtorch,
        ]
        if let engineMode { arguments += ["--engine-mode", engineMode.rawValue] }
        if let metrics { arguments += ["--metrics", metrics] }
        if quiet { arguments.append("--quiet") }
        if let shard { arguments += ["--shard", shard] }
        if let shardOutput { arguments += ["--shard-output", shardOutput] }
        switch load.scenario {
        case .streams:
            arguments += ["--streams", String(load.streams ?? 1), "--pace", String(load.pace ?? 1)]
            if let latencyBoundMs { arguments += ["--latency-bound", String(latencyBoundMs)] }
        case .rate:
            arguments += ["--rate", String(load.rate ?? 1), "--request-seconds", String(load.requestSeconds ?? 0)]
            if let latencyBoundMs { arguments += ["--latency-bound", String(latencyBoundMs)] }
        case .offline, .capacity: break
        }
        return arguments
    }
}
