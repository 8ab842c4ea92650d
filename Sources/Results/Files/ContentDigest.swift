import Foundation

/// FNV-1a 64 in hex: stable across runs, machines and Swift versions (unlike Swift's seeded Hasher).
/// Not a cryptographic hash: it tells two files or two outputs apart, which is all arbench asks of it
/// (a run's tags, the model and audio a sweep measured).
public enum ContentDigest {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    public static func of<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        hex(bytes.reduce(offset) { ($0 ^ UInt64($1)) &* prime })
    }

    public static func of(text: String) -> String { of(text.utf8) }

    /// The digest of a file's bytes, read in 1 MiB chunks (audio files run to hundreds of MiB); nil when
    /// it cannot be read.
    public static func of(file path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hash = offset
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 20)
            } catch {
                return nil
            }
            // nil or empty: the end of the file (Foundation on Linux gives nil there).
            guard let chunk, !chunk.isEmpty else { break }
            hash = chunk.reduce(hash) { ($0 ^ UInt64($1)) &* prime }
        }
        return hex(hash)
    }

    static func hex(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
