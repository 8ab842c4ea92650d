import CAllocStats
import Results

extension AllocatorInfo {
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
