import Foundation

/// A set of CPUs as Linux lists them (`0`, `0-1`, `0,2-3`: the cpuset and Cpus_allowed_list format), or
/// `none` (the cell runs on whatever the sweep may use).
public struct CPUSet: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Sorted, distinct; nil = none.
    public let cpus: [Int]?

    public static let noneName = "none"
    public static let none = CPUSet(cpus: nil)

    public init(cpus: [Int]?) { self.cpus = cpus.map { Array(Set($0)).sorted() } }

    public var isNone: Bool { cpus == nil }
    public var count: Int? { cpus?.count }

    /// The kernel's list format, ranges collapsed: `0-3,6`; `none`.
    public var text: String {
        guard let cpus else { return Self.noneName }
        return Self.listText(cpus)
    }

    public var description: String { text }

    /// Safe in cell ids and file names: `0-3_6`.
    public var label: String { text.replacingOccurrences(of: ",", with: "_") }

    public static func listText(_ cpus: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        let sorted = Array(Set(cpus)).sorted()
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count && sorted[end + 1] == sorted[end] + 1 { end += 1 }
            parts.append(end == index ? String(sorted[index]) : "\(sorted[index])-\(sorted[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }

    /// `0-1,3` -> [0, 1, 3]; nil when malformed (empty, a reversed range, not numbers). Also reads
    /// /proc's Cpus_allowed_list and /sys/devices/system/cpu/online.
    public static func parseList(_ text: String) -> [Int]? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        var cpus: [Int] = []
        for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count), let low = Int(bounds[0]), low >= 0,
                  let high = bounds.count == 2 ? Int(bounds[1]) : low, high >= low, high < 65_536 else { return nil }
            cpus.append(contentsOf: low...high)
        }
        return cpus
    }

    /// `none` or a CPU list; nil when neither.
    public static func parse(_ text: String) -> CPUSet? {
        if text.trimmingCharacters(in: .whitespaces).lowercased() == noneName { return CPUSet.none }
        return parseList(text).map { CPUSet(cpus: $0) }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let set = CPUSet.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(text) is not a CPU list")
        }
        self = set
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public static func < (a: CPUSet, b: CPUSet) -> Bool {
        guard let x = a.cpus else { return b.cpus != nil }
        guard let y = b.cpus else { return false }
        return x.count != y.count ? x.count < y.count : x.lexicographicallyPrecedes(y)
    }
}
