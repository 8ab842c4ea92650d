import Results

/// How a spec given to `sweep --resume` differs from the one the run directory was made with, compared
/// as parsed values (`ExperimentSpec`), never as text. A difference either changes what the finished
/// runs measured (their rows would no longer be what the directory claims: refused), or keeps them
/// valid (more repetitions, new axis values, settings that only affect runs still to come: accepted
/// with `--extend` and recorded in meta.json).
public struct SpecChange: Sendable, Equatable {
    public struct Difference: Sendable, Equatable {
        /// The spec key, as written in YAML (`audio`, `engine_threads`).
        public var key: String
        /// What changed, in words (`[1, 2] -> [1, 2, 4]`).
        public var detail: String
        /// False when the finished runs stay valid.
        public var invalidatesFinishedRuns: Bool

        public var text: String { "\(key) (\(detail))" }
    }

    public var differences: [Difference]

    public var isEmpty: Bool { differences.isEmpty }
    public var invalidating: [Difference] { differences.filter(\.invalidatesFinishedRuns) }
    public var extending: [Difference] { differences.filter { !$0.invalidatesFinishedRuns } }

    /// `recorded` is the directory's spec, `given` the one on the command line.
    public init(recorded: ExperimentSpec, given: ExperimentSpec) {
        var found: [Difference] = []
        func measured<T: Equatable>(_ key: String, _ a: T, _ b: T, _ text: (T) -> String) {
            if a != b { found.append(Difference(key: key, detail: "\(text(a)) -> \(text(b))", invalidatesFinishedRuns: true)) }
        }
        func setting<T: Equatable>(_ key: String, _ a: T, _ b: T, _ text: (T) -> String) {
            if a != b { found.append(Difference(key: key, detail: "\(text(a)) -> \(text(b))", invalidatesFinishedRuns: false)) }
        }
        /// An axis may gain values (new cells); losing one would orphan its finished rows.
        func axis<T: Hashable>(_ key: String, _ a: [T], _ b: [T], _ text: (T) -> String) {
            guard Set(a) != Set(b) else { return }
            let removed = a.filter { !b.contains($0) }
            let added = b.filter { !a.contains($0) }
            var parts: [String] = []
            if !removed.isEmpty { parts.append("removed " + removed.map(text).joined(separator: ", ")) }
            if !added.isEmpty { parts.append("added " + added.map(text).joined(separator: ", ")) }
            found.append(Difference(key: key, detail: parts.joined(separator: "; "), invalidatesFinishedRuns: !removed.isEmpty))
        }
        let plain: (Any) -> String = { "\($0)" }
        measured("audio", recorded.audio, given.audio, Self.audioText)
        measured("audio_passes", recorded.audioPasses, given.audioPasses, plain)
        measured("model", recorded.model, given.model, plain)
        measured("sample_interval_ms", recorded.sampleIntervalMs, given.sampleIntervalMs, plain)
        axis("engine_threads", recorded.engineThreads, given.engineThreads, plain)
        axis("intra_op_threads", recorded.intraOpThreads, given.intraOpThreads, IntraOpThreads.text)
        axis("inter_op_threads", recorded.interOpThreads, given.interOpThreads, plain)
        axis("allocator", recorded.allocators, given.allocators) { $0.label + ($0.mallocConf.map { " (\($0))" } ?? "") + ($0.environment.isEmpty ? "" : " [\($0.environmentText)]") }
        axis("omp_wait_policy", recorded.ompWaitPolicies, given.ompWaitPolicies) { $0.rawValue }
        axis("engine_mode", recorded.engineModes, given.engineModes) { $0.rawValue }
        axis("libtorch", recorded.libtorch, given.libtorch) { $0.name }
        axis("cpu_quota", recorded.cpuQuotas, given.cpuQuotas) { $0.text }
        axis("cpuset", recorded.cpusets, given.cpusets) { $0.text }
        axis("scenario", recorded.loads, given.loads) { $0.text }
        // An engine whose command or environment changed reads as removed and added again: its runs measured the old one.
        axis("engine", recorded.engines, given.engines) { $0.name }
        for tableAxis in Axis.tableOnly {
            axis(tableAxis.name, recorded.values(of: tableAxis), given.values(of: tableAxis)) { $0 }
        }
        if recorded.repetitions != given.repetitions {
            // Fewer would orphan the finished runs of the repetitions dropped.
            found.append(Difference(key: "repetitions", detail: "\(recorded.repetitions) -> \(given.repetitions)",
                                    invalidatesFinishedRuns: given.repetitions < recorded.repetitions))
        }
        setting("name", recorded.name, given.name, plain)
        setting("description", recorded.description ?? "", given.description ?? "", plain)
        setting("order", recorded.order, given.order, plain)
        setting("timeout", recorded.timeoutSeconds, given.timeoutSeconds) { DurationText.text($0) }
        setting("roles", recorded.roles, given.roles) { $0.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.rawValue)" }.joined(separator: ", ") }
        setting("reference_cell", recorded.referenceCell, given.referenceCell, plain)
        setting("expectations", recorded.expectationsYAML ?? "", given.expectationsYAML ?? "") { $0.isEmpty ? "none" : "block" }
        differences = found
    }

    static func audioText(_ audio: AudioInput) -> String {
        switch audio {
        case .generate(let seconds, let seed): "generate \(DurationText.text(seconds)) seed \(seed)"
        case .paths(let paths): paths.joined(separator: ", ")
        }
    }

    /// For meta.json: what `--extend` accepted, in one line.
    public var summary: String { differences.map(\.text).joined(separator: "; ") }
}
