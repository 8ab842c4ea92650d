import Foundation
import Results

/// Where a launched array keeps its files: `ROOT/shards/shard-K/` (each shard's run directory),
/// `ROOT/merged/` (the merged run), `ROOT/logs/`. Paths are as the tasks will see them (on Slurm the
/// shared filesystem, on Kubernetes the results volume's mount).
public struct ShardLayout: Sendable, Equatable {
    public let root: String
    public let shards: Int
    /// The spec every task runs (a copy written beside the launcher, so every shard reads the same text).
    public let spec: String

    public init(root: String, shards: Int, spec: String) {
        self.root = root
        self.shards = shards
        self.spec = spec
    }

    public var logs: String { path("logs") }
    public var merged: String { path("merged") }

    /// Shard `index`'s run directory; `index` may be `ShellScript.index`.
    public func shardDirectory(_ index: String) -> String { path("shards/shard-\(index)") }

    public var shardDirectories: [String] { (0..<shards).map { shardDirectory(String($0)) } }

    /// The argv of shard `ShellScript.index`'s sweep.
    public func sweep(balanceFrom: String? = nil) -> SweepInvocation {
        SweepInvocation(spec: spec, shard: "\(ShellScript.index)/\(shards)", out: shardDirectory(ShellScript.index),
                        balanceFrom: balanceFrom)
    }

    public func merge(allowMixedMachines: Bool = false) -> MergeInvocation {
        MergeInvocation(out: merged, shards: shardDirectories, allowMixedMachines: allowMixedMachines)
    }

    /// POSIX sh lines run by each array task: the index from `variable` (checked to be a number), then the
    /// shard's sweep, or its resume when the directory already has a meta.json (a requeued or restarted task).
    public func taskScript(arbench: String, indexVariable variable: String, balanceFrom: String? = nil) -> String {
        let invocation = sweep(balanceFrom: balanceFrom)
        let shard = ShellScript.indexVariable
        return """
        \(shard)="${\(variable):?arbench: \(variable) is not set: run this as one task of the array}"
        case "$\(shard)" in ''|*[!0-9]*) echo "arbench: error: \(variable)=$\(shard) is not a shard index" >&2; exit 64;; esac
        if [ -e \(ShellScript.word(invocation.out + "/meta.json")) ]; then
          exec \(ShellScript.command([arbench] + invocation.resumeArguments))
        fi
        exec \(ShellScript.command([arbench] + invocation.arguments))
        """
    }

    private func path(_ name: String) -> String { (root as NSString).appendingPathComponent(name) }
}
