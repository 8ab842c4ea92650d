import Foundation
import Pipeline

/// A segment on its way to an engine thread.
public struct WorkItem: Sendable {
    public let fileIndex: Int
    public let segment: Segment
    public let enqueuedAt: UInt64
    /// When the segment's last sample arrived (monotonic ns): for a stream, the moment its clock delivered
    /// the chunk holding it, which is earlier than `enqueuedAt` when the feeder is behind; for a backlog,
    /// `enqueuedAt` (the file is all there).
    public let arrivedAt: UInt64

    public init(fileIndex: Int, segment: Segment, enqueuedAt: UInt64, arrivedAt: UInt64? = nil) {
        self.fileIndex = fileIndex
        self.segment = segment
        self.enqueuedAt = enqueuedAt
        self.arrivedAt = arrivedAt ?? enqueuedAt
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

    /// Segments waiting now.
    public var depth: Int {
        condition.lock()
        defer { condition.unlock() }
        return items.count - head
    }

    /// No more items will come; consumers drain what is left, then get nil.
    public func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
