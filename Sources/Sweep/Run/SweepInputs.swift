import Foundation

/// The model file and audio files every cell of a sweep gets, prepared once by the parent.
public struct SweepInputs: Sendable, Equatable {
    public var modelPath: String
    public var audioPaths: [String]

    public init(modelPath: String, audioPaths: [String]) {
        self.modelPath = modelPath
        self.audioPaths = audioPaths
    }
}
