/// The argv of `arbench sweep` for one shard, as the launchers (`arbench slurm`, `arbench k8s`) write
/// it: the one place it is spelled. `shard` is text so a launcher can put a placeholder for the index
/// its scheduler supplies (ShellScript renders it as a shell variable).
public struct SweepInvocation: Sendable, Equatable {
    public var spec: String
    /// `K/N`.
    public var shard: String
    public var out: String
    public var balanceFrom: String?

    public init(spec: String, shard: String, out: String, balanceFrom: String? = nil) {
        self.spec = spec
        self.shard = shard
        self.out = out
        self.balanceFrom = balanceFrom
    }

    /// argv after argv[0]: `sweep SPEC --shard K/N --out DIR [--balance-from RUN]`.
    public var arguments: [String] {
        var arguments = ["sweep", spec, "--shard", shard, "--out", out]
        if let balanceFrom { arguments += ["--balance-from", balanceFrom] }
        return arguments
    }

    /// argv after argv[0] that continues this shard after a requeue: `sweep --resume DIR` (the shard is in
    /// DIR's meta.json).
    public var resumeArguments: [String] { ["sweep", "--resume", out] }
}
