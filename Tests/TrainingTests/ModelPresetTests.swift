import Foundation
import Pipeline
import SceneGen
import Testing
import Training

@Suite struct ModelPresetTests {
    @Test func presetsSpanCompute() {
        let base = ModelPreset.base.flopsPerAudioSecond(mels: 64)
        #expect(ModelPreset.tiny.flopsPerAudioSecond(mels: 64) < base)
        #expect(ModelPreset.large.flopsPerAudioSecond(mels: 64) >= 5 * base, "large must be at least 5x base")
        #expect(ModelPreset.base.minFrames == 8)
    }

    @Test func presetReferencesParse() {
        #expect(ModelCatalog.presetReference("base")?.preset == .base)
        #expect(ModelCatalog.presetReference("large@7")?.seed == 7)
        #expect(ModelCatalog.presetReference("large@x") == nil)
        #expect(ModelCatalog.presetReference("huge") == nil)
        #expect(throws: ModelBuildError.self) { try ModelCatalog.resolve("huge") }
    }

    @Test func builtModelCarriesItsMetadataAndLearnsTheClasses() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("arbench-training-\(getpid()).pt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let built = try ModelBuilder(preset: .tiny, seed: 3).build(to: path)
        let model = try TorchModel(path: path)
        #expect(model.metadataSource == "embedded")
        #expect(model.metadata == built)
        #expect(model.metadata.classes == SoundClass.allCases.map(\.rawValue))
        #expect(model.metadata.buildCommand == "arbench model build --preset tiny --seed 3")
        // Better than chance (1/6) on the data it saw: training did something.
        #expect((built.trainingAccuracy ?? 0) > 0.3)
    }

    @Test func evaluationCountsDominantEventsOnly() {
        var evaluation = SegmentEvaluation(classes: ["speech", "music"])
        let truth = [SceneEvent(start: 0, end: 2, soundClass: .speech), SceneEvent(start: 3, end: 5, soundClass: .music)]
        let scores = [
            SegmentScores(segmentIndex: 0, startSeconds: 0.1, endSeconds: 1.9, scores: [0.9, 0.1]),  // right
            SegmentScores(segmentIndex: 1, startSeconds: 3.0, endSeconds: 4.0, scores: [0.8, 0.2]),  // wrong
            SegmentScores(segmentIndex: 2, startSeconds: 2.0, endSeconds: 3.0, scores: [0.5, 0.5]),  // silence
        ]
        evaluation.add(scores: scores, truth: truth, tagger: Tagger(classes: ["speech", "music"]), sampleRate: 16_000)
        #expect(evaluation.total == 2)
        #expect(evaluation.correct == 1)
        #expect(evaluation.skipped == 1)
        #expect(evaluation.confusionTable.contains("speech"))
    }
}
