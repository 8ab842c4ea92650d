import Engine
import Pipeline
import Results
import Testing

/// The engine's output must not depend on how many engine or intra-op threads produced it: the study
/// compares the speed of settings that must all give the same answer.
@Suite struct ThreadInvarianceTests {
    static let settings: [(engine: Int, intra: Int)] = [(1, 1), (4, 1), (1, 4), (3, 2), (8, 2)]

    @Test func sameTagsAndScoresForEveryThreadSetting() throws {
        let model = TinyModelFixture.model
        var reference: (tags: [Pipeline.Tag], scores: [SegmentScores])?
        for setting in Self.settings {
            let run = EngineRun(model: model, config: EngineConfig(engineThreads: setting.engine, intraOpThreads: setting.intra))
            let output = run.run(files: [TinyModelFixture.scenePath])
            let file = try #require(output.files.first)
            #expect(file.isOK, "engine \(setting.engine) x intra \(setting.intra): \(file.error ?? "")")
            #expect(output.setups.count == setting.engine)
            #expect(output.setups.allSatisfy { $0.intraOpThreads == setting.intra },
                    "each engine thread must report the intra-op count it set: \(output.setups)")
            #expect(file.segmentScores.count > 10)
            guard let reference else {
                reference = (file.tags, file.segmentScores)
                continue
            }
            #expect(file.tags.map(\.label) == reference.tags.map(\.label), "engine \(setting.engine) x intra \(setting.intra)")
            #expect(OutputDigest.of(file.tags) == OutputDigest.of(reference.tags))
            #expect(file.segmentScores.count == reference.scores.count)
            for (a, b) in zip(file.segmentScores, reference.scores) {
                #expect(a.segmentIndex == b.segmentIndex)
                let worst = zip(a.scores, b.scores).map { abs($0 - $1) }.max() ?? 0
                #expect(worst <= 1e-4, "segment \(a.segmentIndex) differs by \(worst) at engine \(setting.engine) x intra \(setting.intra)")
            }
        }
    }

    @Test func tagsAreOrderedByTimeWhateverTheCompletionOrder() throws {
        let run = EngineRun(model: TinyModelFixture.model, config: EngineConfig(engineThreads: 6, intraOpThreads: 1))
        let output = run.run(files: [TinyModelFixture.scenePath])
        let completion = output.outcomes.map(\.scores.segmentIndex)
        let tags = try #require(output.files.first).tags
        #expect(!tags.isEmpty)
        #expect(tags.map(\.startSeconds) == tags.map(\.startSeconds).sorted())
        // Merged tags never overlap.
        for (a, b) in zip(tags, tags.dropFirst()) { #expect(a.endSeconds <= b.startSeconds + 1e-9) }
        #expect(Set(completion).count == completion.count, "each segment is processed exactly once")
    }

    @Test func shardsPartitionTheSegments() throws {
        var seen: [Int] = []
        for index in 0..<3 {
            let run = EngineRun(model: TinyModelFixture.model, config: EngineConfig(), shard: Shard(index: index, count: 3))
            let file = try #require(run.run(files: [TinyModelFixture.scenePath]).files.first)
            #expect(file.segmentScores.allSatisfy { $0.segmentIndex % 3 == index })
            seen += file.segmentScores.map(\.segmentIndex)
        }
        let all = try #require(EngineRun(model: TinyModelFixture.model, config: EngineConfig())
            .run(files: [TinyModelFixture.scenePath]).files.first)
        #expect(seen.sorted() == all.segmentScores.map(\.segmentIndex))
    }
}
