import Foundation

/// A CFS CPU quota as a spec writes it: CPUs as a decimal (`0.5`, `1.5`), or `none`. Kept as
/// microseconds of quota per `periodMicroseconds` (what the kernel stores), so two spellings of one
/// quota (`1.5`, `1.50`) are one cell and ids never depend on float printing.
public struct CPUQuota: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// nil = no quota (no cgroup for the cell).
    public let quotaMicroseconds: Int?

    /// The CFS period every cell's quota is written against (the kernel default, as Kubernetes uses it).
    public static let periodMicroseconds = 100_000
    /// The kernel refuses quotas under 1 ms per period (EINVAL).
    public static let minimumQuotaMicroseconds = 1_000
    public static let noneName = "none"
    /// More CPUs than any machine has (Linux's NR_CPUS tops out at 8192).
    public static let maximumCPUs = 65_536.0
    public static let none = CPUQuota(quotaMicroseconds: nil)

    public init(quotaMicroseconds: Int?) { self.quotaMicroseconds = quotaMicroseconds }

    public init(cpus: Double) {
        self.init(quotaMicroseconds: Int((cpus * Double(Self.periodMicroseconds)).rounded()))
    }

    public var isNone: Bool { quotaMicroseconds == nil }

    /// CPUs (quota / period); nil for none.
    public var cpus: Double? { quotaMicroseconds.map { Double($0) / Double(Self.periodMicroseconds) } }

    /// The smallest quota, in CPUs, a period can express (the largest is the machine's CPUs).
    public static var minimumCPUs: Double { Double(minimumQuotaMicroseconds) / Double(periodMicroseconds) }

    /// `1.5`, `0.25`, `2`, `none`: the shortest decimal of the stored quota.
    public var text: String {
        guard let quotaMicroseconds else { return Self.noneName }
        let whole = quotaMicroseconds / Self.periodMicroseconds
        var fraction = String(quotaMicroseconds % Self.periodMicroseconds)
        guard fraction != "0" else { return String(whole) }
        fraction = String(repeating: "0", count: 5 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }

    public var description: String { text }

    /// For cell ids, which allow letters, digits, '-' and '_' only (no '.'): millicpus as Kubernetes writes
    /// them (`1500m` = 1.5 CPUs), or microseconds per period below a millicpu's resolution (`1250us`).
    public var idLabel: String {
        guard let quotaMicroseconds else { return Self.noneName }
        let perMilli = Self.periodMicroseconds / 1000
        return quotaMicroseconds % perMilli == 0 ? "\(quotaMicroseconds / perMilli)m" : "\(quotaMicroseconds)us"
    }

    /// Nil when `text` is neither `none` nor a positive decimal; the range is checked by the spec reader.
    public static func parse(_ text: String) -> CPUQuota? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == noneName { return CPUQuota.none }
        // At most `maximumCPUs`: no machine has more, and past Int's range the microseconds would trap (1e308
        // crashed the spec reader: found by the spec fuzzer).
        guard let cpus = Double(trimmed), cpus.isFinite, cpus > 0, cpus <= maximumCPUs else { return nil }
        return CPUQuota(cpus: cpus)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let quota = CPUQuota.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(text) is not a CPU quota")
        }
        self = quota
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    /// none first, then by size.
    public static func < (a: CPUQuota, b: CPUQuota) -> Bool { (a.quotaMicroseconds ?? -1) < (b.quotaMicroseconds ?? -1) }
}
