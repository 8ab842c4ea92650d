import Foundation
import Pipeline

/// A segment on its way to an engine thread.
public struct WorkItem: Sendable {
    public let fileIndex: Int
    public let segment: Segment
    public let enqueuedAt: UInt64

    public init(fileIndex: Int, segment: Segment, enqueuedAt: UInt64) {
        self.fileIndex = fileIndex
        self.segment = segment
        self.enqueuedAt = enqueuedAt
    }
}

/// Bounded multi-producer multi-consumer FIFO. Bounded so that a 3-hour file does not sit in memory as
/// segments waiting for slow engine threads; blocking so that idle engine threads sleep, not spin.
public final class SegmentQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [WorkItem] = []
    private var head = 0
    private var closed = false
    public let capacity: Int

    public init(capacity: Int) {
        precondition(capacity > 0, "queue capacity must be positive")
        self.capacity = capacity
    }

    /// Blocks while the queue is full.
    public func push(_ item: WorkItem) {
        condition.lock()
        defer { condition.unlock() }
        while items.count - head >= capacity && !closed { condition.wait() }
        items.append(item)
        condition.broadcast()
    }

    /// Blocks while the queue is empty; nil once closed and drained.
    public func pop() -> WorkItem? {
        condition.lock()
        defer { condition.unlock() }
        while items.count == head && !closed { condition.wait() }
        guard head < items.count else { return nil }
        let item = items[head]
        head += 1
        if head > 1024 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return item
    }

    /// No more items will come; consumers drain what is left, then get nil.
    public func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
