import Engine
import Foundation
import Pipeline
import SceneGen
import Testing
import Results

/// `run --streams`: live streams give the backlog's tags, are never fed ahead of their clock, time each
/// segment from its last sample's arrival, and an engine that cannot keep up is reported, not waited for.
@Suite(.serialized) struct StreamsTests {
    static let secondScene: String = {
        let wav = TinyModelFixture.directory.appendingPathComponent("scene-b.wav").path
        let labels = TinyModelFixture.directory.appendingPathComponent("scene-b.labels.csv").path
        _ = try? SceneGenerator(config: SceneConfig(durationSeconds: 20, seed: 12)).write(audioTo: wav, labelsTo: labels)
        return wav
    }()

    @Test func theClockStaggersStreamsWithinAChunkPeriod() {
        let plan = StreamPlan(streams: 4, pace: 10, chunkSeconds: 0.1)
        #expect(abs(plan.period - 0.01) < 1e-12)
        // Kept up: within a period at real time, within a scheduling slice at high paces.
        #expect(plan.keptUpLagSeconds == 0.02)
        #expect(StreamPlan(streams: 1, pace: 1).keptUpLagSeconds == 0.1)
        #expect(abs(plan.arrival(stream: 0, chunk: 0) - 0.01) < 1e-12)
        #expect(abs(plan.arrival(stream: 2, chunk: 0) - 0.015) < 1e-12)
        #expect(abs(plan.arrival(stream: 3, chunk: 4) - 0.0575) < 1e-12)
        // Stream order within a chunk round is arrival order: the feeder can walk rounds, not sort.
        let round = (0..<4).map { plan.arrival(stream: $0, chunk: 7) }
        #expect(round == round.sorted() && round.last! < plan.arrival(stream: 0, chunk: 8))
        #expect((0..<5).map { plan.file(ofStream: $0, files: 2) } == [0, 1, 0, 1, 0])
    }

    /// Two streams over two files at 50x: each stream's tags are the backlog's tags of its file.
    @Test func streamedTagsEqualTheBacklogs() {
        let files = [TinyModelFixture.scenePath, Self.secondScene]
        let engine = EngineRun(model: TinyModelFixture.model, config: EngineConfig(engineThreads: 2))
        let offline = engine.run(files: files)
        let streamed = engine.run(streams: StreamPlan(streams: 2, pace: 50), files: files)
        let summary = streamed.streams
        #expect(summary?.overloaded == false)
        #expect(summary?.notFedSeconds == 0)
        #expect(streamed.files.map(\.isOK) == [true, true])
        #expect(streamed.files.map { OutputDigest.of($0.tags) } == offline.files.map { OutputDigest.of($0.tags) })
        #expect(streamed.files.map(\.segmentScores.count) == offline.files.map(\.segmentScores.count))
        #expect(abs((summary?.fedSeconds ?? 0) - 80) < 0.1)
        // A third stream plays the first file again.
        let three = engine.run(streams: StreamPlan(streams: 3, pace: 50), files: files)
        #expect(OutputDigest.of(three.files[2].tags) == OutputDigest.of(offline.files[0].tags))
    }

    /// Every segment is queued no earlier than its last sample's arrival, which is the stream's clock for
    /// the chunk holding that sample (one start for all), and its latency covers at least its processing.
    @Test func neverAheadOfTheClockAndLatencyFromArrival() throws {
        let engine = EngineRun(model: TinyModelFixture.model, config: EngineConfig(engineThreads: 1))
        let plan = StreamPlan(streams: 2, pace: 40, chunkSeconds: 0.1)
        let output = engine.run(streams: plan, files: [Self.secondScene])
        #expect(output.outcomes.count > 10)
        var starts: [Double] = []
        for outcome in output.outcomes {
            #expect(outcome.completedAt >= outcome.arrivedAt)
            #expect(outcome.latencyNanoseconds >= outcome.processingNanoseconds)
            #expect(outcome.endToEndNanoseconds <= outcome.latencyNanoseconds)
            let lastSample = Int((outcome.scores.endSeconds * 16_000).rounded()) - 1
            let due = plan.arrival(stream: outcome.fileIndex, chunk: lastSample / 1_600)
            starts.append(Double(outcome.arrivedAt) / 1e9 - due)
        }
        #expect(starts.max()! - starts.min()! < 1e-5, "arrivals do not follow the clock: \(starts.max()! - starts.min()!) s apart")
        let summary = try #require(output.streams)
        #expect(summary.latency.count == output.outcomes.count)
        #expect(summary.latency.p99Ms >= summary.latencyP90Ms && summary.latencyP90Ms >= summary.latency.p50Ms)
        #expect(summary.windows.reduce(0) { $0 + $1.segments } == output.outcomes.count)
    }

    /// 40 streams at 2000x on one engine thread cannot be carried: the feeder falls 0.2 s behind, stops,
    /// says so and what it did not feed; the run ends in seconds rather than after all the audio.
    @Test func anEngineThatCannotKeepUpIsReportedOverloaded() throws {
        let engine = EngineRun(model: TinyModelFixture.model, config: EngineConfig(engineThreads: 1))
        let plan = StreamPlan(streams: 40, pace: 2000, chunkSeconds: 0.1, maxLagSeconds: 0.2)
        let output = engine.run(streams: plan, files: [TinyModelFixture.scenePath])
        let summary = try #require(output.streams)
        #expect(summary.overloaded)
        #expect(!summary.keptUp)
        #expect(summary.notFedSeconds > 0)
        #expect(summary.fedSeconds + summary.notFedSeconds > 40 * 59)
        #expect(summary.maxFeedLagMs > 200)
        #expect(summary.windows.allSatisfy { $0.queueDepthMax <= summary.queueCapacity })
    }
}
