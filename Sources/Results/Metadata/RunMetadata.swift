import Foundation

/// meta.json: the context every number in results.csv needs to be read correctly.
public struct RunMetadata: Codable, Sendable {
    /// One invocation of `arbench sweep` on this directory (a resumed sweep has several).
    public struct Session: Codable, Sendable {
        public var startedAt: String
        public var endedAt: String?
        public var commandLine: String
        public var runsPlanned: Int
        public var runsExecuted: Int
        public var sampler: SamplerOverhead
        /// Set when this session resumed with `--extend` and a spec that differs from the one before
        /// (more repetitions, new axis values): what changed, in one line.
        public var specChange: String?

        public init(startedAt: String, endedAt: String? = nil, commandLine: String, runsPlanned: Int, runsExecuted: Int = 0,
                    sampler: SamplerOverhead, specChange: String? = nil) {
            self.startedAt = startedAt
            self.endedAt = endedAt
            self.commandLine = commandLine
            self.runsPlanned = runsPlanned
            self.runsExecuted = runsExecuted
            self.sampler = sampler
            self.specChange = specChange
        }

        enum CodingKeys: String, CodingKey {
            case startedAt = "started_at"
            case endedAt = "ended_at"
            case commandLine = "command_line"
            case runsPlanned = "runs_planned"
            case runsExecuted = "runs_executed"
            case sampler
            case specChange = "spec_change"
        }
    }

    /// The resolved inputs every cell got.
    public struct Inputs: Codable, Sendable {
        public var modelPath: String
        public var audioPaths: [String]
        public var audioBytes: [UInt64]
        /// ContentDigest of the model file and over the audio files (as results.csv's model_digest and
        /// audio_digest); absent in sweeps from before they were recorded.
        public var modelDigest: String?
        public var audioDigest: String?

        public init(modelPath: String, audioPaths: [String], audioBytes: [UInt64], modelDigest: String? = nil,
                    audioDigest: String? = nil) {
            self.modelPath = modelPath
            self.audioPaths = audioPaths
            self.audioBytes = audioBytes
            self.modelDigest = modelDigest
            self.audioDigest = audioDigest
        }

        enum CodingKeys: String, CodingKey {
            case modelPath = "model_path"
            case audioPaths = "audio_paths"
            case audioBytes = "audio_bytes"
            case modelDigest = "model_digest"
            case audioDigest = "audio_digest"
        }
    }

    public static let schemaName = "arbench.sweep/1"

    public var schema = RunMetadata.schemaName
    public var specName: String
    public var specPath: String
    public var specYAML: String
    /// Nil when read from a meta.json whose spec this arbench cannot decode (a newer or damaged one).
    public var spec: ExperimentSpec?
    public var cells: Int
    public var runsInGrid: Int
    public var inputs: Inputs?
    public var startedAt: String
    public var endedAt: String?
    public var sessions: [Session]
    /// Nil when missing: the gate then calls the run "not comparable" rather than unreadable.
    public var machine: MachineFingerprint?
    public var software: SoftwareVersions?
    public var inheritedEnvironment: [String: String]
    public var otherInheritedVariables: [String]
    /// Set by `sweep --shard K/N`: which share of the grid this directory holds.
    public var shard: ShardRecord?
    /// Set by `merge`: the shards this run was merged from, and the machine each ran on.
    public var merge: MergeRecord?

    public init(specName: String, specPath: String = "", specYAML: String = "", spec: ExperimentSpec? = nil, cells: Int = 0,
                runsInGrid: Int = 0, inputs: Inputs? = nil, startedAt: String = "", endedAt: String? = nil,
                sessions: [Session] = [], machine: MachineFingerprint? = nil, software: SoftwareVersions? = nil,
                inheritedEnvironment: [String: String] = [:], otherInheritedVariables: [String] = [],
                shard: ShardRecord? = nil, merge: MergeRecord? = nil) {
        self.shard = shard
        self.merge = merge
        self.specName = specName
        self.specPath = specPath
        self.specYAML = specYAML
        self.spec = spec
        self.cells = cells
        self.runsInGrid = runsInGrid
        self.inputs = inputs
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.sessions = sessions
        self.machine = machine
        self.software = software
        self.inheritedEnvironment = inheritedEnvironment
        self.otherInheritedVariables = otherInheritedVariables
    }

    /// Read field by field and leniently: a meta.json written by an older (or newer) arbench still gives
    /// what it has; a part it cannot decode is nil or empty, never a reason to refuse the whole run.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func value<T: Decodable>(_ type: T.Type, _ key: CodingKeys) -> T? { (try? c.decodeIfPresent(type, forKey: key)) ?? nil }
        self.init(specName: value(String.self, .specName) ?? "", specPath: value(String.self, .specPath) ?? "",
                  specYAML: value(String.self, .specYAML) ?? "", spec: value(ExperimentSpec.self, .spec),
                  cells: value(Int.self, .cells) ?? 0, runsInGrid: value(Int.self, .runsInGrid) ?? 0,
                  inputs: value(Inputs.self, .inputs), startedAt: value(String.self, .startedAt) ?? "",
                  endedAt: value(String.self, .endedAt), sessions: value([Session].self, .sessions) ?? [],
                  machine: value(MachineFingerprint.self, .machine), software: value(SoftwareVersions.self, .software),
                  inheritedEnvironment: value([String: String].self, .inheritedEnvironment) ?? [:],
                  otherInheritedVariables: value([String].self, .otherInheritedVariables) ?? [],
                  shard: value(ShardRecord.self, .shard), merge: value(MergeRecord.self, .merge))
        schema = value(String.self, .schema) ?? ""
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case specName = "spec_name"
        case specPath = "spec_path"
        case specYAML = "spec_yaml"
        case spec, cells, inputs, sessions, machine, software, shard, merge
        case runsInGrid = "runs_in_grid"
        case startedAt = "started_at"
        case endedAt = "ended_at"
        case inheritedEnvironment = "inherited_environment"
        case otherInheritedVariables = "other_inherited_variables"
    }

    public static let recordedPrefixes = ["OMP_", "GOMP_", "KMP_", "MKL_", "OPENBLAS_", "MALLOC_", "LD_", "TORCH_", "ARBENCH_",
                                   "MIMALLOC_", "TCMALLOC_", "JE_", "CUDA_"]

    public static func split(environment: [String: String]) -> (recorded: [String: String], otherNames: [String]) {
        var recorded: [String: String] = [:]
        var others: [String] = []
        for (key, value) in environment {
            if recordedPrefixes.contains(where: key.hasPrefix) { recorded[key] = value } else { others.append(key) }
        }
        return (recorded, others.sorted())
    }

    /// Earlier sessions from an existing meta.json (only what resume needs back).
    /// Nil when there is no file at `path`; throws when there is one and it is not a JSON object.
    public static func read(path: String) throws(RunMetadataError) -> RunMetadata? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(RunMetadata.self, from: data)
        } catch {
            throw RunMetadataError(path: path, reason: "not a readable meta.json (\(error.localizedDescription))")
        }
    }

    public static func previousSessions(at path: String) -> [Session] {
        ((try? read(path: path)) ?? nil)?.sessions ?? []
    }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// A meta.json that exists but cannot be read.
public struct RunMetadataError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}
