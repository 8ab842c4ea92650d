import Foundation
import Pipeline
import SceneGen
import Training

/// One tiny model and one short scene, built once per test process and shared by the tests.
enum TinyModelFixture {
    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("arbench-engine-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static let modelPath: String = {
        let path = directory.appendingPathComponent("tiny.pt").path
        do {
            try ModelBuilder(preset: .tiny, seed: 1).build(to: path)
        } catch {
            fatalError("cannot build the tiny model: \(error)")
        }
        return path
    }()

    static let model: TorchModel = {
        do {
            return try TorchModel(path: modelPath)
        } catch {
            fatalError("cannot load the tiny model: \(error)")
        }
    }()

    static let scenePath: String = {
        let wav = directory.appendingPathComponent("scene.wav").path
        let labels = directory.appendingPathComponent("scene.labels.csv").path
        do {
            _ = try SceneGenerator(config: SceneConfig(durationSeconds: 60, seed: 11)).write(audioTo: wav, labelsTo: labels)
        } catch {
            fatalError("cannot write the test scene: \(error)")
        }
        return wav
    }()
}
