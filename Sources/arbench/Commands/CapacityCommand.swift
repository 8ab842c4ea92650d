import ArgumentParser
import Foundation
import Gate
import Report
import Results
import SceneGen
import Sweep
import Training

struct CapacityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capacity",
        abstract: "How many live streams one setting carries with p99 latency within a bound.",
        discussion: """
        Each load is one child `arbench run AUDIO --streams K --pace P --latency-bound B` (a fresh process with the \
        setting's allocator and threads, as a sweep cell). A load passes when the run kept up with its clock and, \
        by LoadGen's early-stopping rule, fewer than 1% of its segments exceed the bound at 99% confidence (a \
        binomial test: with none over, 459 segments suffice; too few segments is not a pass). The search tries \
        1, 2, 4, ... streams until one fails, then halves the gap; the capacity is the largest load that passed, \
        with its p99 and the p99 one stream above it as evidence. Capacity 0 (one stream already fails) is a \
        result, exit 0.

        --pace 10 plays the audio ten times faster than real time: a load of K streams at pace 10 offers the \
        engine the audio of 10K real-time streams per second (equivalent load, and ten times quicker to measure); \
        latency is still wall time, so a bound means what it says only at pace 1.

        Exit codes: 0 a capacity (0 included); 5 model or runtime refused; 6 a run failed (its probe is not a \
        pass); 64 bad option; 130 interrupted; 1 other errors.

        Examples:
          arbench capacity scene.wav --p99 300ms
          arbench capacity scene.wav --p99 300ms --engine-threads 2 \\
            --allocator jemalloc --pace 10
          arbench capacity a.wav b.wav --p99 1s --libtorch pypi --max-streams 64 \\
            --format json
        """)

    @Argument(help: "Audio files the streams play (round robin).")
    var audio: [String]

    @Option(name: .customLong("p99"), help: ArgumentHelp("The latency bound the 99th percentile must meet (e.g. 300ms, 1s).", valueName: "TIME"))
    var p99: String

    @Option(help: "TorchScript model file, or a built-in preset: tiny, base, large.")
    var model = "base"

    @Option(name: .customLong("engine-threads"), help: "Engine threads sharing the model.")
    var engineThreads = 1

    @Option(name: .customLong("intra-op-threads"), help: ArgumentHelp("Intra-op threads per engine thread, or `default`.", valueName: "n"))
    var intraOpThreadsText = "1"

    @Option(name: .customLong("inter-op-threads"), help: "LibTorch inter-op threads.")
    var interOpThreads = 1

    @Option(help: ArgumentHelp("Allocator: \(AllocatorSetting.knownNames).", valueName: "name"))
    var allocator: AllocatorSetting = AllocatorSetting(kind: .glibc)

    @OptionGroup var libtorch: LibTorchOption

    @Option(help: "Times real time the streams play at (see above).")
    var pace: Double = 1

    @Option(name: .customLong("max-streams"), help: "Stop searching at this many streams (the capacity is then at least this).")
    var maxStreams = 256

    @Option(help: ArgumentHelp("Where the loads' metrics and logs, capacity.json and the latency-against-load chart go (default: a temporary directory).", valueName: "DIR"))
    var out: String?

    @Option(help: ArgumentHelp("A load still running after this is killed and fails (e.g. 30m).", valueName: "DURATION"))
    var timeout = "60m"

    @Option(help: "Output format: text, markdown or json.")
    var format: ReportFormat = .text

    func validate() throws {
        guard engineThreads >= 1, interOpThreads >= 1 else { throw ValidationError("thread counts are at least 1") }
        guard IntraOpThreads.parse(intraOpThreadsText) != nil else {
            throw ValidationError("--intra-op-threads \(intraOpThreadsText): a count of at least 1, or default")
        }
        guard pace > 0, pace.isFinite else { throw ValidationError("--pace \(pace): a speed-up above 0 (1 = real time)") }
        guard maxStreams >= 1 else { throw ValidationError("--max-streams \(maxStreams): at least 1") }
        guard ((try? DurationParser.seconds(timeout)) ?? 0) > 0 else { throw ValidationError("--timeout \(timeout): a duration such as 30m") }
    }

    func run() throws {
        let bound: AdviceConstraint
        do {
            bound = try AdviceConstraint.make(.latencyP99Ms, .atMost, p99, given: "--p99 \(p99)")
        } catch {
            printError(error.description)
            throw ExitCodes.usage
        }
        guard bound.value > 0 else {
            printError("--p99 \(p99): a bound above 0")
            throw ExitCodes.usage
        }
        for path in audio where !FileManager.default.isReadableFile(atPath: path) {
            printError("\(path): no such readable file")
            throw ExitCodes.inputsRefused
        }
        let modelPath = try resolveModel(model)
        let directory = out ?? NSTemporaryDirectory() + "arbench-capacity-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let cell = Cell(engineThreads: engineThreads, intraOpThreads: IntraOpThreads.parse(intraOpThreadsText)!,
                        interOpThreads: interOpThreads, allocator: allocator, libtorch: libtorch.runtime)
        let capacity = CapacityRun(
            launcher: CellLauncher(command: .arbenchRun(executable: OwnExecutable.path)), modelPath: modelPath, audioPaths: audio,
            setting: CapacitySetting(p99Ms: bound.value, maxStreams: maxStreams), timeoutSeconds: try DurationParser.seconds(timeout),
            sampleIntervalMs: 500, paths: { k in ("\(directory)/streams-\(k).json", "\(directory)/streams-\(k).log") },
            log: { line in
                if line.hasPrefix("    ") { printNote(line) } else { printError(line) }
            })
        let search = capacity.search
        printNote("capacity of \(cell.axes.label) at p99 <= \(NumberText.adaptive(bound.value)) ms, pace \(String(format: "%g", pace)); loads in \(directory)")
        let result = try Interruptible.run(stopping: "the running load was killed", resume: "run the command again") {
            try capacity.run(CellRun(cell: cell, repetition: 1), pace: pace)
        }
        let outcome = result.search
        let failedRuns = result.failedRuns.count
        let document = CapacityDocument.make(outcome, setting: cell.axes.label, boundMs: bound.value, pace: pace, rule: search.rule)
        print(try format.render(document) { try JSONReport.encode(outcome) }, terminator: "")
        // The evidence stays with the loads' metrics: capacity.json and the latency-against-load chart.
        do {
            try AtomicFile.write(try JSONReport.encode(outcome), to: "\(directory)/capacity.json")
            if let plan = CapacityChart.plan(outcome, setting: cell.axes.label, boundMs: bound.value, pace: pace) {
                let written = try plan.write(into: URL(fileURLWithPath: directory), formats: [.png, .svg])
                written.warnings.forEach { printNote("gnuplot warning: \($0)") }
            }
            printNote("\(directory): capacity.json, charts/\(CapacityChart.name).png/.svg, each load's metrics and log")
        } catch {
            printError("cannot write into \(directory): \(error)")
            throw ExitCodes.error
        }
        if failedRuns > 0 { throw ExitCodes.sweepIncomplete }
    }
}
