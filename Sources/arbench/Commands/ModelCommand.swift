import ArgumentParser
import Engine
import Foundation
import Pipeline
import Sweep
import Training
import Results

struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Build the built-in tagger or describe a model.",
        discussion: """
        Examples:
          arbench model info base
          arbench model build --preset large --seed 2
          arbench model bench base --audio scene.wav
          arbench model digest my_model.pt
        """,
        subcommands: [Build.self, Info.self, Bench.self, Digest.self])

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train the built-in CNN tagger on generated scenes and save TorchScript (no network, no Python).",
            discussion: """
            Presets: tiny (tests), base (default), large (about \(Int((ModelPreset.large.flopsPerAudioSecond(mels: LogMelConfig.standard.mels) / ModelPreset.base.flopsPerAudioSecond(mels: LogMelConfig.standard.mels)).rounded()))x base's compute). \
            Seed 1 of each ships with arbench (every machine runs the same weights); this rebuilds one, or \
            trains another seed. Without --out the model goes to the model cache, where `--model base@SEED` \
            finds it.

            Examples:
              arbench model build --preset base
              arbench model build --preset large --seed 2 --out large.pt
            """)

        @Option(help: "tiny, base or large.")
        var preset = "base"

        @Option(help: "Training seed (scenes and initial weights).")
        var seed: UInt64 = 1

        @Option(help: "Output .pt path, or a directory (then the file gets its cache name, e.g. base-seed1-recipe2.pt); default: the model cache.")
        var out: String?

        /// argv after argv[0] that builds `preset` with `seed` into the model cache.
        static func arguments(preset: String, seed: UInt64) -> [String] {
            [ModelCommand.configuration.commandName ?? "model", configuration.commandName ?? "build", "--preset", preset, "--seed", String(seed)]
        }

        func run() throws {
            guard let preset = ModelPreset.named(preset) else {
                printError("--preset: unknown preset \"\(preset)\" (tiny, base, large)")
                throw ExitCodes.usage
            }
            var isDirectory: ObjCBool = false
            let path = out.map { out in
                out.hasSuffix("/") || (FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory) && isDirectory.boolValue)
                    ? URL(fileURLWithPath: out).appendingPathComponent(ShippedPresets.fileName(preset: preset, seed: seed)).path : out
            } ?? ModelCatalog.cachedPath(preset: preset, seed: seed).path
            do {
                try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                        withIntermediateDirectories: true)
                try ModelBuilder(preset: preset, seed: seed).build(to: path, log: { printNote($0) })
            } catch {
                printError("\(error)")
                throw ExitCodes.error
            }
            print(path)
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a model's parameters, compute, input layout and classes.",
            discussion: "Examples:\n  arbench model info base\n  arbench model info my_model.pt")

        @Argument(help: "Model file or preset.")
        var model: String

        func run() throws {
            // `info` describes, it never trains: a preset that is neither shipped nor built says how to build it.
            if !FileManager.default.fileExists(atPath: model), let (preset, seed) = ModelCatalog.presetReference(model),
               (try? ModelCatalog.existing(preset: preset, seed: seed)) == nil {
                printError("\(model) is not built yet: `\(ModelBuilder(preset: preset, seed: seed).buildCommand)` trains it (\(preset.buildTimeNote))")
                throw ExitCodes.modelRefused
            }
            let loaded = try loadModel(model)
            let m = loaded.metadata
            let flops = m.flopsPerAudioSecond.map { String(format: "%.1f MFLOP", $0 / 1e6) } ?? "unknown"
            print("""
            model:        \(loaded.path)
            metadata:     \(loaded.metadataSource)
            preset:       \(m.preset ?? "-")\(m.seed.map { " (seed \($0))" } ?? "")
            parameters:   \(loaded.parameterCount)
            compute:      \(flops) per second of audio
            input:        [\(m.layout)] = [1, 1, \(m.mels), >=\(m.minFrames)] log-mel at \(m.sampleRate) Hz
            classes:      \(m.classes.joined(separator: ", "))
            training acc: \(m.trainingAccuracy.map { String(format: "%.1f%%", $0 * 100) } ?? "-")
            rebuild:      \(m.buildCommand ?? "-")
            """)
        }
    }
}

extension ModelCommand {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Inference throughput alone, as torch.utils.ThroughputBenchmark measures it.",
            discussion: """
            E calling threads (intra-op 1 each) share the model and run forwards on the log-mel features \
            of AUDIO's segments, round-robin, until ITERATIONS forwards are done. Prints JSON with \
            iterations per second; --shapes-out writes the segment shapes for the PyTorch side \
            (Experiments/benchmarks/pytorch_throughput.py), --features-out the feature tensors themselves \
            for a bare C++ loop over the same inputs (Experiments/benchmarks/engine_overhead.sh).

            Examples:
              arbench model bench base --audio a.wav --engine-threads 2 --shapes-out s.json
              arbench model bench base --audio a.wav --libtorch pypi --features-out f.bin
            """)

        @Argument(help: "Model file or preset.")
        var model: String

        @Option(help: "Audio whose segments give the input shapes.")
        var audio: String

        @Option(help: "Calling threads.")
        var engineThreads = 1

        @Option(help: "Forwards in total, over all threads.")
        var iterations = 2_000

        @Option(help: "Warm-up forwards per thread.")
        var warmup = 20

        @Option(help: "Write the input shapes as JSON ([[1,1,mels,frames], ...]) here.")
        var shapesOut: String?

        @Option(help: "Write the inputs here: per input int32 mels, int32 frames, then mels*frames float32 (little-endian).")
        var featuresOut: String?

        @OptionGroup var libtorch: LibTorchOption

        func run() throws {
            do {
                try LoadedLibTorch.activate(libtorch.runtime)
            } catch {
                printError(error.description)
                throw ExitCodes.modelRefused
            }
            let loaded = try loadModel(model)
            let samples: [Float]
            do {
                samples = try AudioReader.readAll(path: audio, targetSampleRate: loaded.metadata.sampleRate)
            } catch {
                printError("\(error)")
                throw ExitCodes.inputsRefused
            }
            let extractor = LogMelExtractor(plan: LogMelPlan(config: loaded.metadata.logMelConfig))
            let inputs = Segmenter.segments(of: samples, sampleRate: loaded.metadata.sampleRate).map {
                extractor.extract($0.samples).tiled(toAtLeast: loaded.metadata.minFrames)
            }
            guard !inputs.isEmpty else {
                printError("\(audio): no segments to take shapes from")
                throw ExitCodes.inputsRefused
            }
            if let shapesOut {
                let shapes = inputs.map { [1, 1, $0.mels, $0.frames] }
                try AtomicFile.write(JSONEncoder().encode(shapes), to: shapesOut)
            }
            if let featuresOut {
                var data = Data()
                for input in inputs {
                    withUnsafeBytes(of: Int32(input.mels).littleEndian) { data.append(contentsOf: $0) }
                    withUnsafeBytes(of: Int32(input.frames).littleEndian) { data.append(contentsOf: $0) }
                    input.values.withUnsafeBytes { data.append(contentsOf: $0) }
                }
                try AtomicFile.write(data, to: featuresOut)
            }
            let result = InferenceBenchmark(model: loaded, inputs: inputs, callingThreads: engineThreads)
                .run(warmupIterations: warmup, iterations: iterations)
            print(String(format: #"{"engine_threads": %d, "iterations": %d, "seconds": %.4f, "iters_per_second": %.2f, "inputs": %d}"#,
                         engineThreads, result.iterations, result.seconds, result.iterationsPerSecond, inputs.count))
        }
    }
}

extension ModelCommand {
    struct Digest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print each file's digest (FNV-1a 64 of its bytes), as results.csv's model_digest records it.",
            discussion: """
            Two runs measured the same model only when their model_digest agree. `make presets` writes the \
            shipped presets' DIGESTS file with this.

            Examples:
              arbench model digest my_model.pt
              arbench model digest base
            """)

        @Argument(help: "Model files or presets.")
        var models: [String]

        func run() throws {
            var failed = false
            for model in models {
                let path = FileManager.default.fileExists(atPath: model) ? model
                    : (ModelCatalog.presetReference(model).flatMap { try? ModelCatalog.existing(preset: $0.preset, seed: $0.seed) } ?? model)
                guard let digest = ContentDigest.of(file: path) else {
                    printError("\(model): cannot be read (not a file, and not a shipped or built preset)")
                    failed = true
                    continue
                }
                print("\(digest)  \(model)")
            }
            if failed { throw ExitCodes.inputsRefused }
        }
    }
}

