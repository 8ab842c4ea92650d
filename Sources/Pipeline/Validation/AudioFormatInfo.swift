/// What the file itself declares, before any downmixing or resampling.
public struct AudioFormatInfo: Sendable, Codable, Equatable {
    public let path: String
    public let sampleRate: Int
    public let channels: Int
    /// As declared by the header; a truncated file may deliver fewer.
    public let frames: Int64
    /// Container and encoding, e.g. "WAV float32", "FLAC 16-bit".
    public let format: String

    public init(path: String, sampleRate: Int, channels: Int, frames: Int64, format: String) {
        self.path = path
        self.sampleRate = sampleRate
        self.channels = channels
        self.frames = frames
        self.format = format
    }

    public var durationSeconds: Double {
        sampleRate > 0 ? Double(frames) / Double(sampleRate) : 0
    }
}
