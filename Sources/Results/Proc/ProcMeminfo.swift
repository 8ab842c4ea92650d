import Foundation

/// /proc/meminfo, one field at a time: `MemTotal` for the machine fingerprint, `MemAvailable` for how
/// many streams a run may hold.
public enum ProcMeminfo {
    /// The field in bytes (the file says kB, meaning KiB); nil when the file or the field is missing.
    public static func bytes(_ field: String, in text: String? = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) -> UInt64? {
        MachineFingerprint.value(of: field, in: text ?? "", separator: ":")?
            .split(separator: " ").first.flatMap { UInt64($0) }.map { $0 * 1024 }
    }
}
