import CTorch
import Foundation
import Pipeline
import Results
import TestSupport
import Results
import Testing
import Training

/// The built-in tagger is written twice (CShims/CTorchRuntime/TaggerNet.h): as the C++ module training
/// runs and as the TorchScript text a saved model runs. Saved and loaded as arbench loads any model, the
/// script must score an input as the eager module does, for every preset's shape: a block, a step or a
/// constant that differs between the two shows up here. On the process's runtime (`$ARBENCH_LIBTORCH`,
/// else `system`), and on the other built-in one in a child test process.
@Suite struct TaggerExportTests {
    static let mels = 64
    static let frames = 96
    static let classes = 6
    static let examples = 3

    /// Examples on different offsets and scales (the network normalises each one, and a script without
    /// that step would score them differently), with structure in time and frequency for the convolutions.
    static func input() -> [Float] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func noise() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(state >> 40) / Float(1 << 24) - 0.5
        }
        var values: [Float] = []
        for example in 0..<examples {
            let offset = Float(example) * 3 - 4, scale = Float(example + 1) * 2
            for mel in 0..<mels {
                for frame in 0..<frames {
                    let tone = sin(Float(frame) * 0.3 + Float(mel) * 0.2 * Float(example + 1))
                    values.append(offset + scale * (tone + noise()))
                }
            }
        }
        return values
    }

    @Test(arguments: ModelPreset.all.map(\.name))
    func savedScriptScoresAsTheEagerNetwork(presetName: String) throws {
        let runtime = try LoadedLibTorch.ensureActive().runtime
        let preset = try #require(ModelPreset.named(presetName))
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("arbench-tagger-export-\(getpid())-\(preset.name).pt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let x = Self.input()
        var eager = [Float](repeating: .nan, count: Self.examples * Self.classes)
        var err = [CChar](repeating: 0, count: 1024)
        let channels = preset.channels.map { Int32($0) }
        let status = channels.withUnsafeBufferPointer { channelPointer in
            var config = arb_train_config(
                channels: channelPointer.baseAddress, block_count: Int32(channels.count), mels: Int32(Self.mels),
                frames: Int32(Self.frames), classes: Int32(Self.classes), epochs: 0, batch_size: 0,
                learning_rate: 0, seed: 5)
            return arb_tagger_export_reference(&config, x, Int64(Self.examples), path, &eager, Int64(eager.count),
                                               &err, err.count)
        }
        try #require(status == ARB_OK, "\(runtime): \(String(cBuffer: err))")

        let model = try TorchModel(path: path)
        let size = Self.mels * Self.frames
        var largest: Float = 0
        for example in 0..<Self.examples {
            let scripted = try x[example * size..<(example + 1) * size].withUnsafeBufferPointer {
                try model.scores(mels: Self.mels, frames: Self.frames, values: $0)
            }
            let expected = Array(eager[example * Self.classes..<(example + 1) * Self.classes])
            #expect(scripted.count == Self.classes)
            for (a, b) in zip(scripted, expected) { largest = max(largest, abs(a - b)) }
        }
        #expect(largest <= 1e-5, "\(runtime), \(preset.name): saved script and eager module differ by \(largest)")
        // Scores that vary between examples: the comparison above is not between two constant outputs.
        let first = eager[0..<Self.classes], last = eager[(Self.examples - 1) * Self.classes..<Self.examples * Self.classes]
        #expect(zip(first, last).contains { abs($0 - $1) > 1e-4 }, "\(eager)")
    }

    /// The check above on the other built-in runtime: a process holds one LibTorch, so this test bundle runs
    /// it again in a child with `ARBENCH_LIBTORCH` set. Its operators and their defaults differ between
    /// LibTorch versions, and a model saved on one runtime is run on both.
    @Test func savedScriptScoresAsTheEagerNetworkOnTheOtherRuntime() throws {
        let active = try LoadedLibTorch.ensureActive().runtime
        let bundle = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        for name in LibTorchRuntime.builtInNames where name != active.name {
            var environment = ProcessInfo.processInfo.environment
            environment["ARBENCH_LIBTORCH"] = name
            let output = try ProcessRunner.run(bundle, ["--testing-library", "swift-testing",
                                                        "--filter", "TaggerExportTests/savedScriptScoresAsTheEagerNetwork\\("],
                                               environment: environment)
            // Swift Testing reports on stderr; the count proves the filter found the test.
            let ran = output.stderr.contains("with \(ModelPreset.all.count) test cases passed")
            #expect(output.status == 0 && ran, "on \(name): exit \(output.status)\n\(output.stderr)")
        }
    }
}
