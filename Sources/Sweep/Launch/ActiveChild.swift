import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The process group of the cell running right now, and whether the sweep was interrupted, so
/// Ctrl-C can take the cell down with the sweep: the child has its own process group, so the
/// terminal's SIGINT reaches only the sweep, and an orphaned cell would run on, unmeasured,
/// disturbing whatever runs next.
public final class ActiveChild: @unchecked Sendable {
    public static let shared = ActiveChild()

    private let lock = NSLock()
    private var group: pid_t = 0
    private var interrupted = false
    private var loopRunning = false

    /// Registers a freshly spawned child; one spawned after an interrupt is killed at once.
    func set(_ pid: pid_t) {
        let stop = lock.withLock {
            group = pid
            return interrupted
        }
        if stop { kill(-pid, SIGKILL) }
    }

    func clear() {
        lock.withLock { group = 0 }
    }

    /// True while the runner is in its cell loop, where it checks `isInterrupted` between cells.
    public var isLoopRunning: Bool {
        get { lock.withLock { loopRunning } }
        set { lock.withLock { loopRunning = newValue } }
    }

    public var isInterrupted: Bool { lock.withLock { interrupted } }

    /// Marks the sweep interrupted and SIGKILLs the running cell's whole process group, if any.
    public func interrupt() {
        let pid = lock.withLock {
            interrupted = true
            return group
        }
        if pid > 0 { kill(-pid, SIGKILL) }
    }
}

/// Thrown by the runner when an interrupt stopped the sweep: the run that was killed is not
/// recorded (it was not a measurement), everything before it is on disk.
public struct SweepInterrupted: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "interrupted" }
}
