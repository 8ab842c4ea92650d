/// Parameters of the log-mel front end. The model is trained on exactly these features, so every
/// field is part of the model's contract and is recorded with results.
public struct LogMelConfig: Sendable, Codable, Equatable {
    public var sampleRate: Int
    public var windowSeconds: Double
    public var hopSeconds: Double
    public var fftSize: Int
    public var mels: Int
    public var fMin: Float
    public var fMax: Float
    /// Mel energies are clamped to this before the log so silence gives a finite value.
    public var logFloor: Float

    public init(sampleRate: Int = 16_000, windowSeconds: Double = 0.025, hopSeconds: Double = 0.010,
                fftSize: Int = 512, mels: Int = 64, fMin: Float = 50, fMax: Float = 8_000,
                logFloor: Float = 1e-6) {
        self.sampleRate = sampleRate
        self.windowSeconds = windowSeconds
        self.hopSeconds = hopSeconds
        self.fftSize = fftSize
        self.mels = mels
        self.fMin = fMin
        self.fMax = fMax
        self.logFloor = logFloor
    }

    public static let standard = LogMelConfig()

    public var windowLength: Int { Int((windowSeconds * Double(sampleRate)).rounded()) }
    public var hopLength: Int { max(1, Int((hopSeconds * Double(sampleRate)).rounded())) }
    public var frequencyBins: Int { fftSize / 2 + 1 }

    /// Frames without centring or end padding; a clip shorter than one window still gives one
    /// zero-padded frame, so every segment has features.
    public func frameCount(forSamples n: Int) -> Int {
        if n < windowLength { return 1 }
        return max(0, 1 + (n - windowLength) / hopLength)
    }
}
