/// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast, passes BigCrush, and the same seed gives the same
/// sequence on every machine and in every Swift version (the standard generator is neither seedable nor
/// stable). The one generator of arbench: scenes, randomized run orders, bootstrap resamples.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    // Inlinable: scene synthesis draws several numbers per audio sample, across a module boundary.
    @usableFromInline var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SeededGenerator {
    /// Uniform in [0, 1).
    @inlinable
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [-1, 1).
    @inlinable
    public mutating func bipolar() -> Double { Double(next() >> 11) * 0x1.0p-52 - 1 }

    /// Uniform in [lo, hi).
    @inlinable
    public mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * unit() }

    /// Uniform integer in the closed range [lo, hi].
    public mutating func int(_ lo: Int, _ hi: Int) -> Int {
        precondition(hi >= lo)
        let span = UInt64(hi - lo) &+ 1
        return span == 0 ? lo &+ Int(truncatingIfNeeded: next()) : lo + Int(next() % span)
    }

    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A fresh independent seed derived from `seed` and a stream label.
    public static func derive(_ seed: UInt64, _ label: UInt64) -> UInt64 {
        var r = SeededGenerator(seed: seed ^ (label &* 0xD1B5_4A32_D192_ED03))
        _ = r.next()
        return r.next()
    }

    /// Fisher-Yates written out here rather than `shuffle(using:)`, whose algorithm the standard
    /// library does not promise to keep: a resumed sweep must see the same order it started with.
    public mutating func shuffle<Element>(_ items: inout [Element]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            items.swapAt(i, j)
        }
    }
}
