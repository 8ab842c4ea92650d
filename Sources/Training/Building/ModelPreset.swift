/// The built-in tagger in three sizes. Widths set compute; training budgets keep `base` under 3 minutes
/// on 2 cores.
public struct ModelPreset: Sendable, Equatable {
    public let name: String
    /// Output channels of each conv block (3x3 conv, ReLU, 2x2 max-pool).
    public let channels: [Int]
    /// Seconds of generated audio to train on.
    public let trainingSeconds: Double
    public let epochs: Int
    public let cropFrames: Int
    public let learningRate: Float

    public static let tiny = ModelPreset(name: "tiny", channels: [4, 8], trainingSeconds: 240, epochs: 6,
                                         cropFrames: 64, learningRate: 3e-3)
    public static let base = ModelPreset(name: "base", channels: [4, 8, 16], trainingSeconds: 2_400, epochs: 14,
                                         cropFrames: 96, learningRate: 3e-3)
    public static let large = ModelPreset(name: "large", channels: [16, 32, 64, 128], trainingSeconds: 2_400,
                                          epochs: 12, cropFrames: 96, learningRate: 2e-3)
    public static let all = [tiny, base, large]

    public static func named(_ name: String) -> ModelPreset? { all.first { $0.name == name } }

    /// What a person waits for a build: measured with `arbench model build` on the 2-vCPU Debian 12
    /// machines arbench is developed on (2026-11-30: tiny 2 s, base 31 s, large 138 s).
    public var buildTimeNote: String {
        switch name {
        case "tiny": "a few seconds"
        case "base": "about 30 s on 2 cores"
        default: "about 2-3 minutes on 2 cores"
        }
    }

    /// Pooling halves the time axis per block: anything shorter than this has no frames left.
    public var minFrames: Int { 1 << channels.count }

    /// Multiply-adds x 2 of the conv layers for one second of audio (100 frames of `mels` bands);
    /// the linear head is negligible.
    public func flopsPerAudioSecond(mels: Int, framesPerSecond: Int = 100) -> Double {
        var flops = 0.0
        var inChannels = 1
        var height = mels
        var width = framesPerSecond
        for out in channels {
            flops += 2.0 * Double(inChannels * out * 9) * Double(height * width)
            inChannels = out
            height /= 2
            width /= 2
        }
        return flops
    }
}
