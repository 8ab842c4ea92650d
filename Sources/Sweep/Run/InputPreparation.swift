import Foundation
import Results

/// Turns a spec's model and audio into files. The two jobs belong to other modules (the model
/// catalog trains presets; the scene generator writes audio), so the arbench command hands them in.
public struct InputPreparation {
    public enum Failure: Error, CustomStringConvertible {
        case model(String)
        case audio(String)

        public var description: String {
            switch self {
            case .model(let message), .audio(let message): message
            }
        }
    }

    /// Preset name or path -> model file (may build the preset once into a cache).
    public var resolveModel: (String) throws -> String
    /// Writes a scene of `durationSeconds` from `seed` to `audioPath`, ground truth to `labelsPath`.
    public var generateScene: (_ durationSeconds: Double, _ seed: UInt64, _ audioPath: String, _ labelsPath: String) throws -> Void

    public init(resolveModel: @escaping (String) throws -> String,
                generateScene: @escaping (Double, UInt64, String, String) throws -> Void) {
        self.resolveModel = resolveModel
        self.generateScene = generateScene
    }

    /// A generated scene goes into the run directory's `audio/` and is reused when already there
    /// (a resumed sweep measures the same file).
    public func prepare(spec: ExperimentSpec, directory: RunDirectory, log: (String) -> Void) throws(Failure) -> SweepInputs {
        let model: String
        do {
            model = try resolveModel(spec.model)
        } catch {
            throw .model("model \(spec.model): \(error)")
        }
        let audio = try audioFiles(spec: spec, directory: directory, log: log)
        return SweepInputs(modelPath: absolute(model), audioPaths: Array(repeating: audio, count: spec.audioPasses).flatMap { $0 })
    }

    private func audioFiles(spec: ExperimentSpec, directory: RunDirectory, log: (String) -> Void) throws(Failure) -> [String] {
        switch spec.audio {
        case .paths(let paths):
            return paths.map(absolute)
        case .generate(let seconds, let seed):
            let name = AudioInput.sceneFileName(durationSeconds: seconds, seed: seed)
            let audioPath = "\(directory.audio)/\(name)"
            if !FileManager.default.fileExists(atPath: audioPath) {
                let labelsPath = (audioPath as NSString).deletingPathExtension + ".labels.csv"
                log("generating a \(Int(seconds)) s scene (seed \(seed)) into \(audioPath)")
                do {
                    try FileManager.default.createDirectory(atPath: directory.audio, withIntermediateDirectories: true)
                    try generateScene(seconds, seed, audioPath, labelsPath)
                } catch {
                    throw .audio("cannot generate the scene \(audioPath): \(error)")
                }
            }
            return [absolute(audioPath)]
        }
    }

    /// Children get absolute paths: nothing then depends on their working directory.
    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
