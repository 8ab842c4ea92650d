import Foundation
import Results

/// `arbench slurm`: the files that run a sharded sweep as a Slurm job array and merge it. It writes
/// scripts; Slurm schedules. `array.sbatch` is one task per shard (`--array=0-(N-1)`, `--exclusive`: no
/// other job shares a node with a measuring shard), the shard index from `SLURM_ARRAY_TASK_ID`;
/// `merge.sbatch` joins the shards; `submit.sh` submits the array, then the merge with
/// `--dependency=afterany:<array job id>` (it runs when every task has ended, ok or not, and names what is
/// missing). Values from flags and paths are quoted on the sbatch command line in submit.sh, never
/// written into `#SBATCH` lines, which sbatch parses without a shell.
public struct SlurmArray: Sendable, Equatable {
    public var layout: ShardLayout
    /// The arbench the tasks run (on the shared filesystem).
    public var arbench: String
    /// The directory the tasks start in (where relative paths in the spec resolve, as for a local sweep).
    public var workingDirectory: String
    public var jobName: String
    public var partition: String?
    public var time: String?
    public var balanceFrom: String?

    public init(layout: ShardLayout, arbench: String, workingDirectory: String, jobName: String, partition: String? = nil,
                time: String? = nil, balanceFrom: String? = nil) {
        self.layout = layout
        self.arbench = arbench
        self.workingDirectory = workingDirectory
        self.jobName = jobName
        self.partition = partition
        self.time = time
        self.balanceFrom = balanceFrom
    }

    public var arrayScriptPath: String { file("array.sbatch") }
    public var mergeScriptPath: String { file("merge.sbatch") }
    public var submitScriptPath: String { file("submit.sh") }

    /// A job name sbatch accepts in an `#SBATCH` line: letters, digits, `.`, `_`, `-` only.
    public static func safeName(_ name: String) -> String {
        let kept = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
        return "arbench-" + (kept.isEmpty ? "sweep" : String(kept.prefix(64)))
    }

    public var arrayScript: String {
        """
        #!/bin/sh
        # One task per shard of the grid: task K runs `arbench sweep SPEC --shard K/\(layout.shards)` into its own run
        # directory, on a node of its own (--exclusive: a shard measures with no other job beside it).
        # Submit with submit.sh (it adds the logs, partition and time, and the merge job).
        #SBATCH --job-name=\(Self.safeName(jobName))
        #SBATCH --array=0-\(layout.shards - 1)
        #SBATCH --exclusive
        #SBATCH --nodes=1
        #SBATCH --ntasks=1
        set -eu
        cd \(ShellScript.word(workingDirectory))
        \(layout.taskScript(arbench: arbench, indexVariable: "SLURM_ARRAY_TASK_ID", balanceFrom: balanceFrom))

        """
    }

    public var mergeScript: String {
        """
        #!/bin/sh
        # Runs after every task of the array has ended (afterany): joins the shards into one run directory,
        # or names each missing, doubled or damaged shard and cell.
        #SBATCH --job-name=\(Self.safeName(jobName + "-merge"))
        #SBATCH --nodes=1
        #SBATCH --ntasks=1
        set -eu
        cd \(ShellScript.word(workingDirectory))
        exec \(ShellScript.command([arbench] + layout.merge().arguments))

        """
    }

    public var submitScript: String {
        var options: [String] = []
        if let partition { options += ["--partition", partition] }
        if let time { options += ["--time", time] }
        let array = ["sbatch", "--parsable", "--output", (layout.logs as NSString).appendingPathComponent("shard-%a.out")] + options + [arrayScriptPath]
        let merge = ["sbatch", "--parsable", "--output", (layout.logs as NSString).appendingPathComponent("merge.out")] + options
        return """
        #!/bin/sh
        # Submits the array (\(CountText.of(layout.shards, "shard"))), then the merge job, which waits for all its tasks
        # (afterany). Job ids go to array.jobid and merge.jobid.
        set -eu
        mkdir -p \(ShellScript.word(layout.logs))
        array=$(\(ShellScript.command(array)))
        array=${array%%;*}
        merge=$(\(ShellScript.command(merge)) --dependency="afterany:$array" \(ShellScript.word(mergeScriptPath)))
        merge=${merge%%;*}
        printf '%s\\n' "$array" > \(ShellScript.word(file("array.jobid")))
        printf '%s\\n' "$merge" > \(ShellScript.word(file("merge.jobid")))
        echo "arbench: array job $array (\(CountText.of(layout.shards, "shard"))), merge job $merge; merged run: "\(ShellScript.word(layout.merged))

        """
    }

    /// Writes the spec copy and the three scripts (each whole or not at all; the scripts executable).
    public func write(specText: String) throws {
        try FileManager.default.createDirectory(atPath: layout.logs, withIntermediateDirectories: true)
        try AtomicFile.write(specText, to: layout.spec)
        for (path, text) in [(arrayScriptPath, arrayScript), (mergeScriptPath, mergeScript), (submitScriptPath, submitScript)] {
            try AtomicFile.write(text, to: path)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
    }

    private func file(_ name: String) -> String { (layout.root as NSString).appendingPathComponent(name) }
}
