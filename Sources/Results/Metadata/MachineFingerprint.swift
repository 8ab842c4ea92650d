import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The machine a sweep ran on, enough to tell whether two result sets are comparable.
public struct MachineFingerprint: Codable, Sendable {
    public var cpuModel: String
    /// Online logical CPUs.
    public var logicalCores: Int
    /// CPUs this process may use (affinity); the denominator of cpu_util_pct.
    public var usableCores: Int
    public var memoryBytes: UInt64
    public var kernel: String
    public var os: String
    /// cgroup CPU limit: v2 `cpu.max` ("max 100000" = none) or v1 "quota period"; "none found" when absent.
    public var cgroupCPULimit: String
    public var hostname: String

    enum CodingKeys: String, CodingKey {
        case cpuModel = "cpu_model"
        case logicalCores = "logical_cores"
        case usableCores = "usable_cores"
        case memoryBytes = "memory_bytes"
        case kernel, os
        case cgroupCPULimit = "cgroup_cpu_limit"
        case hostname
    }

    /// The machine's kind in 16 hex digits (ContentDigest): every field but the hostname, memory in whole
    /// GiB (identical machines reserve a few MiB differently). Shards with different digests ran on
    /// different kinds of machine; results.csv's `machine_fingerprint`.
    public var digest: String {
        let gib = (Double(memoryBytes) / 1_073_741_824).rounded()
        return ContentDigest.of(text: [cpuModel, String(logicalCores), String(usableCores), "\(Int(gib)) GiB", kernel, os,
                                       cgroupCPULimit].joined(separator: "\n"))
    }

    public static func current() -> MachineFingerprint {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = value(of: "model name", in: cpuinfo, separator: ":") ?? "unknown"
        var names = utsname()
        uname(&names)
        let release = withUnsafeBytes(of: names.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let version = withUnsafeBytes(of: names.version) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let osRelease = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8)) ?? ""
        let os = value(of: "PRETTY_NAME", in: osRelease, separator: "=")?.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) ?? "unknown"
        return MachineFingerprint(
            cpuModel: model, logicalCores: sysconf(Int32(_SC_NPROCESSORS_ONLN)),
            usableCores: ProcessInfo.processInfo.activeProcessorCount, memoryBytes: ProcMeminfo.bytes("MemTotal") ?? 0,
            kernel: "\(release) \(version)", os: os, cgroupCPULimit: cgroupCPULimit(),
            hostname: ProcessInfo.processInfo.hostName)
    }

    static func cgroupCPULimit() -> String {
        func read(_ path: String) -> String? {
            (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let max = read("/sys/fs/cgroup/cpu.max") { return "cpu.max \(max)" }
        if let quota = read("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"), let period = read("/sys/fs/cgroup/cpu/cpu.cfs_period_us") {
            return quota == "-1" ? "cfs_quota_us -1 (none), period \(period)" : "cfs_quota_us \(quota), period \(period)"
        }
        return "none found"
    }

    static func value(of key: String, in text: String, separator: Character) -> String? {
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: separator, maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == key {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}
