import Foundation
import Testing

/// Replays every input in Tests/Fuzz/crashers/ (findings of Tests/Fuzz/fuzz.sh) through the same checks
/// the fuzzing harness applies, so a fixed finding stays fixed.
@Suite("Fuzzing findings stay fixed")
struct FuzzRegressionTests {
    static let crashers = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fuzz/crashers").standardizedFileURL

    static let inputs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: crashers.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted()
    }()

    @Test func thereAreFindingsToReplay() {
        #expect(!Self.inputs.isEmpty, "no inputs in \(Self.crashers.path)")
    }

    @Test(arguments: inputs)
    func replay(name: String) throws {
        let bytes = try Data(contentsOf: Self.crashers.appendingPathComponent(name))
        let directory = try TemporaryDirectory()
        let problems = bytes.withUnsafeBytes { FuzzInput.run($0, scratchPath: directory.path("input.wav")) }
        #expect(problems.isEmpty, "\(name): \(problems)")
        // The harness uses one option byte; every chunk size and config must hold up, not just the one found.
        for options in [UInt8(0x00), 0x09, 0x52, 0x9b, 0xe4, 0xff] {
            var variant = bytes
            if !variant.isEmpty { variant[variant.startIndex] = options }
            let more = variant.withUnsafeBytes { FuzzInput.run($0, scratchPath: directory.path("variant.wav")) }
            #expect(more.isEmpty, "\(name) with options \(options): \(more)")
        }
    }
}
