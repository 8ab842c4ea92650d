extension ResultRow {
    /// Fills `hostname` and `machine_fingerprint` with the machine that measured the row.
    public mutating func recordMachine(_ machine: MachineFingerprint) {
        self[.hostname] = machine.hostname
        self[.machineFingerprint] = machine.digest
    }
}
