import Foundation

/// meta.json: the context every number in results.csv needs to be read correctly.
public struct RunMetadata: Encodable, Sendable {
    /// One invocation of `arbench sweep` on this directory (a resumed sweep has several).
    public struct Session: Codable, Sendable {
        public var startedAt: String
        public var endedAt: String?
        public var commandLine: String
        public var runsPlanned: Int
        public var runsExecuted: Int
        public var sampler: SamplerOverhead

        enum CodingKeys: String, CodingKey {
            case startedAt = "started_at"
            case endedAt = "ended_at"
            case commandLine = "command_line"
            case runsPlanned = "runs_planned"
            case runsExecuted = "runs_executed"
            case sampler
        }
    }

    /// The resolved inputs every cell got.
    public struct Inputs: Codable, Sendable {
        public var modelPath: String
        public var audioPaths: [String]
        public var audioBytes: [UInt64]

        enum CodingKeys: String, CodingKey {
            case modelPath = "model_path"
            case audioPaths = "audio_paths"
            case audioBytes = "audio_bytes"
        }
    }

    public var schema = "arbench.sweep/1"
    public var specName: String
    public var specPath: String
    public var specYAML: String
    public var spec: ExperimentSpec
    public var cells: Int
    public var runsInGrid: Int
    public var inputs: Inputs
    public var startedAt: String
    public var endedAt: String?
    public var sessions: [Session]
    public var machine: MachineFingerprint
    public var software: SoftwareVersions?
    /// Variables that affect performance, with their values, as the sweep inherited them (each
    /// cell then replaces LD_PRELOAD, MALLOC_CONF, MALLOC_ARENA_MAX, OMP_NUM_THREADS, OMP_WAIT_POLICY).
    public var inheritedEnvironment: [String: String]
    /// Names only of the other inherited variables (values may be private).
    public var otherInheritedVariables: [String]

    enum CodingKeys: String, CodingKey {
        case schema
        case specName = "spec_name"
        case specPath = "spec_path"
        case specYAML = "spec_yaml"
        case spec, cells, inputs, sessions, machine, software
        case runsInGrid = "runs_in_grid"
        case startedAt = "started_at"
        case endedAt = "ended_at"
        case inheritedEnvironment = "inherited_environment"
        case otherInheritedVariables = "other_inherited_variables"
    }

    static let recordedPrefixes = ["OMP_", "GOMP_", "KMP_", "MKL_", "OPENBLAS_", "MALLOC_", "LD_", "TORCH_", "ARBENCH_",
                                   "MIMALLOC_", "TCMALLOC_", "JE_", "CUDA_"]

    static func split(environment: [String: String]) -> (recorded: [String: String], otherNames: [String]) {
        var recorded: [String: String] = [:]
        var others: [String] = []
        for (key, value) in environment {
            if recordedPrefixes.contains(where: key.hasPrefix) { recorded[key] = value } else { others.append(key) }
        }
        return (recorded, others.sorted())
    }

    /// Earlier sessions from an existing meta.json (only what resume needs back).
    static func previousSessions(at path: String) -> [Session] {
        struct Stored: Decodable { var sessions: [Session] }
        guard let data = FileManager.default.contents(atPath: path),
              let stored = try? JSONDecoder().decode(Stored.self, from: data) else { return [] }
        return stored.sessions
    }

    func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
