import Foundation
@testable import SceneGen

/// A fresh empty directory, removed by `cleanup()`.
struct TempDir {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("scenegen-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

/// FNV-1a over the bit patterns of the samples.
func digest(_ samples: [Float]) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for s in samples {
        var b = s.bitPattern
        for _ in 0 ..< 4 {
            h ^= UInt64(b & 0xFF)
            h = h &* 0x0000_0100_0000_01B3
            b >>= 8
        }
    }
    return h
}

func generator(_ seconds: Double, seed: UInt64) -> SceneGenerator {
    SceneGenerator(config: SceneConfig(durationSeconds: seconds, seed: seed))
}
