import ArgumentParser
import Engine
import Foundation
import Pipeline
import SceneGen
import Training

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Segment-level accuracy and confusion matrix of a model against ground-truth labels.",
        discussion: """
        Each segment mostly covered by one labelled event counts once; the model's tag (with the unknown \
        threshold) must equal the event's class.

        Examples:
          arbench generate --duration 10m --seed 42 --out eval.wav
          arbench evaluate eval.wav --labels eval.labels.csv --model base
        """)

    @Argument(help: "Audio file.")
    var audio: String

    @Option(help: "Ground-truth CSV: start_s,end_s,class.")
    var labels: String

    @Option(help: "Model file or preset.")
    var model = "base"

    @Option(help: "Engine threads.")
    var engineThreads = 2

    @Option(help: "Fail (exit 2) when accuracy is below this fraction.")
    var minAccuracy: Double?

    func run() throws {
        let truth: [SceneEvent]
        do {
            truth = try GroundTruth.read(csvPath: labels)
        } catch {
            printError("\(error)")
            throw ExitCodes.inputsRefused
        }
        let loaded = try loadModel(model)
        let engine = EngineRun(model: loaded, config: EngineConfig(engineThreads: engineThreads))
        let output = engine.run(files: [audio])
        guard let file = output.files.first, file.isOK else {
            printError(output.files.first?.error ?? "\(audio): failed")
            throw ExitCodes.inputsRefused
        }
        var evaluation = SegmentEvaluation(classes: loaded.metadata.classes)
        evaluation.add(scores: file.segmentScores, truth: truth, tagger: engine.tagger, sampleRate: loaded.metadata.sampleRate)
        print("segments: \(evaluation.total) scored, \(evaluation.skipped) without a dominant event")
        print(String(format: "accuracy: %.2f%% (%d/%d)", evaluation.accuracy * 100, evaluation.correct, evaluation.total))
        print(evaluation.confusionTable)
        if let minAccuracy, evaluation.accuracy < minAccuracy { throw ExitCodes.regression }
    }
}
