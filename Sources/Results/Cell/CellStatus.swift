/// The `status` column.
public enum CellStatus: String, Sendable, CaseIterable {
    /// Exited 0, wrote its metrics, and ran on the allocator it was asked to.
    case ok
    /// Crashed, was killed, exited non-zero, wrote no usable metrics, or ran on the wrong allocator.
    case failed
    /// Still running at the cell's timeout; its process group was killed.
    case timeout
}
