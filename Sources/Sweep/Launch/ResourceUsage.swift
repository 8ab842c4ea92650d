#if canImport(Glibc)
import Glibc
#endif

/// wait4's account of the child. It includes every descendant the child itself waited for (the
/// worker processes of `--engine-mode processes`).
///
/// `maxRSSBytes` is kept for completeness but not reported as the peak: after posix_spawn (vfork
/// semantics) Linux folds the parent's own peak RSS into the child's ru_maxrss at exec, and it is
/// the largest single process, not the tree's sum. The peak comes from VmHWM and the samples.
public struct ResourceUsage: Sendable, Equatable {
    public var userCPUSeconds: Double
    public var systemCPUSeconds: Double
    public var maxRSSBytes: UInt64
    public var voluntaryContextSwitches: Int
    public var involuntaryContextSwitches: Int
    public var minorFaults: Int
    public var majorFaults: Int

    public init(userCPUSeconds: Double, systemCPUSeconds: Double, maxRSSBytes: UInt64, voluntaryContextSwitches: Int,
                involuntaryContextSwitches: Int, minorFaults: Int, majorFaults: Int) {
        self.userCPUSeconds = userCPUSeconds
        self.systemCPUSeconds = systemCPUSeconds
        self.maxRSSBytes = maxRSSBytes
        self.voluntaryContextSwitches = voluntaryContextSwitches
        self.involuntaryContextSwitches = involuntaryContextSwitches
        self.minorFaults = minorFaults
        self.majorFaults = majorFaults
    }

    init(_ usage: rusage) {
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        self.init(
            userCPUSeconds: seconds(usage.ru_utime), systemCPUSeconds: seconds(usage.ru_stime),
            maxRSSBytes: UInt64(max(0, usage.ru_maxrss)) * 1024,   // Linux reports kilobytes
            voluntaryContextSwitches: Int(usage.ru_nvcsw), involuntaryContextSwitches: Int(usage.ru_nivcsw),
            minorFaults: Int(usage.ru_minflt), majorFaults: Int(usage.ru_majflt))
    }
}
