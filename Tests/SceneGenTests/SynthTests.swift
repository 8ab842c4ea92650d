import Testing
@testable import SceneGen
import Results

@Suite struct SynthTests {
    /// Fraction of sign changes per sample: a crude spectral-centroid proxy.
    func zeroCrossingRate(_ x: [Float]) -> Double {
        var n = 0
        for i in 1 ..< x.count where (x[i] >= 0) != (x[i - 1] >= 0) { n += 1 }
        return Double(n) / Double(x.count)
    }

    @Test(arguments: SoundClass.allCases)
    func isolatedEventsHaveLevelLengthAndNoNaN(_ c: SoundClass) {
        for seed: UInt64 in 0 ..< 8 {
            let seconds = 0.5 + Double(seed) * 0.5
            let x = SceneGenerator.renderEvent(c, seconds: seconds, seed: seed)
            #expect(x.count == Int((seconds * 16000).rounded()))
            #expect(x.allSatisfy { $0.isFinite })
            let peak = Double(x.map(\.magnitude).max()!)
            let db = 20 * log10(peak)
            #expect(db >= -20.01 && db <= -5.99, "\(c) seed \(seed): peak \(db) dBFS")
            #expect(x.first!.magnitude < 1e-6) // faded in
        }
        #expect(SceneGenerator.renderEvent(c, seconds: 0, seed: 1).isEmpty)
        #expect(SceneGenerator.renderEvent(c, seconds: 0.01, seed: 1).count == 160)
        #expect(SceneGenerator.renderEvent(c, seconds: 1, seed: 1, sampleRate: 8000).count == 8000)
    }

    @Test func classesDifferInSpectralContent() {
        func meanZCR(_ c: SoundClass) -> Double {
            (0 ..< 4).map { zeroCrossingRate(SceneGenerator.renderEvent(c, seconds: 2, seed: UInt64($0))) }
                .reduce(0, +) / 4
        }
        let bird = meanZCR(.birdsong), siren = meanZCR(.siren), speech = meanZCR(.speech)
        #expect(bird > 0.2, "birdsong ZCR \(bird)")  // 2-6 kHz chirps
        #expect(siren > 0.05 && siren < 0.25, "siren ZCR \(siren)")
        #expect(speech < bird)
    }

    @Test func mathIsAccurate() {
        for i in 0 ... 1000 {
            let p = Double(i) / 137.0 - 3.3
            #expect(abs(DMath.sin2pi(p) - sin(2 * Double.pi * p)) < 1e-8)
            let x = Double(i) / 20 - 25
            #expect(abs(DMath.exp(x) / exp(x) - 1) < 1e-12)
        }
        #expect(DMath.exp(-1000) == 0)
    }

    @Test func rngIsTheReferenceSplitMix64() {
        // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        var r = SeededGenerator(seed: 0)
        #expect(r.next() == 0xE220_A839_7B1D_CDAF)
        #expect(r.next() == 0x6E78_9E6A_A1B9_65F4)
        for _ in 0 ..< 1000 {
            let v = r.int(-3, 4)
            #expect(v >= -3 && v <= 4)
            let u = r.unit()
            #expect(u >= 0 && u < 1)
        }
    }
}

import Foundation
