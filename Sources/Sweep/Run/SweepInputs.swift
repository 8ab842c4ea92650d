import Foundation
import Results

/// The model file and audio files every cell of a sweep gets, prepared once by the parent.
public struct SweepInputs: Sendable, Equatable {
    public var modelPath: String
    public var audioPaths: [String]

    public init(modelPath: String, audioPaths: [String]) {
        self.modelPath = modelPath
        self.audioPaths = audioPaths
    }

    /// What the cells measured, as digests of the files' bytes ("" when unreadable): two sweeps measured
    /// the same workload only when these agree. Read once per sweep (a 2-hour scene is 230 MB).
    public func digests() -> InputDigests {
        var byPath: [String: String] = [:]
        for path in Set(audioPaths) { byPath[path] = ContentDigest.of(file: path) ?? "" }
        return InputDigests(model: ContentDigest.of(file: modelPath) ?? "",
                            audio: ContentDigest.of(text: audioPaths.map { byPath[$0] ?? "" }.joined(separator: ";")))
    }
}

/// The model and the audio a sweep measured, as digests (ContentDigest): recorded in every row and in meta.json.
public struct InputDigests: Sendable, Equatable {
    public var model: String
    public var audio: String

    public init(model: String = "", audio: String = "") {
        self.model = model
        self.audio = audio
    }
}
