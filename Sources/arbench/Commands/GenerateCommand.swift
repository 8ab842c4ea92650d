import ArgumentParser
import Foundation
import SceneGen
import Results

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a deterministic synthetic scene (16 kHz mono WAV) and its ground-truth labels.",
        discussion: """
        Sound events of \(SoundClass.allCases.count) classes (\(SoundClass.allCases.map(\.rawValue).joined(separator: ", "))) of \
        0.5-4 s with quiet gaps between them. The same seed and duration give the same file on every \
        machine. Written in chunks (memory stays small for hours of audio) and renamed into place.

        Examples:
          arbench generate --duration 10m --seed 1 --out scene.wav
          arbench generate --duration 2h --seed 7 --out long.wav \\
            --labels long.truth.csv
        """)

    @Option(help: "Length: 90, 90s, 35m, 2h, 1h30m.")
    var duration: String

    @Option(help: "Seed of the scene.")
    var seed: UInt64 = 1

    @Option(help: "Output WAV path.")
    var out: String

    @Option(help: "Ground-truth CSV (start_s,end_s,class); default: OUT with .labels.csv.")
    var labels: String?

    @Flag(help: "Write 32-bit float samples instead of 16-bit PCM.")
    var float = false

    func run() throws {
        let seconds: Double
        do {
            seconds = try DurationParser.seconds(duration)
        } catch {
            printError("--duration: \(error)")
            throw ExitCodes.usage
        }
        let labelsPath = labels ?? Self.defaultLabelsPath(for: out)
        // Before any work: a scene of hours must not be generated to then fail on its file name.
        for (flag, path) in [("--out", out), ("--labels", labelsPath)] {
            if let problem = OutputPath.problem(path) {
                printError("\(flag): \(problem)")
                throw ExitCodes.usage
            }
        }
        let start = Date()
        do {
            let events = try SceneGenerator(config: SceneConfig(durationSeconds: seconds, seed: seed))
                .write(audioTo: out, labelsTo: labelsPath, float: float)
            printNote("wrote \(out) (\(String(format: "%.0f", seconds)) s, \(events.count) events) and \(labelsPath) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
        } catch {
            printError("\(error)")
            throw ExitCodes.error
        }
    }

    static func defaultLabelsPath(for audio: String) -> String {
        let url = URL(fileURLWithPath: audio)
        return url.deletingPathExtension().path + ".labels.csv"
    }
}
