import Foundation

/// Triangular filters on the HTK mel scale (2595 log10(1 + f/700)) without area normalisation:
/// the same matrix as `librosa.filters.mel(htk=True, norm=None)`. Computed in Double, stored as Float.
public struct MelFilterbank: Sendable {
    /// [mels][fftSize/2 + 1]
    public let weights: [[Float]]
    /// Per mel, the bins with non-zero weight: the multiply skips the (mostly zero) rest.
    public let nonZeroBins: [Range<Int>]

    public init(config: LogMelConfig) {
        let bins = config.frequencyBins
        let nyquist = Double(config.sampleRate) / 2
        let binFrequencies = (0 ..< bins).map { nyquist * Double($0) / Double(bins - 1) }
        let melLow = Self.hzToMel(Double(config.fMin))
        let melHigh = Self.hzToMel(Double(config.fMax))
        // mels + 2 edges: each filter rises from edge i to its peak at i + 1 and falls to i + 2.
        let edges = (0 ..< config.mels + 2).map { index in
            Self.melToHz(melLow + (melHigh - melLow) * Double(index) / Double(config.mels + 1))
        }
        var weights: [[Float]] = []
        var ranges: [Range<Int>] = []
        for mel in 0 ..< config.mels {
            let (lower, centre, upper) = (edges[mel], edges[mel + 1], edges[mel + 2])
            let row = binFrequencies.map { frequency -> Float in
                let rising = (frequency - lower) / (centre - lower)
                let falling = (upper - frequency) / (upper - centre)
                return Float(max(0, min(rising, falling)))
            }
            let first = row.firstIndex { $0 > 0 } ?? 0
            let last = row.lastIndex { $0 > 0 } ?? -1
            weights.append(row)
            ranges.append(first ..< last + 1)
        }
        self.weights = weights
        nonZeroBins = ranges
    }

    static func hzToMel(_ hz: Double) -> Double { 2595 * log10(1 + hz / 700) }
    static func melToHz(_ mel: Double) -> Double { 700 * (pow(10, mel / 2595) - 1) }
}
