#if canImport(Glibc)
import Glibc
#endif

/// Clocks the launcher and sampler read: monotonic wall time (immune to clock changes) and the
/// calling thread's own CPU time (the sampler's overhead).
enum MonotonicTime {
    static func seconds() -> Double {
        read(CLOCK_MONOTONIC)
    }

    static func threadCPUSeconds() -> Double {
        read(CLOCK_THREAD_CPUTIME_ID)
    }

    private static func read(_ clock: clockid_t) -> Double {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
