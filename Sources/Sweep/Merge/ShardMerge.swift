import Foundation
import Results

/// `arbench merge`: shards of one grid (each a `sweep --shard K/N` directory) checked to be one
/// experiment, covering the grid exactly once, then joined into one normal run directory.
public struct ShardMerge: Sendable {
    public let shards: [ShardRun]
    public let allowMixedMachines: Bool
    /// `--allow-partial`: missing shards and runs do not stop the merge; the run is written marked partial.
    public let allowPartial: Bool

    public init(shards: [ShardRun], allowMixedMachines: Bool = false, allowPartial: Bool = false) {
        self.shards = shards
        self.allowMixedMachines = allowMixedMachines
        self.allowPartial = allowPartial
    }

    /// The problems that stop the merge: all of `problems()`, but for what `--allow-partial` accepts.
    public func blocking(_ problems: [MergeProblem]) -> [MergeProblem] {
        problems.filter { !(allowPartial && $0.kind == .incomplete) }
    }

    /// Runs of the grid no shard holds (a partial merge's gap).
    public var missingRuns: Int { (grid?.runs.count ?? 0) - rows().count }

    /// Lines that name more cells than this are summarised ("and N more").
    static let listedCells = 20

    /// Every reason not to merge, one line each; empty when the shards make one complete run.
    public func problems() -> [MergeProblem] {
        guard let first = shards.first else { return [MergeProblem(.notAShard, "no shard directory given")] }
        var problems: [MergeProblem] = []
        // Each value against the first shard that has one: an unfinished shard has no software recorded yet
        // (it is reported as unfinished, and only merges as partial).
        func differs(_ what: String, _ value: (ShardRun) -> String?) {
            guard let reference = shards.first(where: { value($0) != nil }) else { return }
            for shard in shards where value(shard) != nil && value(shard) != value(reference) {
                problems.append(MergeProblem(.notComparable, "\(shard.path): \(what) \(value(shard) ?? ""), but \(reference.path): \(value(reference) ?? "")"))
            }
        }
        differs("spec.yaml digest", \.specDigest)
        differs("shard count", { String($0.record.count) })
        differs("arbench commit", { $0.meta.software?.gitCommit })
        // A shard without an ok cell (or without cells) ran no runtime to compare; its failures are its rows'.
        differs("LibTorch runtimes", { $0.runtimes.isEmpty ? nil : $0.runtimes })
        differs("model_digest", { $0.meta.inputs?.modelDigest })
        differs("audio_digest", { $0.meta.inputs?.audioDigest })
        for shard in shards where shard.meta.endedAt == nil {
            problems.append(MergeProblem(.incomplete, "\(shard.path): shard \(shard.record.shard.text) has not finished (meta.json has no ended_at); continue it with arbench sweep --resume \(shard.path)"))
        }
        for shard in shards {
            problems += shard.damage.map { MergeProblem(.incomplete, "\(shard.path): damaged: \($0)") }
        }
        problems += shardProblems(count: first.record.count)
        problems += machineProblems()
        if problems.contains(where: { $0.kind == .notComparable }) { return problems }
        problems += coverageProblems()
        return problems
    }

    /// Each index 0..<count given exactly once.
    func shardProblems(count: Int) -> [MergeProblem] {
        var problems: [MergeProblem] = []
        let byIndex = Dictionary(grouping: shards, by: \.record.index)
        for shard in Shard.all(count) {
            let given = byIndex[shard.index] ?? []
            if given.isEmpty {
                problems.append(MergeProblem(.incomplete, "shard \(shard.text) missing: no directory given holds it"))
            } else if given.count > 1 {
                problems.append(MergeProblem(.conflicting, "shard \(shard.text) given \(given.count) times: \(given.map(\.path).joined(separator: ", "))"))
            }
        }
        return problems
    }

    /// The kinds of machine the shards ran on; more than one needs `--allow-mixed-machines`.
    public var machines: [String: [ShardRun]] { Dictionary(grouping: shards, by: \.machineDigest) }

    public var isMixed: Bool { machines.count > 1 }

    func machineProblems() -> [MergeProblem] {
        guard isMixed, !allowMixedMachines else { return [] }
        let kinds = machines.sorted { $0.key < $1.key }.map { digest, runs in
            "\(digest) (\(runs.map { "\($0.hostname): \($0.path)" }.joined(separator: ", ")); \(runs.first?.meta.machine.map(Self.summary) ?? "no fingerprint"))"
        }
        return [MergeProblem(.notComparable, "the shards ran on \(kinds.count) kinds of machine: \(kinds.joined(separator: " vs ")); add --allow-mixed-machines to merge them anyway")]
    }

    static func summary(_ machine: MachineFingerprint) -> String {
        "\(machine.cpuModel), \(machine.logicalCores) CPUs (\(machine.usableCores) usable), \(machine.memoryBytes / 1_048_576) MiB, \(machine.os), \(machine.kernel.split(separator: " ").first ?? "")"
    }

    /// The spec's grid (from the first shard's meta.json; the spec digests were checked equal first).
    public var grid: ExperimentGrid? { shards.first?.meta.spec.map { ExperimentGrid(spec: $0) } }

    /// Every run of the grid in exactly one shard's rows; each cell in one shard only.
    func coverageProblems() -> [MergeProblem] {
        guard let grid else {
            return [MergeProblem(.notComparable, "\(shards.first?.directory.meta ?? "meta.json"): its spec cannot be read by this arbench")]
        }
        var problems: [MergeProblem] = []
        var holders: [String: [ShardRun]] = [:]
        var keys: [RunKey: Int] = [:]
        for shard in shards {
            for row in shard.rows {
                guard let key = row.key else { continue }
                keys[key, default: 0] += 1
                if holders[key.cellID]?.contains(where: { $0.path == shard.path }) != true { holders[key.cellID, default: []].append(shard) }
            }
        }
        let gridKeys = Set(grid.runs.map(\.key))
        var lines: [MergeProblem] = []
        for cell in grid.cells {
            let where_ = holders[cell.id] ?? []
            if where_.count > 1 {
                lines.append(MergeProblem(.conflicting, "cell \(cell.id) measured twice: in \(where_.map(\.path).joined(separator: " and "))"))
                continue
            }
            let missing = (1...max(1, grid.repetitions)).filter { keys[RunKey(cellID: cell.id, repetition: $0)] == nil }
            if missing.count == max(1, grid.repetitions) {
                lines.append(MergeProblem(.incomplete, "cell \(cell.id) missing: no shard measured it"))
            } else if !missing.isEmpty {
                lines.append(MergeProblem(.incomplete, "cell \(cell.id) missing repetition\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) in \(where_.first?.path ?? "?")"))
            }
        }
        for shard in shards {
            for key in shard.rows.compactMap(\.key) where !gridKeys.contains(key) {
                lines.append(MergeProblem(.conflicting, "\(shard.path): \(key) is not a run of the spec's grid"))
            }
        }
        // Every conflict is listed; missing cells up to `listedCells`, then counted.
        let conflicts = lines.filter { $0.kind == .conflicting }, missing = lines.filter { $0.kind == .incomplete }
        problems += conflicts + missing.prefix(Self.listedCells)
        if missing.count > Self.listedCells {
            problems.append(MergeProblem(.incomplete, "and \(missing.count - Self.listedCells) more cells missing"))
        }
        return problems
    }

    /// The joined rows in the grid's run order, each with the machine of the shard that measured it.
    public func rows() -> [ResultRow] {
        var byKey: [RunKey: ResultRow] = [:]
        for shard in shards {
            for var row in shard.rows {
                guard let key = row.key else { continue }
                if let machine = shard.meta.machine { row.recordMachine(machine) }
                byKey[key] = row
            }
        }
        return (grid?.runs ?? []).compactMap { byKey[$0.key] }
    }

    /// meta.json's `merge`: every shard and its machine.
    public func record() -> MergeRecord {
        let parts = shards.sorted { $0.record.index < $1.record.index }.map {
            MergeRecord.Part(shard: $0.record.shard, directory: $0.path, hostname: $0.hostname, fingerprint: $0.machineDigest,
                             runs: $0.rows.count)
        }
        return MergeRecord(parts: parts, mixedMachines: isMixed, missingRuns: missingRuns)
    }
}
