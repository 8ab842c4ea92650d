import Foundation

/// Everything `arbench run --metrics` writes: one engine run over one or more files.
public struct RunReport: Codable, Sendable {
    public static let schema = "arbench.run/1"

    public struct FileReport: Codable, Sendable {
        public var path: String
        public var status: String            // "ok" or "failed"
        public var error: String?
        public var audioSeconds: Double
        public var segments: Int
        public var tags: Int
        public var outputDigest: String?

        public init(path: String, status: String, error: String?, audioSeconds: Double, segments: Int, tags: Int,
                    outputDigest: String?) {
            self.path = path
            self.status = status
            self.error = error
            self.audioSeconds = audioSeconds
            self.segments = segments
            self.tags = tags
            self.outputDigest = outputDigest
        }
        enum CodingKeys: String, CodingKey {
            case path, status, error, segments, tags
            case audioSeconds = "audio_seconds"
            case outputDigest = "output_digest"
        }
    }

    public struct Threads: Codable, Sendable {
        public var engineRequested: Int
        public var engineEffective: Int
        public var intraOpRequested: Int
        /// As LibTorch reported it on each engine thread after setting it.
        public var intraOpEffective: [Int]
        public var interOpRequested: Int
        public var interOpEffective: Int

        public init(engineRequested: Int, engineEffective: Int, intraOpRequested: Int, intraOpEffective: [Int],
                    interOpRequested: Int, interOpEffective: Int) {
            self.engineRequested = engineRequested
            self.engineEffective = engineEffective
            self.intraOpRequested = intraOpRequested
            self.intraOpEffective = intraOpEffective
            self.interOpRequested = interOpRequested
            self.interOpEffective = interOpEffective
        }
        enum CodingKeys: String, CodingKey {
            case engineRequested = "engine_requested"
            case engineEffective = "engine_effective"
            case intraOpRequested = "intra_op_requested"
            case intraOpEffective = "intra_op_effective"
            case interOpRequested = "inter_op_requested"
            case interOpEffective = "inter_op_effective"
        }
    }

    public struct Latencies: Codable, Sendable {
        /// Features + inference on an engine thread.
        public var segment: LatencySummary
        public var features: LatencySummary
        public var inference: LatencySummary
        /// Queued to scored: includes waiting for a free engine thread.
        public var endToEnd: LatencySummary

        public init(segment: LatencySummary, features: LatencySummary, inference: LatencySummary,
                    endToEnd: LatencySummary) {
            self.segment = segment
            self.features = features
            self.inference = inference
            self.endToEnd = endToEnd
        }
        enum CodingKeys: String, CodingKey {
            case segment, features, inference
            case endToEnd = "end_to_end"
        }
    }

    public struct ModelSummary: Codable, Sendable {
        public var path: String
        public var preset: String?
        public var parameters: Int
        public var classes: [String]
        public var metadataSource: String

        public init(path: String, preset: String?, parameters: Int, classes: [String], metadataSource: String) {
            self.path = path
            self.preset = preset
            self.parameters = parameters
            self.classes = classes
            self.metadataSource = metadataSource
        }
        enum CodingKeys: String, CodingKey {
            case path, preset, parameters, classes
            case metadataSource = "metadata_source"
        }
    }

    public struct TorchSummary: Codable, Sendable {
        public var version: String
        public var parallelInfo: String
        /// Runtime, BLAS, MKL, oneDNN, OpenMP and the libraries mapped; absent in reports older than runtimes.
        public var build: TorchBuild?
        /// Seconds to load the runtime library and LibTorch's (counted in process_start_s too).
        public var runtimeLoadSeconds: Double?

        public init(version: String, parallelInfo: String, build: TorchBuild? = nil,
                    runtimeLoadSeconds: Double? = nil) {
            self.version = version
            self.parallelInfo = parallelInfo
            self.build = build
            self.runtimeLoadSeconds = runtimeLoadSeconds
        }

        enum CodingKeys: String, CodingKey {
            case version, build
            case parallelInfo = "parallel_info"
            case runtimeLoadSeconds = "runtime_load_s"
        }
    }

    public var schema = RunReport.schema
    public var files: [FileReport]
    public var audioSeconds: Double
    public var segments: Int
    public var tags: Int
    /// Processing only: from the first read of audio to the last tag, without process start or model load.
    public var wallSeconds: Double
    /// From exec to main(), plus loading the LibTorch runtime (its ~285 shared libraries) after main.
    public var processStartSeconds: Double
    public var modelLoadSeconds: Double
    public var stageSeconds: StageTimings
    public var stageSharePercent: [String: Double]
    public var latency: Latencies
    /// Processing wall time over audio duration: below 1 is faster than real time.
    public var realTimeFactor: Double
    public var outputDigest: String
    public var threads: Threads
    public var allocator: AllocatorInfo
    /// Allocator and OpenMP settings as this process saw them.
    public var environment: [String: String]
    public var peakRSSBytes: UInt64
    public var torch: TorchSummary
    public var model: ModelSummary
    public var engineMode: EngineMode
    /// `run --streams`: the load and the latencies under it; nil for a backlog.
    public var streams: StreamsSummary?
    /// `run --rate`: the request load and the latencies under it; nil otherwise.
    public var requests: RequestsSummary?
    /// The CPUs the process saw at start (affinity, cgroup, LibTorch's and OpenMP's defaults); absent in
    /// reports older than CPU limits.
    public var cpuView: CPUView?

    public init(files: [FileReport], audioSeconds: Double, segments: Int, tags: Int, wallSeconds: Double,
                processStartSeconds: Double, modelLoadSeconds: Double, stageSeconds: StageTimings,
                stageSharePercent: [String: Double], latency: Latencies, realTimeFactor: Double,
                outputDigest: String, threads: Threads, allocator: AllocatorInfo, environment: [String: String],
                peakRSSBytes: UInt64, torch: TorchSummary, model: ModelSummary, engineMode: EngineMode) {
        self.files = files
        self.audioSeconds = audioSeconds
        self.segments = segments
        self.tags = tags
        self.wallSeconds = wallSeconds
        self.processStartSeconds = processStartSeconds
        self.modelLoadSeconds = modelLoadSeconds
        self.stageSeconds = stageSeconds
        self.stageSharePercent = stageSharePercent
        self.latency = latency
        self.realTimeFactor = realTimeFactor
        self.outputDigest = outputDigest
        self.threads = threads
        self.allocator = allocator
        self.environment = environment
        self.peakRSSBytes = peakRSSBytes
        self.torch = torch
        self.model = model
        self.engineMode = engineMode
    }
    enum CodingKeys: String, CodingKey {
        case schema, files, segments, tags, latency, threads, allocator, environment, torch, model, streams, requests
        case audioSeconds = "audio_seconds"
        case wallSeconds = "wall_s"
        case processStartSeconds = "process_start_s"
        case modelLoadSeconds = "model_load_s"
        case stageSeconds = "stage_seconds"
        case stageSharePercent = "stage_share_percent"
        case realTimeFactor = "real_time_factor"
        case outputDigest = "output_digest"
        case peakRSSBytes = "peak_rss_bytes"
        case engineMode = "engine_mode"
        case cpuView = "cpu_view"
    }

    /// Environment variables that change what is measured; recorded with every figure.
    public static let recordedEnvironment = [
        "LD_PRELOAD", "MALLOC_CONF", "MALLOC_ARENA_MAX", "TCMALLOC_RELEASE_RATE", "MIMALLOC_OPTIONS",
        "OMP_NUM_THREADS", "OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS",
    ]

    public static func capturedEnvironment() -> [String: String] {
        let env = ProcessInfo.processInfo.environment
        var out: [String: String] = [:]
        for key in recordedEnvironment { if let value = env[key] { out[key] = value } }
        return out
    }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
