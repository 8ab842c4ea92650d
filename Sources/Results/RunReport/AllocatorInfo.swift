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

    public init(name: String, version: String, allocatedBytes: UInt64?, activeBytes: UInt64?, residentBytes: UInt64?,
                mappedBytes: UInt64?) {
        self.name = name
        self.version = version
        self.allocatedBytes = allocatedBytes
        self.activeBytes = activeBytes
        self.residentBytes = residentBytes
        self.mappedBytes = mappedBytes
    }
}
