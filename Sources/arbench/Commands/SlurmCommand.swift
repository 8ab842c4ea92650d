import ArgumentParser
import Foundation
import Results
import Sweep

struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write a Slurm job array that runs a spec's grid in N shards, one exclusive node each, and merges them.",
        discussion: """
        Writes files, submits nothing: DIR/array.sbatch (one array task per shard, --array=0-(N-1), --exclusive, the \
        shard index from SLURM_ARRAY_TASK_ID, each shard's run directory DIR/shards/shard-K; a requeued task resumes \
        its shard), DIR/merge.sbatch (arbench merge DIR/merged DIR/shards/shard-*), DIR/submit.sh (submits the \
        array, then the merge with --dependency=afterany:<array job id>; logs in DIR/logs) and DIR/spec.yaml (the \
        spec every task runs). DIR must be on a filesystem every node sees; the tasks run this arbench (--arbench) \
        from the directory this command ran in, where the spec's relative paths resolve. Everything from the spec, \
        the paths and the flags is shell-quoted.

        Exit codes: 0 written; 64 bad spec, --shards outside 1..cells, DIR not empty or its parent missing, --time not a Slurm time; 1 cannot write.

        Examples:
          arbench slurm Experiments/post-figures-3-4.yaml --shards 8 \\
            --out /shared/fig34 --partition bench --time 2:00:00
          sh /shared/fig34/submit.sh
        """)

    @OptionGroup var options: LauncherOptions

    @Option(help: ArgumentHelp("Slurm partition for the array and the merge.", valueName: "P"))
    var partition: String?

    @Option(help: ArgumentHelp("Time limit of each task (sbatch --time: minutes, H:MM:SS, D-HH:MM).", valueName: "T"))
    var time: String?

    @Option(help: ArgumentHelp("The arbench the tasks run (default: this one; it must be where the nodes see it).", valueName: "PATH"))
    var arbench: String?

    func run() throws {
        if let time, let problem = LauncherValues.slurmTimeProblem(time) {
            printError("--time \(time): \(problem)")
            throw ExitCodes.usage
        }
        let (spec, text) = try options.load()
        let root = LauncherOptions.absolute(options.out)
        let array = SlurmArray(
            layout: ShardLayout(root: root, shards: options.shards, spec: (root as NSString).appendingPathComponent("spec.yaml")),
            arbench: arbench.map(LauncherOptions.absolute) ?? OwnExecutable.path,
            workingDirectory: FileManager.default.currentDirectoryPath, jobName: spec.name, partition: partition, time: time,
            balanceFrom: options.balanceFrom.map(LauncherOptions.absolute))
        try options.write("\(spec.name): \(CountText.of(options.shards, "shard")) as a Slurm array in \(root): array.sbatch, merge.sbatch, submit.sh",
                          next: "sh \(ShellScript.typed(array.submitScriptPath))   (the merged run will be \(array.layout.merged))") {
            try array.write(specText: text)
        }
    }
}
