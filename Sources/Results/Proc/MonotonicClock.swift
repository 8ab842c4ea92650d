import Foundation

/// Nanoseconds on CLOCK_MONOTONIC: cheap, thread-safe, unaffected by wall-clock changes. The one
/// clock of the engine, the sweep's launcher and its sampler.
public enum MonotonicClock {
    @inline(__always)
    public static func nanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    public static func seconds(since start: UInt64) -> Double {
        Double(nanoseconds() &- start) / 1e9
    }

    /// Now, in seconds on the same clock.
    public static func seconds() -> Double {
        Double(nanoseconds()) / 1e9
    }

    /// CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID): what a sampler costs.
    public static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
