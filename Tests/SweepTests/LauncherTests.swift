import Foundation
import Testing
import TestSupport
import Yams
@testable import Sweep
import Results

@Suite("Launchers: Slurm array, Kubernetes Indexed Job")
struct LauncherTests {
    /// Names that would run as shell or break YAML if written unquoted.
    static let hostile = "it's $(touch PWNED) `touch PWNED`; touch PWNED\nnext \"line\" %a"

    /// A fake program that writes its arguments, one per NUL-terminated field, to $ARGV_FILE.
    func fakeProgram(in directory: String, name: String, extra: String = "") throws -> String {
        let path = directory + "/" + name
        try "#!/bin/sh\nprintf '%s\\0' \"$@\" > \"$ARGV_FILE\"\n\(extra)".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    func arguments(_ file: String) throws -> [String] {
        try String(contentsOfFile: file, encoding: .utf8).split(separator: "\0", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    func array(root: String, arbench: String, workingDirectory: String, shards: Int = 3, partition: String? = nil) -> SlurmArray {
        SlurmArray(layout: ShardLayout(root: root, shards: shards, spec: root + "/spec.yaml"), arbench: arbench,
                   workingDirectory: workingDirectory, jobName: Self.hostile, partition: partition, time: "0:30:00")
    }

    @Test func quotesEveryWord() {
        #expect(ShellScript.word("plain") == "'plain'")
        #expect(ShellScript.word("it's") == #"'it'\''s'"#)
        #expect(ShellScript.word("/r/shard-" + ShellScript.index + "/meta.json") == #"'/r/shard-'"$shard"'/meta.json'"#)
        #expect(ShellScript.word(ShellScript.index + "/3") == #""$shard"'/3'"#)
        #expect(ShellScript.word("") == "''")
    }

    @Test func arrayScriptHasOneExclusiveTaskPerShard() throws {
        let script = array(root: "/shared/run", arbench: "/opt/arbench", workingDirectory: "/home/u").arrayScript
        for line in ["#SBATCH --array=0-2", "#SBATCH --exclusive", "#SBATCH --nodes=1", "#SBATCH --ntasks=1"] {
            #expect(script.contains("\n" + line + "\n"), "\(line)")
        }
        #expect(script.contains(#"shard="${SLURM_ARRAY_TASK_ID:?"#))
        #expect(script.contains(#"exec '/opt/arbench' 'sweep' '/shared/run/spec.yaml' '--shard' "$shard"'/3' '--out' '/shared/run/shards/shard-'"$shard""#))
        var balanced = array(root: "/shared/run", arbench: "/opt/arbench", workingDirectory: "/home/u")
        balanced.balanceFrom = "/shared/earlier run"
        #expect(balanced.arrayScript.contains(#"'--out' '/shared/run/shards/shard-'"$shard" '--balance-from' '/shared/earlier run'"#))
        // The job name is cleaned for the #SBATCH line (sbatch reads it without a shell).
        let name = try #require(script.split(separator: "\n").first { $0.hasPrefix("#SBATCH --job-name=") })
        #expect(name.dropFirst("#SBATCH --job-name=".count).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        // Directives must come before the first command, or sbatch ignores them.
        let lines = script.split(separator: "\n")
        let lastDirective = lines.lastIndex { $0.hasPrefix("#SBATCH") } ?? 0
        #expect(lines[..<lastDirective].allSatisfy { $0.hasPrefix("#") })
    }

    /// The generated scripts run with hostile paths: every argument arrives intact, nothing else runs.
    @Test func tasksAndMergeRunWithHostilePathsIntact() throws {
        let base = try makeTemporaryDirectory()
        let root = base + "/" + Self.hostile
        let work = base + "/work " + Self.hostile
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let arbench = try fakeProgram(in: base, name: "arbench")
        let slurm = array(root: root, arbench: arbench, workingDirectory: work)
        try slurm.write(specText: "name: x\n")
        #expect(try String(contentsOfFile: root + "/spec.yaml", encoding: .utf8) == "name: x\n")

        let argv = base + "/argv"
        let task = try ProcessRunner.run("/bin/sh", [slurm.arrayScriptPath], environment: ["SLURM_ARRAY_TASK_ID": "2", "ARGV_FILE": argv, "PATH": "/usr/bin:/bin"])
        #expect(task.status == 0, "\(task.stderr)")
        #expect(try arguments(argv) == ["sweep", root + "/spec.yaml", "--shard", "2/3", "--out", root + "/shards/shard-2"])

        // A requeued task whose shard has begun resumes it.
        try FileManager.default.createDirectory(atPath: root + "/shards/shard-2", withIntermediateDirectories: true)
        try "{}".write(toFile: root + "/shards/shard-2/meta.json", atomically: true, encoding: .utf8)
        _ = try ProcessRunner.run("/bin/sh", [slurm.arrayScriptPath], environment: ["SLURM_ARRAY_TASK_ID": "2", "ARGV_FILE": argv, "PATH": "/usr/bin:/bin"])
        #expect(try arguments(argv) == ["sweep", "--resume", root + "/shards/shard-2"])

        let merge = try ProcessRunner.run("/bin/sh", [slurm.mergeScriptPath], environment: ["ARGV_FILE": argv, "PATH": "/usr/bin:/bin"])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(try arguments(argv) == ["merge", root + "/merged"] + (0..<3).map { root + "/shards/shard-\($0)" })

        // Not an array task, or a bad index: refused before anything runs.
        let bare = try ProcessRunner.run("/bin/sh", [slurm.arrayScriptPath], environment: ["ARGV_FILE": argv + "2", "PATH": "/usr/bin:/bin"])
        #expect(bare.status != 0 && bare.stderr.contains("SLURM_ARRAY_TASK_ID"))
        let odd = try ProcessRunner.run("/bin/sh", [slurm.arrayScriptPath], environment: ["SLURM_ARRAY_TASK_ID": "$(id)", "ARGV_FILE": argv + "2", "PATH": "/usr/bin:/bin"])
        #expect(odd.status == 64 && !FileManager.default.fileExists(atPath: argv + "2"))
        #expect(!FileManager.default.fileExists(atPath: work + "/PWNED") && !FileManager.default.fileExists(atPath: base + "/PWNED"))
    }

    /// submit.sh with a stand-in sbatch: the array first, then the merge depending on its job id (afterany).
    @Test func submitChainsTheMergeAfterTheArray() throws {
        let base = try makeTemporaryDirectory()
        let bin = base + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let log = base + "/sbatch.log"
        let sbatch = bin + "/sbatch"
        try """
        #!/bin/sh
        n=$(($(cat "\(log).n" 2>/dev/null || echo 0) + 1)); echo $n > "\(log).n"
        printf '%s\\0' "$@" > "\(log).$n"
        echo "$((4000 + n));cluster"
        """.write(toFile: sbatch, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sbatch)
        let root = base + "/run " + Self.hostile
        let slurm = array(root: root, arbench: "/opt/arbench", workingDirectory: base, partition: "p'; touch PWNED")
        try slurm.write(specText: "name: x\n")
        let r = try ProcessRunner.run("/bin/sh", [slurm.submitScriptPath], environment: ["PATH": "\(bin):/usr/bin:/bin"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try arguments(log + ".1") == ["--parsable", "--output", root + "/logs/shard-%a.out", "--partition", "p'; touch PWNED",
                                               "--time", "0:30:00", slurm.arrayScriptPath])
        #expect(try arguments(log + ".2") == ["--parsable", "--output", root + "/logs/merge.out", "--partition", "p'; touch PWNED",
                                               "--time", "0:30:00", "--dependency=afterany:4001", slurm.mergeScriptPath])
        #expect(try String(contentsOfFile: root + "/array.jobid", encoding: .utf8) == "4001\n")
        #expect(!FileManager.default.fileExists(atPath: base + "/PWNED"))
    }

    @Test func indexedJobManifestHasTheJobStructure() throws {
        let specText = "name: \(Self.hostile)\nengine_threads: [1, 2]\n"
        let job = KubernetesIndexedJob(specName: Self.hostile, shards: 4, image: "reg/arbench:1 \"x\"", claim: "res'ults", parallelism: 2,
                                       outputDirectory: try makeTemporaryDirectory())
        // A DNS-1123 label, with room for "-merge" and "-spec".
        #expect(job.name.hasPrefix("arbench-it-s") && job.name.count <= 50 && !job.name.hasSuffix("-"))
        #expect(job.name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
        let documents = job.jobManifest(specText: specText).components(separatedBy: "\n---\n")
        #expect(documents.count == 2)
        let configMap = try #require(try Yams.compose(yaml: documents[0]))
        #expect(configMap["kind"]?.string == "ConfigMap")
        #expect(configMap["data"]?["spec.yaml"]?.string == specText, "the spec verbatim")
        let manifest = try #require(try Yams.compose(yaml: documents[1]))
        #expect(manifest["apiVersion"]?.string == "batch/v1" && manifest["kind"]?.string == "Job")
        #expect(manifest["metadata"]?["name"]?.string == job.name)
        let spec = try #require(manifest["spec"])
        #expect(spec["completionMode"]?.string == "Indexed")
        #expect(spec["completions"]?.int == 4 && spec["parallelism"]?.int == 2)
        let pod = try #require(spec["template"]?["spec"])
        #expect(spec["template"]?["metadata"]?["labels"]?["arbench-job"]?.string == job.name)
        #expect(pod["restartPolicy"]?.string == "Never")
        let term = try #require(pod["affinity"]?["podAntiAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?[0])
        #expect(term["topologyKey"]?.string == "kubernetes.io/hostname")
        #expect(term["labelSelector"]?["matchLabels"]?["arbench-job"]?.string == job.name)
        let container = try #require(pod["containers"]?[0])
        #expect(container["image"]?.string == "reg/arbench:1 \"x\"")
        let commandWords = container["command"]?.sequence?.compactMap { $0.string }
        let command = try #require(commandWords)
        #expect(command.prefix(2) == ["/bin/sh", "-c"])
        #expect(command[2].contains(#"shard="${JOB_COMPLETION_INDEX:?"#))
        #expect(command[2].contains(#"'--shard' "$shard"'/4'"#))
        #expect(container["volumeMounts"]?.sequence?.compactMap { $0["mountPath"]?.string } == ["/results", "/spec"])
        let volumes = try #require(pod["volumes"]?.sequence)
        #expect(volumes.first?["persistentVolumeClaim"]?["claimName"]?.string == "res'ults")
        #expect(volumes.last?["configMap"]?["name"]?.string == job.name + "-spec")

        let merge = try #require(try Yams.compose(yaml: job.mergeManifest))
        #expect(merge["metadata"]?["name"]?.string == job.name + "-merge")
        let mergeWords = merge["spec"]?["template"]?["spec"]?["containers"]?[0]?["command"]?.sequence?.compactMap { $0.string }
        let mergeCommand = try #require(mergeWords)
        #expect(mergeCommand[2] == "exec 'arbench' 'merge' '/results/\(job.name)/merged' "
                + (0..<4).map { "'/results/\(job.name)/shards/shard-\($0)'" }.joined(separator: " "))
    }

    /// The Indexed Job's task script, run as the pod would (a stand-in arbench), gets its index from JOB_COMPLETION_INDEX.
    @Test func indexedJobTaskRunsItsShard() throws {
        let base = try makeTemporaryDirectory()
        let bin = base + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        _ = try fakeProgram(in: bin, name: "arbench")
        let job = KubernetesIndexedJob(specName: "quick", shards: 2, image: "i", claim: "c", outputDirectory: base)
        let manifest = try #require(try Yams.compose(yaml: job.jobManifest(specText: "x").components(separatedBy: "\n---\n")[1]))
        let words = manifest["spec"]?["template"]?["spec"]?["containers"]?[0]?["command"]?.sequence?.compactMap { $0.string }
        let command = try #require(words)
        // Under a writable root instead of /results.
        let script = command[2].replacingOccurrences(of: "'/results/", with: "'\(base)/results/")
        let argv = base + "/argv"
        let r = try ProcessRunner.run("/bin/sh", ["-c", script], environment: ["JOB_COMPLETION_INDEX": "1", "ARGV_FILE": argv, "PATH": "\(bin):/usr/bin:/bin"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try arguments(argv) == ["sweep", "/spec/spec.yaml", "--shard", "1/2", "--out", "\(base)/results/arbench-quick/shards/shard-1"])
    }
}
