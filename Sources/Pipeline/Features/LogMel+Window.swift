extension LogMel {
    /// `frames` frames starting at `offset`, wrapping around (tiling) past the end. Tiling keeps a short
    /// segment's spectral statistics, where padding with silence would skew the model's normalisation.
    public func window(offset: Int, frames count: Int) -> LogMel {
        guard frames > 0, offset != 0 || count != frames else { return self }
        var out = [Float](repeating: 0, count: mels * count)
        for mel in 0..<mels {
            for frame in 0..<count {
                out[mel * count + frame] = values[mel * frames + (offset + frame) % frames]
            }
        }
        return LogMel(mels: mels, frames: count, values: out)
    }

    /// At least `minFrames` frames, tiling a shorter input.
    public func tiled(toAtLeast minFrames: Int) -> LogMel {
        frames >= minFrames ? self : window(offset: 0, frames: minFrames)
    }
}
