import Foundation
import Results

/// The clock a paced load runs on, shared by the stream feeder and the request sender: work is due at an
/// offset from the start and never handed over early (the audio does not exist before its clock says so);
/// handed over late when the queue held the feeder back, and that lag is kept (the largest, the last);
/// once the lag passes `maxLagSeconds` the load is `overloaded` and feeding stops. The queue depth is
/// recorded after each hand-over.
struct PacedClock {
    let start: UInt64
    let maxLagSeconds: Double
    private(set) var maxLag = 0.0
    private(set) var endLag = 0.0
    private(set) var overloaded = false
    /// (seconds since start, queue depth) after every hand-over.
    private(set) var depths: [(Double, Int)] = []

    init(maxLagSeconds: Double) {
        self.maxLagSeconds = maxLagSeconds
        start = MonotonicClock.nanoseconds()
    }

    /// The monotonic time `offset` seconds after the start.
    func time(at offset: Double) -> UInt64 { start + UInt64(offset * 1e9) }

    /// Waits until `offset` seconds after the start and returns that due time; nil, and `overloaded`, when the
    /// feeder is already more than `maxLagSeconds` behind it.
    mutating func wait(until offset: Double) -> UInt64? {
        let due = time(at: offset)
        Self.sleep(until: due)
        let lag = Double(MonotonicClock.nanoseconds() &- due) / 1e9
        maxLag = max(maxLag, lag)
        endLag = lag
        if lag > maxLagSeconds { overloaded = true }
        return overloaded ? nil : due
    }

    mutating func record(depth: Int) {
        depths.append((Double(MonotonicClock.nanoseconds() &- start) / 1e9, depth))
    }

    /// Never early: nanosleep until `deadline`, again if woken before it.
    static func sleep(until deadline: UInt64) {
        while true {
            let now = MonotonicClock.nanoseconds()
            guard now < deadline else { return }
            let wait = deadline - now
            var request = timespec(tv_sec: Int(wait / 1_000_000_000), tv_nsec: Int(wait % 1_000_000_000))
            _ = nanosleep(&request, nil)
        }
    }
}
