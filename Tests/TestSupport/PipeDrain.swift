import Foundation

/// Reads a pipe to its end on a thread of its own, from the moment it is made. A real thread, not a
/// Dispatch or Swift concurrency worker: the read blocks for as long as the child runs, and a pool
/// capped near the core count (2 here) could run out of workers with several drains waiting.
final class PipeDrain: @unchecked Sendable {
    // Written once by the reading thread before `done` is signalled, read only after waiting on it.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// Everything the pipe carried, once its writers have all closed it.
    func wait() -> Data {
        done.wait()
        return data
    }
}
