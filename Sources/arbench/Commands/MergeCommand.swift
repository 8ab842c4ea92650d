import ArgumentParser
import Foundation
import Results
import Sweep

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the shards of a sharded sweep (sweep --shard K/N) into one run directory.",
        discussion: """
        Checks that the shards come from the same spec (spec.yaml's digest), the same arbench commit, LibTorch \
        runtimes, model and audio; that every shard 0..N-1 is given once and finished; and that together they \
        cover the grid exactly once (each missing or doubled cell named in one line). Then writes OUT as one \
        normal run directory (results.csv, timeline.csv, meta.json, spec.yaml, REPORT.md, cells/) that plot, \
        compare, check and advise read; each row's hostname and machine_fingerprint name the machine that \
        measured it, and meta.json's `merge` lists the shards. OUT is written whole or not at all.

        Shards whose machines have different fingerprints (CPU model, cores, memory, kernel, OS, cgroup limit) \
        merge only with --allow-mixed-machines; REPORT.md then says the run is mixed.

        --allow-partial writes OUT although shards or runs are missing (not given, unfinished, damaged), marked \
        partial in REPORT.md and meta.json (merge.missing_runs); `arbench sweep --resume OUT` then runs what is \
        missing on this machine. A shard given twice or a cell measured in two shards is refused whatever the flags.

        Exit codes: 0 merged (6 when written partial, or some merged run is not ok or outputs differ, as for sweep); \
        1 a shard missing, given twice, unfinished or damaged, a cell missing or measured twice, or OUT cannot be written; 3 not comparable (different spec, commit, runtimes, inputs, or machines \
        without --allow-mixed-machines); 64 usage (OUT exists and is not empty, a directory that is not a shard).

        Examples:
          arbench merge runs/quick runs/quick-shard-0 runs/quick-shard-1 \\
            runs/quick-shard-2
          arbench merge runs/all shards/* --allow-mixed-machines
        """)

    @Argument(help: ArgumentHelp("The merged run directory (must not exist, or be empty).", valueName: "OUT"))
    var out: String

    @Argument(help: ArgumentHelp("The shards' run directories (one per shard, any order).", valueName: "SHARD_DIR"))
    var shardDirectories: [String] = []

    @Flag(help: "Merge shards measured on machines of different fingerprints (the report marks the run as mixed).")
    var allowMixedMachines = false

    @Flag(help: "Write OUT even when shards or runs are missing (unfinished, damaged, not given); REPORT.md and meta.json mark it partial.")
    var allowPartial = false

    func run() throws {
        guard !shardDirectories.isEmpty else {
            printError("give the shards' run directories after OUT: arbench merge OUT SHARD_DIR...")
            throw ExitCodes.usage
        }
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: out), !entries.isEmpty {
            printError("\(out) already exists and is not empty; merge into a new directory")
            throw ExitCodes.usage
        } else if FileManager.default.fileExists(atPath: out) && (try? FileManager.default.contentsOfDirectory(atPath: out)) == nil {
            printError("\(out) exists and is not a directory")
            throw ExitCodes.usage
        }
        var shards: [ShardRun] = []
        var problems: [MergeProblem] = []
        for path in shardDirectories {
            do {
                shards.append(try ShardRun.read(path))
            } catch {
                problems.append(error)
            }
        }
        let merge = ShardMerge(shards: shards, allowMixedMachines: allowMixedMachines, allowPartial: allowPartial)
        if problems.isEmpty { problems = merge.problems() }
        let blocking = merge.blocking(problems)
        if !blocking.isEmpty {
            blocking.forEach { printError($0.message) }
            if blocking.contains(where: { $0.kind == .notAShard }) { throw ExitCodes.usage }
            throw blocking.contains(where: { $0.kind == .notComparable }) ? ExitCodes.notComparable : ExitCodes.error
        }
        problems.forEach { printNote("warning: \($0.message) (--allow-partial)") }
        do {
            try MergedRun.write(merge, to: out, commandLine: CommandLine.arguments.joined(separator: " "))
        } catch {
            printError("\(out) not written: \(error)")
            throw ExitCodes.error
        }
        let rows = merge.rows()
        if merge.isMixed {
            printNote("mixed machines: the shards ran on \(merge.machines.count) kinds of machine (--allow-mixed-machines); absolute figures compare only within one machine_fingerprint (REPORT.md, Shards)")
        }
        let hosts = Set(shards.map(\.hostname)).sorted()
        printNote("merged \(CountText.of(shards.count, "shard")) (\(CountText.of(rows.count, "run")) of \(CountText.of(merge.grid?.cells.count ?? 0, "cell")), on \(hosts.joined(separator: ", "))) into \(out)")
        let notOK = rows.filter { !$0.isOK }.count
        if notOK > 0 { printError("\(CountText.of(notOK, "run")) not ok (see \(out)/REPORT.md)") }
        if merge.missingRuns > 0 {
            printError("partial: \(CountText.of(merge.missingRuns, "run")) of the grid missing; arbench sweep --resume \(out) runs them here")
        }
        printNote("next: arbench plot \(out)")
        if notOK > 0 || merge.missingRuns > 0 || !DigestCheck(rows: rows).isConsistent { throw ExitCodes.sweepIncomplete }
    }
}
