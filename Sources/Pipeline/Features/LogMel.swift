/// Log-mel features of one segment. `values` is row-major [mel][frame]: exactly the memory layout of a
/// [1, 1, mels, frames] tensor, so it can be handed to the model without a copy or transpose.
public struct LogMel: Sendable {
    public let mels: Int
    public let frames: Int
    public var values: [Float]

    public init(mels: Int, frames: Int, values: [Float]) {
        precondition(values.count == mels * frames, "LogMel needs mels * frames values")
        self.mels = mels
        self.frames = frames
        self.values = values
    }

    public subscript(mel: Int, frame: Int) -> Float {
        values[mel * frames + frame]
    }
}
