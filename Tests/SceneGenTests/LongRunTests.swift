import Foundation
import Testing
@testable import SceneGen

/// Opt-in measurements (slow): SCENEGEN_LONG=1 swift test --filter LongRunTests
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SCENEGEN_LONG"] != nil))
struct LongRunTests {
    func peakRSSMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return -1 }
        return kb / 1024
    }

    @Test func tenMinutesTiming() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let clock = ContinuousClock()
        let t = try clock.measure {
            try generator(600, seed: 1).write(audioTo: dir.file("10m.wav"), labelsTo: dir.file("10m.csv"))
        }
        print("SceneGen: 10 min scene written in \(t)")
    }

    @Test func threeHoursBoundedMemory() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let clock = ContinuousClock()
        let t = try clock.measure {
            try generator(3 * 3600, seed: 2).write(audioTo: dir.file("3h.wav"), labelsTo: dir.file("3h.csv"))
        }
        let rss = peakRSSMegabytes()
        print("SceneGen: 3 h scene written in \(t), peak RSS \(rss) MB")
        #expect(rss < 100)
    }
}
