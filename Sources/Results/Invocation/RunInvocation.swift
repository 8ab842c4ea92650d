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
    /// Live streams (`--streams K --pace P --latency-bound MS`): nil plays the files as a backlog.
    public var streams: Streams?
    /// Requests (`--rate R --request-seconds S --latency-bound MS`): nil sends none.
    public var requests: Requests?

    public struct Requests: Sendable, Equatable {
        public var rate: Double
        public var requestSeconds: Double
        public var latencyBoundMs: Double?

        public init(rate: Double, requestSeconds: Double = 0, latencyBoundMs: Double? = nil) {
            self.rate = rate
            self.requestSeconds = requestSeconds
            self.latencyBoundMs = latencyBoundMs
        }
    }

    public struct Streams: Sendable, Equatable {
        public var count: Int
        public var pace: Double
        public var latencyBoundMs: Double?

        public init(count: Int, pace: Double = 1, latencyBoundMs: Double? = nil) {
            self.count = count
            self.pace = pace
            self.latencyBoundMs = latencyBoundMs
        }
    }

    public init(audio: [String], model: String, engineThreads: Int = 1, intraOpThreads: Int = 1, interOpThreads: Int = 1,
                libtorch: String = "system", engineMode: EngineMode? = nil, metrics: String? = nil, quiet: Bool = false,
                shard: String? = nil, shardOutput: String? = nil, streams: Streams? = nil, requests: Requests? = nil) {
        self.requests = requests
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
        self.streams = streams
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
        if let streams {
            arguments += ["--streams", String(streams.count), "--pace", String(streams.pace)]
            if let bound = streams.latencyBoundMs { arguments += ["--latency-bound", String(bound)] }
        }
        if let requests {
            arguments += ["--rate", String(requests.rate), "--request-seconds", String(requests.requestSeconds)]
            if let bound = requests.latencyBoundMs { arguments += ["--latency-bound", String(bound)] }
        }
        return arguments
    }
}
