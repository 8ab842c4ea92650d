import Foundation
import Testing
@testable import Pipeline

@Suite("Log-mel features against an independent numpy reference")
struct LogMelReferenceTests {
    /// 0.5 s of a 1 kHz sine at amplitude 0.5 plus a 3 kHz sine at amplitude 0.25.
    static let signal: [Float] = zip(
        Signals.sine(frequency: 1_000, amplitude: 0.5, seconds: 0.5, sampleRate: 16_000),
        Signals.sine(frequency: 3_000, amplitude: 0.25, seconds: 0.5, sampleRate: 16_000)
    ).map { $0 + $1 }

    @Test("filterbank within 1e-5 and log-mel within 1e-3 (where mel energy > 1e-6) of numpy")
    func matchesNumpy() throws {
        let directory = try TemporaryDirectory()
        let plan = LogMelPlan()
        let reference = try NumpyReference.compute(signal: Self.signal, config: plan.config, workDirectory: directory)

        // Filterbank: float32 storage of a float64 computation, so 1e-5 absolute.
        let config = plan.config
        try #require(reference.filterbank.count == config.mels)
        var filterbankError = 0.0
        for (ours, theirs) in zip(plan.filterbank.weights, reference.filterbank) {
            try #require(ours.count == theirs.count)
            for (a, b) in zip(ours, theirs) { filterbankError = max(filterbankError, abs(Double(a) - b)) }
        }
        #expect(filterbankError < 1e-5, "filterbank max abs diff \(filterbankError)")

        // Log-mel: FFTW single precision against numpy double; compared only where the reference mel energy
        // exceeds 1e-6, because below that float32 rounding noise dominates the log.
        let features = LogMelExtractor(plan: plan).extract(Self.signal)
        #expect(features.frames == 48)
        try #require(reference.logmel.count == features.mels && reference.logmel[0].count == features.frames)
        var logMelError = 0.0
        var compared = 0
        for mel in 0 ..< features.mels {
            for frame in 0 ..< features.frames where reference.mel[mel][frame] > 1e-6 {
                logMelError = max(logMelError, abs(Double(features[mel, frame]) - reference.logmel[mel][frame]))
                compared += 1
            }
        }
        #expect(compared > features.mels * features.frames / 2, "only \(compared) values above the energy floor")
        #expect(logMelError < 1e-3, "log-mel max abs diff \(logMelError) over \(compared) values")
    }

    @Test("the loudest bands are the ones holding 1 kHz and 3 kHz")
    func peaksWhereTheSinesAre() {
        let plan = LogMelPlan()
        let features = LogMelExtractor(plan: plan).extract(Self.signal)
        let frame = features.frames / 2
        let column = (0 ..< features.mels).map { features[$0, frame] }
        let loudest = column.indices.max { column[$0] < column[$1] } ?? -1
        let binOf1k = 1_000 * plan.config.fftSize / plan.config.sampleRate
        let binOf3k = 3_000 * plan.config.fftSize / plan.config.sampleRate
        let bandOf1k = plan.filterbank.weights.indices.max { plan.filterbank.weights[$0][binOf1k] < plan.filterbank.weights[$1][binOf1k] }
        let bandOf3k = plan.filterbank.weights.indices.max { plan.filterbank.weights[$0][binOf3k] < plan.filterbank.weights[$1][binOf3k] }
        #expect(loudest == bandOf1k)
        if let bandOf3k {
            // The quieter sine still stands far above its neighbours' leakage.
            #expect(column[bandOf3k] > column[bandOf3k - 4] + 5)
        }
    }
}
