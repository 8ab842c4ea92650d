/// An engine that is not arbench's own: any command a spec names, run as a cell. arbench fills its
/// placeholders from the cell (EnginePlaceholder), sets the cell's environment (allocator preload, OMP_*,
/// CPU limits) around it, samples its process tree and verifies the allocator from /proc/PID/maps;
/// what the engine itself knows (items, latencies, a digest) comes from the optional metrics file
/// (EngineMetrics).
///
/// A spec is trusted input: it chooses what runs and what is preloaded into it.
public struct ExternalEngine: Sendable, Hashable, Codable {
    /// Letters, digits, `_` and `-`: it goes into cell ids (`-eng-python`) and the `engine` column.
    public var name: String
    /// The argv template, one placeholder-bearing element per argument; with `shell`, one element: the
    /// script `/bin/sh -c` runs (placeholder values then shell-quoted into it).
    public var command: [String]
    public var shell: Bool
    /// Variables set for the engine (placeholders filled, never quoted), beside the cell's own.
    public var environment: [String: String]
    /// The work one run does, when the engine does not report it: what throughput is computed from.
    public var work: EngineWork?

    public init(name: String, command: [String], shell: Bool = false, environment: [String: String] = [:], work: EngineWork? = nil) {
        self.name = name
        self.command = command
        self.shell = shell
        self.environment = environment
        self.work = work
    }

    enum CodingKeys: String, CodingKey {
        case name, command, shell, work
        case environment = "env"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try c.decode(String.self, forKey: .name), command: try c.decode([String].self, forKey: .command),
                  shell: try c.decodeIfPresent(Bool.self, forKey: .shell) ?? false,
                  environment: try c.decodeIfPresent([String: String].self, forKey: .environment) ?? [:],
                  work: try c.decodeIfPresent(EngineWork.self, forKey: .work))
    }

    /// Whether the command or environment names `placeholder`.
    public func uses(_ placeholder: EnginePlaceholder) -> Bool {
        (command + environment.values).contains { text in
            (try? EngineTemplate.parse(text))?.placeholders.contains(placeholder) ?? false
        }
    }

    /// Whether the engine is handed a metrics path: only then is a missing metrics file a problem.
    public var asksForMetrics: Bool { uses(.metrics) }

    /// Whether a name can be an engine's: non-empty, at most 40 of [A-Za-z0-9_-], not the built-in's.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 40 && name != CellEngine.builtInName
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }
}

/// How much work one run of an external engine does, declared in the spec (`work:`), for engines that
/// write no metrics file: throughput is then this over the run's wall time (process start included).
/// A spec's `work: audio` is read as the generated scene's duration.
public enum EngineWork: Sendable, Hashable, Codable {
    case audioSeconds(Double)
    case items(Int)

    enum CodingKeys: String, CodingKey {
        case audioSeconds = "audio_seconds", items
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let seconds = try c.decodeIfPresent(Double.self, forKey: .audioSeconds) {
            self = .audioSeconds(seconds)
        } else {
            self = .items(try c.decode(Int.self, forKey: .items))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .audioSeconds(let seconds): try c.encode(seconds, forKey: .audioSeconds)
        case .items(let items): try c.encode(items, forKey: .items)
        }
    }
}
