import Foundation
import Yams
import Results

/// Reads and validates an experiment spec. Every problem is collected and thrown together as a
/// `SpecError` (one line per problem, naming file, line and field) before any cell runs.
///
/// ```yaml
/// name: quick                       # default: the file name
/// description: oversubscription and allocators, CI-sized
/// audio: {generate: {duration: 90s, seed: 1}}    # or: audio: {paths: [a.wav, b.flac]}
/// audio_passes: 1                   # each cell processes the audio this many times (a soak), default 1
/// model: base                       # preset (tiny, base, large, @SEED) or a .pt file
/// engine_threads: [1, 2, 4]         # a number, a range "1-16", or a list of both
/// intra_op_threads: [1, 4, default, budget]  # default: whatever LibTorch picks on that runtime;
///                                   # budget: the cell's CPU budget / engine threads (at least 1)
/// libtorch: [system, pypi]          # LibTorch runtimes (or directories), default system
/// cpu_quota: [0.5, 1, none]         # CFS quota in CPUs on a cgroup per cell (root), default none
/// cpuset: ["0", "0-1", none]        # the cell's CPU affinity, default none
/// scenario: [offline, streams, rate, capacity]   # how each cell is loaded, default offline
/// streams: [1, 2, 4, 8]             # with streams: live streams at once (run --streams)
/// pace: 10                          # with streams/capacity: times real time, default 1 (a list is an axis)
/// rate: [5, 10, 20]                 # with rate: Poisson requests per second (run --rate)
/// request_seconds: 2                # with rate: audio per request, default 0 (whole files)
/// capacity: {p99: 300ms, max_streams: 64}   # with capacity: each cell searches the most streams meeting p99
/// engine: [arbench, {name: mine, command: [./mine, "{engine_threads}", "{audio}"]}]  # default arbench
///                                   # (external engines: SpecReader+Engines, README "Your own engine")
/// inter_op_threads: 1               # default 1
/// allocator:                        # default glibc
///   - glibc
///   - glibc-arena2                  # glibc with MALLOC_ARENA_MAX=2
///   - {name: jemalloc, malloc_conf: [default, "oversize_threshold:0"]}
/// omp_wait_policy: [default, passive]   # default | passive | active
/// omp_spincount: [0, default]       # GOMP_SPINCOUNT (0, infinite, N spins) / KMP_BLOCKTIME, default unset
/// roles: {libtorch: condition}      # answers per runtime rather than a pick among them (knob|condition|subject)
/// engine_mode: threads              # threads | processes
/// repetitions: 2                    # default 1
/// order: randomized                 # interleaved (default) | randomized
/// seed: 7                           # for randomized order, default 1
/// timeout: 10m                      # per cell, default 1h
/// sample_interval_ms: 100           # /proc sampling, default 100
/// reference_cell: {engine_threads: 1, intra_op_threads: 1}
/// expectations: ...                 # kept as YAML for the gate
/// ```
public enum ExperimentSpecLoader {

    /// The most runs (cells x repetitions) a spec may ask for: more would take years and exhaust memory first.
    public static let maximumRuns = 1_000_000

    /// `defaultName` is the name when the spec has no `name:` (default: the file name without extension).
    public static func load(path: String, defaultName: String? = nil, context: SpecValidationContext) throws -> ExperimentSpec {
        func refuse(_ message: String) -> SpecError { SpecError(problems: [YAMLProblem(file: path, line: nil, field: "", message: message)]) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw refuse("no such spec file") }
        if isDirectory.boolValue {
            let hint = FileManager.default.fileExists(atPath: RunDirectory(path: path).specCopy)
                ? " (a sweep run directory: continue it with --resume \(path))" : ""
            throw refuse("is a directory, not a spec file\(hint)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw refuse("cannot be read (permission denied?)") }
        guard let text = String(data: data, encoding: .utf8) else { throw refuse("is not a text file (UTF-8 YAML expected)") }
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try parse(yaml: text, file: path, defaultName: defaultName ?? stem, context: context)
    }

    public static func parse(yaml: String, file: String, defaultName: String, context: SpecValidationContext) throws -> ExperimentSpec {
        let reader = SpecReader(file: file)
        guard let root = reader.compose(yaml) else {
            throw SpecError(problems: reader.problems.isEmpty
                ? [YAMLProblem(file: file, line: nil, field: "", message: "the spec is empty")] : reader.problems)
        }
        guard let top = reader.mapping(root, field: "", allowed: ExperimentSpec.keys) else {
            throw SpecError(problems: reader.problems)
        }
        func required(_ key: String, _ hint: String) -> Node? {
            if let node = top[key] { return node }
            reader.report(root, key, "missing (\(hint))")
            return nil
        }

        // The name becomes a directory (Results/runs/NAME-...), a Slurm job and a Kubernetes job name: one plain
        // word, never a path that leaves Results/runs.
        let name = top["name"].flatMap { node in
            reader.string(node, field: "name").flatMap { name in
                guard name.range(of: #"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"#, options: .regularExpression) != nil else {
                    reader.report(node, "name", "\"\(name)\" is not a plain name (letters, digits, '.', '_', '-'; at most 100; no '/')")
                    return nil
                }
                return name
            }
        } ?? defaultName
        let description = top["description"].flatMap { reader.string($0, field: "description") }
        let audio = required("audio", "generate: {duration, seed} or paths: [...]").flatMap { reader.audio($0, context: context) }
        let passes = top["audio_passes"].map { reader.integer($0, field: "audio_passes", minimum: 1) } ?? 1
        let model = required("model", "a preset like base, or a .pt file").flatMap { reader.model($0, context: context) }
        let engine = required("engine_threads", "e.g. 1-16").flatMap { reader.threadCounts($0, field: "engine_threads") }
        let intra = required("intra_op_threads", "e.g. [1, 4, 8, 16]").flatMap { reader.threadCounts($0, field: "intra_op_threads", allowsDefault: true) }
        let inter = top["inter_op_threads"].map { reader.threadCounts($0, field: "inter_op_threads") } ?? [1]
        let allocators = top["allocator"].map { reader.allocators($0, field: "allocator", context: context) }
            ?? [AllocatorSetting(kind: .glibc)]
        let waits = top["omp_wait_policy"].map { reader.choices($0, field: "omp_wait_policy", of: OMPWaitPolicy.self) } ?? [.default]
        let modes = top["engine_mode"].map { reader.choices($0, field: "engine_mode", of: EngineMode.self) } ?? [.threads]
        let runtimes = top["libtorch"].map { reader.runtimes($0, field: "libtorch", context: context) } ?? [.system]
        let quotas = top["cpu_quota"].map { reader.cpuQuotas($0, field: "cpu_quota", context: context) } ?? [CPUQuota.none]
        let cpusets = top["cpuset"].map { reader.cpusets($0, field: "cpuset", context: context) } ?? [CPUSet.none]
        let loads = reader.loads(top, root: root, context: context)
        let engines = top["engine"].map { reader.engines($0, loads: loads?.loads, modes: modes, audio: audio, passes: passes) } ?? [.arbench]
        let tableAxes = reader.tableAxes(top)
        let roles = top["roles"].flatMap { reader.roles($0) } ?? [:]
        let repetitions = top["repetitions"].map { reader.integer($0, field: "repetitions", minimum: 1) } ?? 1
        let seed = top["seed"].map { reader.integer($0, field: "seed", minimum: 0) } ?? 1
        let order = top["order"].map { runOrder($0, seed: seed, reader: reader) } ?? RunOrder.interleaved
        let timeout = top["timeout"].map { reader.duration($0, field: "timeout", context: context) } ?? 3600
        let interval = top["sample_interval_ms"].map { reader.integer($0, field: "sample_interval_ms", minimum: 10) } ?? 100
        let reference = top["reference_cell"].flatMap { reader.referenceCell($0, engineThreads: engine, intraOpThreads: intra) }
        let expectations = top["expectations"].flatMap { try? Yams.serialize(node: $0) }

        guard reader.problems.isEmpty, let audio, let passes, let model, let engine, let intra, let inter, let allocators,
              let waits, let modes, let runtimes, let quotas, let cpusets, let loads, let engines, let repetitions, let order, let timeout, let interval else {
            throw SpecError(problems: reader.problems)
        }
        // The grid's size, checked before anything is built from it (hyperfine's rule): every axis's count
        // and the repetitions multiplied with overflow checks.
        let counts = [engine.count, intra.count, inter.count, allocators.count, waits.count, modes.count, runtimes.count,
                      quotas.count, cpusets.count, loads.loads.count, engines.count]
            + Axis.tableOnly.map { tableAxes[$0.name]?.count ?? 1 } + [repetitions]
        var runs = 1
        for count in counts {
            let (product, overflow) = runs.multipliedReportingOverflow(by: count)
            runs = overflow ? Int.max : product
        }
        if runs > maximumRuns {
            reader.report(top["repetitions"] ?? root, "repetitions",
                          "the grid would be \(runs == Int.max ? "more than \(Int.max)" : String(runs)) runs (cells x repetitions); at most \(maximumRuns)")
            throw SpecError(problems: reader.problems)
        }
        return ExperimentSpec(
            name: name, description: description, audio: audio, audioPasses: passes, model: model,
            engineThreads: engine, intraOpThreads: intra, interOpThreads: inter, allocators: allocators,
            ompWaitPolicies: waits, engineModes: modes, libtorch: runtimes, cpuQuotas: quotas, cpusets: cpusets,
            loads: loads.loads, capacity: loads.capacity, engines: engines, tableAxes: tableAxes, roles: roles, repetitions: repetitions, order: order,
            timeoutSeconds: timeout, sampleIntervalMs: interval, referenceCell: reference,
            expectationsYAML: expectations)
    }

    private static func runOrder(_ node: Node, seed: Int?, reader: SpecReader) -> RunOrder? {
        switch reader.string(node, field: "order")?.lowercased() {
        case "interleaved": return .interleaved
        case "randomized", "randomised": return seed.map { .randomized(seed: UInt64($0)) }
        case nil: return nil
        case let other?:
            reader.report(node, "order", "\"\(other)\" is not one of: interleaved, randomized")
            return nil
        }
    }
}
