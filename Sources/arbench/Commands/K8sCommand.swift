import ArgumentParser
import Foundation
import Results
import Sweep

struct K8sCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "k8s",
        abstract: "Write a Kubernetes Indexed Job that runs a spec's grid in N shards, one pod per node, and its merge job.",
        discussion: """
        Writes files, applies nothing: DIR/job.yaml (a ConfigMap holding the spec and an Indexed Job: completionMode \
        Indexed, one completion per shard, the shard index from JOB_COMPLETION_INDEX, required pod anti-affinity on \
        kubernetes.io/hostname so no two shards share a node, results to the ReadWriteMany claim --claim mounted at \
        /results), DIR/merge-job.yaml (arbench merge into /results/NAME/merged) and DIR/run.sh (applies the job, \
        waits for it to end, applies the merge). The image must have arbench on its PATH, set up as on a machine \
        (make build). Checked offline for structure; not tested against a live cluster.

        Exit codes: 0 written; 64 bad spec, --shards outside 1..cells, DIR not empty or its parent missing, --image or --claim malformed; 1 cannot write.

        Examples:
          arbench k8s Experiments/quick.yaml --shards 4 \\
            --image registry.example/arbench:1 --out k8s/quick
          sh k8s/quick/run.sh
        """)

    @OptionGroup var options: LauncherOptions

    @Option(help: ArgumentHelp("The container image (arbench on its PATH).", valueName: "IMG"))
    var image: String

    @Option(help: ArgumentHelp("The ReadWriteMany PersistentVolumeClaim the shards and the merge write to.", valueName: "NAME"))
    var claim = "arbench-results"

    @Option(help: ArgumentHelp("Pods running at once (default: all shards).", valueName: "P"))
    var parallelism: Int?

    func run() throws {
        for (flag, value, problem) in [("--image", image, LauncherValues.imageProblem(image)),
                                       ("--claim", claim, LauncherValues.kubernetesNameProblem(claim))] {
            if let problem {
                printError("\(flag) \(ShellScript.typed(value)): \(problem)")
                throw ExitCodes.usage
            }
        }
        let (spec, text) = try options.load()
        if let parallelism, parallelism < 1 {
            printError("--parallelism \(parallelism): at least 1")
            throw ExitCodes.usage
        }
        let job = KubernetesIndexedJob(specName: spec.name, shards: options.shards, image: image, claim: claim, parallelism: parallelism,
                                       outputDirectory: options.out, balanceFrom: options.balanceFrom)
        try options.write("\(spec.name): \(CountText.of(options.shards, "shard")) as the Indexed Job \(job.name) in \(options.out): job.yaml, merge-job.yaml, run.sh",
                          next: "sh \(ShellScript.typed(job.runScriptPath))   (the merged run will be \(job.layout.merged) on the claim \(claim))") {
            try job.write(specText: text)
        }
    }
}
