#if canImport(Glibc)
import Glibc
import Results
#endif

/// The fields of /proc/PID/stat the sampler needs. The stat file alone gives RSS (the same
/// counters as VmRSS in /proc/PID/status), CPU ticks and the thread count, so one read per process
/// per sample suffices.
struct ProcStat: Equatable {
    var state: UInt8
    var parent: pid_t
    /// utime + stime + cutime + cstime: including reaped children keeps the sum of a process tree
    /// continuous when a worker process exits and its parent waits for it.
    var cpuTicks: UInt64
    var threads: Int
    var rssPages: UInt64
    /// Clock ticks after boot at which the process started: with its pid, who it is (a pid is reused).
    var startTicks: UInt64 = 0

    var isGone: Bool { state == UInt8(ascii: "Z") || state == UInt8(ascii: "X") }

    static func read(pid: pid_t) -> ProcStat? {
        guard let bytes = ProcFile.bytes("/proc/\(pid)/stat") else { return nil }
        return parse(bytes)
    }

    /// Fields after the command name, which is in parentheses and may itself hold spaces or ')'.
    /// Parsed straight from the bytes: this runs for every process of the tree on every sample.
    static func parse(_ bytes: [UInt8]) -> ProcStat? {
        guard let close = bytes.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        // Field numbers as in proc(5): the state is field 3, the first after the name.
        var values = [UInt64](repeating: 0, count: 25)
        var field = 2
        var state: UInt8 = 0
        var index = close + 1
        while index < bytes.count && field <= 24 {
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") {
                field += 1
            } else if field == 3 {
                state = byte
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                values[field] = values[field] &* 10 &+ UInt64(byte - UInt8(ascii: "0"))
            }
            index += 1
        }
        guard field >= 24 else { return nil }
        return ProcStat(
            state: state,
            parent: pid_t(truncatingIfNeeded: values[4]),
            cpuTicks: values[14] + values[15] + values[16] + values[17],
            threads: Int(values[20]),
            rssPages: values[24],
            startTicks: values[22])
    }
}
