import Foundation
import Testing
@testable import Pipeline

@Suite("Log-mel extraction: framing, layout, threads")
struct LogMelTests {
    @Test("frame count: no centring, one zero-padded frame for short input")
    func frameCount() {
        let config = LogMelConfig.standard
        #expect(config.windowLength == 400 && config.hopLength == 160)
        #expect(config.frameCount(forSamples: 0) == 1)
        #expect(config.frameCount(forSamples: 399) == 1)
        #expect(config.frameCount(forSamples: 400) == 1)
        #expect(config.frameCount(forSamples: 559) == 1)
        #expect(config.frameCount(forSamples: 560) == 2)
        #expect(config.frameCount(forSamples: 16_000) == 98)
    }

    @Test("filterbank shape: HTK triangles peaking at 1, every band non-empty")
    func filterbankShape() {
        let bank = MelFilterbank(config: .standard)
        #expect(bank.weights.count == 64)
        #expect(bank.weights.allSatisfy { $0.count == 257 })
        for (row, range) in zip(bank.weights, bank.nonZeroBins) {
            #expect(!range.isEmpty)
            #expect((row.max() ?? 0) <= 1)
            #expect(row.indices.allSatisfy { range.contains($0) || row[$0] == 0 })
        }
    }

    @Test("silence sits at the log floor, short input gives one finite frame")
    func silenceAndShortInput() {
        let extractor = LogMelExtractor(plan: LogMelPlan())
        let silence = extractor.extract([Float](repeating: 0, count: 1_600))
        #expect(silence.frames == 8)
        #expect(silence.values.allSatisfy { $0 == log(Float(1e-6)) })
        let short = extractor.extract(Signals.sine(frequency: 440, amplitude: 0.5, seconds: 0.01, sampleRate: 16_000))
        #expect(short.frames == 1 && short.values.count == 64)
        #expect(short.values.allSatisfy { $0.isFinite })
    }

    @Test("values are row-major [mel][frame] and a reused extractor keeps no state")
    func layoutAndReuse() {
        let extractor = LogMelExtractor(plan: LogMelPlan())
        let loud = Signals.sine(frequency: 2_000, amplitude: 0.8, seconds: 0.2, sampleRate: 16_000)
        let quiet = Signals.noise(rms: 0.01, count: 3_000)
        let first = extractor.extract(quiet)
        _ = extractor.extract(loud)
        let again = extractor.extract(quiet)
        #expect(first.values == again.values)
        // A signal that starts silent and turns on: in each band, early frames are quieter than late ones.
        let stepped = [Float](repeating: 0, count: 1_600) + loud
        let features = extractor.extract(stepped)
        #expect(features.values.count == features.mels * features.frames)
        #expect(features.values[0] == features[0, 0] && features.values[1] == features[0, 1])
        #expect(features[40, 0] < features[40, features.frames - 1])
    }

    @Test("four threads with their own extractors on one shared plan give identical results")
    func concurrentExtraction() {
        let plan = LogMelPlan()
        let signal = Signals.noise(rms: 0.1, count: 48_000, seed: 11)
        let expected = LogMelExtractor(plan: plan).extract(signal).values
        let results = ResultBox()
        let done = DispatchSemaphore(value: 0)
        for _ in 0 ..< 4 {
            let thread = Thread {
                let extractor = LogMelExtractor(plan: plan)
                for _ in 0 ..< 10 { results.append(extractor.extract(signal).values) }
                done.signal()
            }
            thread.start()
        }
        for _ in 0 ..< 4 { done.wait() }
        let all = results.values
        #expect(all.count == 40)
        #expect(all.allSatisfy { $0 == expected })
    }

    @Test("plans can be made from many threads at once (planner lock)")
    func concurrentPlanning() {
        let results = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let signal = Signals.noise(rms: 0.1, count: 4_000, seed: 5)
        for index in 0 ..< 8 {
            Thread {
                // Alternate sizes so the planner really does different work concurrently.
                let config = LogMelConfig(fftSize: index.isMultiple(of: 2) ? 512 : 1_024)
                let plan = LogMelPlan(config: config)
                results.append(LogMelExtractor(plan: plan).extract(signal).values)
                done.signal()
            }.start()
        }
        for _ in 0 ..< 8 { done.wait() }
        #expect(results.values.count == 8)
    }
}

/// Collects results from worker threads.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [[Float]] = []

    func append(_ value: [Float]) { lock.withLock { stored.append(value) } }
    var values: [[Float]] { lock.withLock { stored } }
}
