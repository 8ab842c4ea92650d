import Foundation

/// What a model expects and produces. Built-in models carry it inside the TorchScript archive (extra file
/// `arbench.json`); users' models may put it in a sidecar `MODEL.pt.json` (see README, "Your own model").
public struct ModelMetadata: Codable, Sendable, Equatable {
    /// Class names in output-index order.
    public var classes: [String]
    /// Mel bands the model expects on its input's third axis.
    public var mels: Int
    /// Sample rate the features must be computed at.
    public var sampleRate: Int
    /// Fewest frames the model accepts (pooling layers shrink the time axis).
    public var minFrames: Int
    /// Always "batch,1,mels,frames" today; recorded so a future layout cannot be mistaken for it.
    public var layout: String
    /// Built-in models only.
    public var preset: String?
    public var seed: UInt64?
    public var flopsPerAudioSecond: Double?
    public var trainingAccuracy: Double?
    public var buildCommand: String?

    public static let inputLayout = "batch,1,mels,frames"

    public init(classes: [String], mels: Int = 64, sampleRate: Int = 16_000, minFrames: Int = 16,
                layout: String = ModelMetadata.inputLayout, preset: String? = nil, seed: UInt64? = nil,
                flopsPerAudioSecond: Double? = nil, trainingAccuracy: Double? = nil, buildCommand: String? = nil) {
        self.classes = classes
        self.mels = mels
        self.sampleRate = sampleRate
        self.minFrames = minFrames
        self.layout = layout
        self.preset = preset
        self.seed = seed
        self.flopsPerAudioSecond = flopsPerAudioSecond
        self.trainingAccuracy = trainingAccuracy
        self.buildCommand = buildCommand
    }

    enum CodingKeys: String, CodingKey {
        case classes, mels, layout, preset, seed
        case sampleRate = "sample_rate"
        case minFrames = "min_frames"
        case flopsPerAudioSecond = "flops_per_audio_second"
        case trainingAccuracy = "training_accuracy"
        case buildCommand = "build_command"
    }

    /// Sidecar files may leave out anything but what they want to change.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        classes = try c.decodeIfPresent([String].self, forKey: .classes) ?? []
        mels = try c.decodeIfPresent(Int.self, forKey: .mels) ?? 64
        sampleRate = try c.decodeIfPresent(Int.self, forKey: .sampleRate) ?? 16_000
        minFrames = try c.decodeIfPresent(Int.self, forKey: .minFrames) ?? 16
        layout = try c.decodeIfPresent(String.self, forKey: .layout) ?? ModelMetadata.inputLayout
        preset = try c.decodeIfPresent(String.self, forKey: .preset)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
        flopsPerAudioSecond = try c.decodeIfPresent(Double.self, forKey: .flopsPerAudioSecond)
        trainingAccuracy = try c.decodeIfPresent(Double.self, forKey: .trainingAccuracy)
        buildCommand = try c.decodeIfPresent(String.self, forKey: .buildCommand)
    }
}

extension ModelMetadata {
    /// The log-mel settings this model's inputs must be computed with.
    public var logMelConfig: LogMelConfig {
        var config = LogMelConfig.standard
        config.mels = mels
        config.sampleRate = sampleRate
        return config
    }
}
