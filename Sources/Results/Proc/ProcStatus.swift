#if canImport(Glibc)
import Glibc
#endif

/// VmHWM from /proc/PID/status: the kernel's own peak RSS of the process since its exec. The one
/// reader of it: the sweep reads its children's, a run its own (ProcessClock.peakRSSBytes).
///
/// The peak comes from here and not from rusage: the child is started with posix_spawn, which
/// shares the parent's memory until exec (vfork), and Linux then carries the parent's peak into
/// the child's ru_maxrss. A sweep parent that built a model holds ~230 MB, and every child's
/// ru_maxrss (and its own getrusage peak) would read at least that.
public enum ProcStatus {
    public static func highWaterBytes(pid: pid_t) -> UInt64? {
        guard let bytes = ProcFile.bytes("/proc/\(pid)/status", capacity: 8192) else { return nil }
        let key = Array("VmHWM:".utf8)
        guard let start = bytes.firstRange(of: key)?.upperBound else { return nil }
        var value: UInt64 = 0
        var sawDigit = false
        for byte in bytes[start...] {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
                sawDigit = true
            } else if sawDigit {
                break
            }
        }
        return sawDigit ? value * 1024 : nil   // reported in kB
    }
}
