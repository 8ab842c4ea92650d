import CTorch
import Foundation
import Pipeline
import SceneGen
import Results

public struct ModelBuildError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}

/// Trains the built-in tagger on generated scenes and writes TorchScript with its metadata inside
/// (extra file `arbench.json`), without network or Python.
public struct ModelBuilder: Sendable {
    public let preset: ModelPreset
    public let seed: UInt64
    public let classes: [SoundClass]
    public let features: LogMelConfig

    /// Bumped whenever training or architecture changes, so cached models are rebuilt.
    public static let recipeVersion = 2

    /// The runtime every model is trained and saved on.
    public static let trainingRuntime = LibTorchRuntime.system

    public init(preset: ModelPreset, seed: UInt64 = 1, classes: [SoundClass] = SoundClass.allCases,
                features: LogMelConfig = .standard) {
        self.preset = preset
        self.seed = seed
        self.classes = classes
        self.features = features
    }

    public var buildCommand: String { "arbench model build --preset \(preset.name) --seed \(seed)" }

    /// Trains and writes the model atomically (temp file, then rename). `log` gets one line per epoch.
    @discardableResult
    public func build(to path: String, log: (String) -> Void = { _ in }) throws -> ModelMetadata {
        // One set of weights for every runtime: training differs between LibTorch versions, so a preset
        // trained on 2.x would not be the model a 1.13 run measured. A model saved by 1.13 loads on 2.x.
        let runtime = try LoadedLibTorch.ensureActive().runtime
        guard runtime == Self.trainingRuntime else {
            throw ModelBuildError(message: "models are trained on the \(Self.trainingRuntime) LibTorch runtime (this process runs \(runtime)), so every runtime runs the same weights")
        }
        let start = Date()
        let set = TrainingSet.make(seconds: preset.trainingSeconds, seed: seed, classes: classes, config: features,
                                   frames: preset.cropFrames)
        log("training set: \(set.count) crops of \(features.mels)x\(set.frames) from \(Int(preset.trainingSeconds)) s of scenes (\(String(format: "%.1f", Date().timeIntervalSince(start))) s)")
        guard set.count > classes.count else {
            throw ModelBuildError(message: "training set too small (\(set.count) crops)")
        }
        var metadata = ModelMetadata(
            classes: classes.map(\.rawValue), mels: features.mels, sampleRate: features.sampleRate,
            minFrames: preset.minFrames, preset: preset.name, seed: seed,
            flopsPerAudioSecond: preset.flopsPerAudioSecond(mels: features.mels), buildCommand: buildCommand)

        /// The C callback's context: each epoch's line goes to `log` as it ends (a large build takes
        /// minutes; a person should see it move), and the last accuracy is kept for the metadata.
        final class EpochLog: @unchecked Sendable {
            let log: (String) -> Void
            var lastAccuracy: Float = 0
            init(log: @escaping (String) -> Void) { self.log = log }
        }
        let channels = preset.channels.map { Int32($0) }
        let tmp = path + ".tmp-\(getpid())"
        var err = [CChar](repeating: 0, count: 1024)
        // Metadata goes in after training, when accuracy is known; train into a first file, then re-save.
        var lastAccuracy: Float = 0
        let status = withoutActuallyEscaping(log) { log -> arb_status in
            let epochs = EpochLog(log: log)
            defer { lastAccuracy = epochs.lastAccuracy }
            return channels.withUnsafeBufferPointer { channelPointer in
                var config = arb_train_config(
                    channels: channelPointer.baseAddress, block_count: Int32(channels.count), mels: Int32(features.mels),
                    frames: Int32(set.frames), classes: Int32(classes.count), epochs: Int32(preset.epochs),
                    batch_size: 32, learning_rate: preset.learningRate, seed: seed)
                let json = String(decoding: (try? JSONEncoder().encode(metadata)) ?? Data(), as: UTF8.self)
                return withUnsafeMutablePointer(to: &config) { configPointer in
                    arb_train_tagger(configPointer, set.features, set.labels, Int64(set.count), tmp, json, { epoch, loss, accuracy, context in
                        let epochs = Unmanaged<EpochLog>.fromOpaque(context!).takeUnretainedValue()
                        epochs.log("epoch \(epoch + 1): loss \(String(format: "%.4f", loss)), training accuracy \(String(format: "%.1f", accuracy * 100))%")
                        epochs.lastAccuracy = accuracy
                    }, Unmanaged.passUnretained(epochs).toOpaque(), &err, err.count)
                }
            }
        }
        guard status == ARB_OK else {
            try? FileManager.default.removeItem(atPath: tmp)
            throw ModelBuildError(message: "training failed: \(TorchMessage.rootCause(of: err))")
        }
        metadata.trainingAccuracy = (Double(lastAccuracy) * 1e4).rounded() / 1e4
        let final = String(decoding: try JSONEncoder().encode(metadata), as: UTF8.self)
        let tmpFinal = path + ".tmp2-\(getpid())"
        defer {
            try? FileManager.default.removeItem(atPath: tmp)
            try? FileManager.default.removeItem(atPath: tmpFinal)
        }
        guard arb_model_resave(tmp, tmpFinal, final, &err, err.count) == ARB_OK else {
            throw ModelBuildError(message: "\(path): cannot write model: \(TorchMessage.rootCause(of: err))")
        }
        guard rename(tmpFinal, path) == 0 else {
            throw ModelBuildError(message: "\(path): cannot write model: \(String(cString: strerror(errno)))")
        }
        log("built \(preset.name) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s -> \(path)")
        return metadata
    }
}
