import Engine
import Foundation
import Pipeline
import Testing
import Results

/// `run --rate`: Poisson requests give the backlog's tags, arrive on a seeded exponential schedule, time a
/// request from its arrival to its last segment, and an engine that cannot keep up is reported.
@Suite(.serialized) struct RequestsTests {
    /// The schedule: seeded (same plan, same times), increasing, and its mean gap 1/rate within the
    /// sampling error of 4000 exponential gaps (standard error 1.6%; 6% is ~4 of them).
    @Test func arrivalsArePoissonAtTheRate() {
        let plan = RequestPlan(rate: 50, seed: 7)
        let times = plan.arrivals(count: 4000)
        #expect(times == RequestPlan(rate: 50, seed: 7).arrivals(count: 4000))
        #expect(times != RequestPlan(rate: 50, seed: 8).arrivals(count: 4000))
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 < $1 })
        let meanGap = times.last! / Double(times.count)
        #expect(abs(meanGap - 0.02) / 0.02 < 0.06, "mean gap \(meanGap)")
        // Exponential gaps: their standard deviation equals their mean (a fixed-rate clock's would be 0).
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
        let sd = (gaps.map { ($0 - meanGap) * ($0 - meanGap) }.reduce(0, +) / Double(gaps.count)).squareRoot()
        #expect(abs(sd - meanGap) / meanGap < 0.1, "sd \(sd) vs mean \(meanGap)")
        #expect(RequestPlan(rate: 1, requestSeconds: 2).piece(startSample: 16_000 * 5, sampleRate: 16_000) == 2)
        #expect(RequestPlan(rate: 1).piece(startSample: 16_000 * 5, sampleRate: 16_000) == 0)
    }

    /// Whole files and 2-second pieces: the tags are the backlog's, every request is timed from its
    /// arrival (never less than the processing of its last segment), and the audio is all sent.
    @Test(arguments: [0.0, 2.0])
    func requestsGiveTheBacklogsTags(requestSeconds: Double) throws {
        let files = [TinyModelFixture.scenePath]
        let engine = EngineRun(model: TinyModelFixture.model, config: EngineConfig(engineThreads: 2))
        let offline = engine.run(files: files)
        let output = engine.run(requests: RequestPlan(rate: 40, requestSeconds: requestSeconds), files: files)
        let summary = try #require(output.requests)
        #expect(output.files.map { OutputDigest.of($0.tags) } == offline.files.map { OutputDigest.of($0.tags) })
        #expect(!summary.overloaded)
        #expect(summary.sent == summary.requests && summary.notSentSeconds == 0)
        #expect(abs(summary.sentSeconds - offline.files[0].audioSeconds) < 0.01)
        #expect(summary.requests == (requestSeconds == 0 ? 1 : Int((offline.files[0].audioSeconds / requestSeconds).rounded(.up))))
        #expect(summary.latency.count + summary.empty == summary.sent)
        #expect(summary.segmentLatency.count == offline.outcomes.count)
        #expect(summary.latency.maxMs >= summary.segmentLatency.p50Ms)
        #expect(output.outcomes.allSatisfy { $0.latencyNanoseconds >= $0.processingNanoseconds })
    }

    /// 40 copies of the scene as whole-file requests at 100000 per second arrive within half a millisecond:
    /// their ~1000 segments take one engine thread seconds on any machine, so the sender, held back by the
    /// full queue, falls 0.2 s behind, stops, and counts what it did not send.
    @Test func anEngineThatCannotKeepUpIsReportedOverloaded() throws {
        let engine = EngineRun(model: TinyModelFixture.model, config: EngineConfig(engineThreads: 1))
        let output = engine.run(requests: RequestPlan(rate: 100_000, maxLagSeconds: 0.2),
                                files: Array(repeating: TinyModelFixture.scenePath, count: 40))
        let summary = try #require(output.requests)
        #expect(summary.overloaded && !summary.keptUp)
        #expect(summary.sent < summary.requests)
        #expect(summary.notSentSeconds > 0)
        #expect(summary.maxSendLagMs > 200)
    }
}
