/// meta.json's `merge`: the shards `arbench merge` joined into this run, each with the machine that
/// measured it (results.csv's `hostname` and `machine_fingerprint` say the same per row).
public struct MergeRecord: Codable, Sendable, Equatable {
    public struct Part: Codable, Sendable, Equatable {
        /// `K/N`.
        public var shard: String
        /// The shard's run directory as given to `merge`.
        public var directory: String
        public var hostname: String
        /// `MachineFingerprint.digest` of the shard's machine.
        public var fingerprint: String
        public var runs: Int

        public init(shard: Shard, directory: String, hostname: String, fingerprint: String, runs: Int) {
            self.shard = shard.text
            self.directory = directory
            self.hostname = hostname
            self.fingerprint = fingerprint
            self.runs = runs
        }
    }

    public var parts: [Part]
    /// True when the shards ran on machines of different fingerprints (merged with `--allow-mixed-machines`):
    /// absolute figures of cells from different machines do not compare.
    public var mixedMachines: Bool
    /// Runs of the grid no shard held (merged with `--allow-partial`); 0 for a complete merge.
    public var missingRuns: Int

    public init(parts: [Part], mixedMachines: Bool, missingRuns: Int = 0) {
        self.parts = parts
        self.mixedMachines = mixedMachines
        self.missingRuns = missingRuns
    }

    enum CodingKeys: String, CodingKey {
        case parts
        case mixedMachines = "mixed_machines"
        case missingRuns = "missing_runs"
    }
}
