import Foundation

/// Deterministic test signals.
enum Signals {
    static func sine(frequency: Double, amplitude: Float, seconds: Double, sampleRate: Int) -> [Float] {
        let count = Int((seconds * Double(sampleRate)).rounded())
        return (0 ..< count).map { index in
            amplitude * Float(sin(2 * Double.pi * frequency * Double(index) / Double(sampleRate)))
        }
    }

    /// Uniform noise with the given RMS from a fixed-seed LCG, so every run sees the same samples.
    static func noise(rms: Float, count: Int, seed: UInt64 = 42) -> [Float] {
        var state = seed
        let amplitude = rms * Float(3.0.squareRoot())
        return (0 ..< count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Float(state >> 40) / Float(1 << 24)
            return amplitude * (2 * unit - 1)
        }
    }

    /// Quiet noise (about -60 dBFS) with tones (about -15 dBFS) over the given spans, in seconds.
    static func scene(seconds: Double, events: [(start: Double, end: Double)], sampleRate: Int = 16_000,
                      frequency: Double = 700) -> [Float] {
        var samples = noise(rms: 0.001, count: Int(seconds * Double(sampleRate)))
        for event in events {
            let first = Int(event.start * Double(sampleRate))
            let last = min(samples.count, Int(event.end * Double(sampleRate)))
            for index in first ..< last {
                samples[index] += 0.25 * Float(sin(2 * Double.pi * frequency * Double(index) / Double(sampleRate)))
            }
        }
        return samples
    }

    /// Frequency estimated from upward zero crossings between `from` and `to`.
    static func zeroCrossingFrequency(_ samples: [Float], sampleRate: Int, from: Int, to: Int) -> Double {
        var crossings: [Int] = []
        for index in max(from, 1) ..< min(to, samples.count) where samples[index - 1] < 0 && samples[index] >= 0 {
            crossings.append(index)
        }
        guard let first = crossings.first, let last = crossings.last, crossings.count > 1 else { return 0 }
        return Double(crossings.count - 1) * Double(sampleRate) / Double(last - first)
    }

    static func rms(_ samples: ArraySlice<Float>) -> Float {
        guard !samples.isEmpty else { return 0 }
        return (samples.reduce(0) { $0 + $1 * $1 } / Float(samples.count)).squareRoot()
    }
}
