import Foundation
import Results

/// `arbench k8s`: the manifests that run a sharded sweep as a Kubernetes Indexed Job and merge it. It
/// writes files; Kubernetes schedules. `job.yaml` holds a ConfigMap with the spec and an Indexed Job
/// (`completionMode: Indexed`, one completion per shard, the index from `JOB_COMPLETION_INDEX`,
/// required pod anti-affinity on `kubernetes.io/hostname`: one shard per node, so no two measure side by
/// side), results to a ReadWriteMany volume claim; `merge-job.yaml` the merge; `run.sh` applies the first,
/// waits for it to end and applies the second. Every value from a spec, a path or a flag is written as a
/// JSON string (valid YAML, escapes included), and the task's shell words are single-quoted.
/// Checked offline for structure only: not run against a live cluster.
public struct KubernetesIndexedJob: Sendable, Equatable {
    /// Layout under the volume's mount (`/results/NAME`), spec at the ConfigMap's mount.
    public var layout: ShardLayout
    public var image: String
    /// A DNS-1123 label made from the spec's name (KubernetesIndexedJob.safeName).
    public var name: String
    /// The ReadWriteMany PersistentVolumeClaim the shards and the merge share.
    public var claim: String
    /// How many shards run at once (each on its own node).
    public var parallelism: Int
    public var outputDirectory: String
    public var balanceFrom: String?

    public static let resultsMount = "/results"
    public static let specMount = "/spec"

    public init(specName: String, shards: Int, image: String, claim: String, parallelism: Int? = nil, outputDirectory: String,
                balanceFrom: String? = nil) {
        name = Self.safeName(specName)
        layout = ShardLayout(root: "\(Self.resultsMount)/\(name)", shards: shards, spec: "\(Self.specMount)/spec.yaml")
        self.image = image
        self.claim = claim
        self.parallelism = min(max(1, parallelism ?? shards), shards)
        self.outputDirectory = outputDirectory
        self.balanceFrom = balanceFrom
    }

    /// A DNS-1123 label (lowercase letters, digits, '-'; at most 63, starting and ending alphanumeric), leaving
    /// room for the "-merge" and "-spec" suffixes.
    public static func safeName(_ name: String) -> String {
        var label = String(name.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
        label = "arbench-" + label
        label = String(label.prefix(50))
        while label.hasSuffix("-") { label.removeLast() }
        return label
    }

    /// A YAML scalar that is exactly `text`: a JSON string.
    static func scalar(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
    }

    public var jobPath: String { file("job.yaml") }
    public var mergeJobPath: String { file("merge-job.yaml") }
    public var runScriptPath: String { file("run.sh") }

    func podSpec(container: String, script: String, extraMounts: String = "", extraVolumes: String = "") -> String {
        """
              restartPolicy: Never
              containers:
                - name: \(container)
                  image: \(Self.scalar(image))
                  command: ["/bin/sh", "-c", \(Self.scalar(script))]
                  volumeMounts:
                    - name: results
                      mountPath: \(Self.scalar(Self.resultsMount))
        \(extraMounts)      volumes:
                - name: results
                  persistentVolumeClaim:
                    claimName: \(Self.scalar(claim))
        \(extraVolumes)
        """
    }

    public func jobManifest(specText: String) -> String {
        let script = "set -eu\nmkdir -p \(ShellScript.word(layout.root + "/shards"))\n"
            + layout.taskScript(arbench: "arbench", indexVariable: "JOB_COMPLETION_INDEX", balanceFrom: balanceFrom)
        let mounts = "            - name: spec\n              mountPath: \(Self.scalar(Self.specMount))\n"
        let volumes = "        - name: spec\n          configMap:\n            name: \(Self.scalar(name + "-spec"))\n"
        let pod = podSpec(container: "shard", script: script, extraMounts: mounts, extraVolumes: volumes)
        return """
        # arbench k8s: \(CountText.of(layout.shards, "shard")) of one sweep as an Indexed Job, one pod per node; then merge-job.yaml.
        # Untested against a live cluster (checked offline for structure). Apply with run.sh.
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: \(Self.scalar(name + "-spec"))
        data:
          spec.yaml: \(Self.scalar(specText))
        ---
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: \(Self.scalar(name))
        spec:
          completionMode: Indexed
          completions: \(layout.shards)
          parallelism: \(parallelism)
          backoffLimit: \(layout.shards)
          template:
            metadata:
              labels:
                arbench-job: \(Self.scalar(name))
            spec:
              affinity:
                podAntiAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    - labelSelector:
                        matchLabels:
                          arbench-job: \(Self.scalar(name))
                      topologyKey: kubernetes.io/hostname
        \(pod)
        """
    }

    public var mergeManifest: String {
        let pod = podSpec(container: "merge", script: "exec " + ShellScript.command(["arbench"] + layout.merge().arguments))
        return """
        # arbench k8s: the merge of \(name)'s shards; apply after the Indexed Job has ended (run.sh does).
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: \(Self.scalar(name + "-merge"))
        spec:
          completions: 1
          backoffLimit: 0
          template:
            spec:
        \(pod)
        """
    }

    public var runScript: String {
        """
        #!/bin/sh
        # Applies the Indexed Job, waits until it has ended (Complete or Failed), then applies the merge job.
        set -eu
        here=$(dirname "$0")
        kubectl apply -f "$here/job.yaml"
        while :; do
          state=$(kubectl get job \(ShellScript.word(name)) -o jsonpath='{.status.conditions[*].type}')
          case "$state" in *Complete*|*Failed*) break;; esac
          sleep 10
        done
        echo "arbench: job \(name): $state; merging"
        kubectl apply -f "$here/merge-job.yaml"
        kubectl wait --for=condition=complete --timeout=1h job/\(ShellScript.word(name + "-merge"))

        """
    }

    public func write(specText: String) throws {
        try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        try AtomicFile.write(jobManifest(specText: specText), to: jobPath)
        try AtomicFile.write(mergeManifest, to: mergeJobPath)
        try AtomicFile.write(runScript, to: runScriptPath)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: runScriptPath)
    }

    private func file(_ name: String) -> String { (outputDirectory as NSString).appendingPathComponent(name) }
}
