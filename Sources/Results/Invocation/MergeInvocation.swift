/// The argv of `arbench merge`, as the launchers write it: the one place it is spelled.
public struct MergeInvocation: Sendable, Equatable {
    public var out: String
    public var shards: [String]
    public var allowMixedMachines: Bool

    public init(out: String, shards: [String], allowMixedMachines: Bool = false) {
        self.out = out
        self.shards = shards
        self.allowMixedMachines = allowMixedMachines
    }

    /// argv after argv[0]: `merge OUT SHARD_DIR... [--allow-mixed-machines]`.
    public var arguments: [String] {
        ["merge", out] + shards + (allowMixedMachines ? ["--allow-mixed-machines"] : [])
    }
}
