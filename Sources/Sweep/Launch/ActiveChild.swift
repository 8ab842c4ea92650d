import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The process group of the cell running right now, so an interrupted sweep can take it down:
/// the child has its own group, so Ctrl-C at the terminal reaches only the sweep.
public final class ActiveChild: @unchecked Sendable {
    public static let shared = ActiveChild()

    private let lock = NSLock()
    private var group: pid_t = 0

    func set(_ pid: pid_t) {
        lock.withLock { group = pid }
    }

    func clear() {
        lock.withLock { group = 0 }
    }

    /// SIGKILLs the running cell's whole process group, if any.
    public func kill() {
        let pid = lock.withLock { group }
        if pid > 0 { Glibc.kill(-pid, SIGKILL) }
    }
}
