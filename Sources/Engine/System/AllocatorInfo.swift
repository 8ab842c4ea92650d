import CAllocStats

/// The allocator serving malloc in this process, found by probing (not by trusting LD_PRELOAD), and
/// what it says it holds.
public struct AllocatorInfo: Codable, Sendable, Equatable {
    public let name: String
    public let version: String
    public let allocatedBytes: UInt64?
    public let activeBytes: UInt64?
    public let residentBytes: UInt64?
    public let mappedBytes: UInt64?

    enum CodingKeys: String, CodingKey {
        case name, version
        case allocatedBytes = "allocated_bytes"
        case activeBytes = "active_bytes"
        case residentBytes = "resident_bytes"
        case mappedBytes = "mapped_bytes"
    }

    public static func current() -> AllocatorInfo {
        var info = arb_alloc_info()
        arb_alloc_query(&info)
        let name = withUnsafeBytes(of: info.name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let version = withUnsafeBytes(of: info.version) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let has = info.has_stats != 0
        return AllocatorInfo(
            name: name, version: version,
            allocatedBytes: has ? info.allocated : nil,
            activeBytes: has && info.active > 0 ? info.active : nil,
            residentBytes: has && info.resident > 0 ? info.resident : nil,
            mappedBytes: has && info.mapped > 0 ? info.mapped : nil)
    }
}
