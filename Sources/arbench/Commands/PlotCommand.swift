import ArgumentParser
import Foundation
import Report

struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw a sweep run's charts and report from its CSV files (never runs anything).",
        discussion: """
        Reads RUN_DIR/results.csv (ok rows only), RUN_DIR/timeline.csv and RUN_DIR/meta.json and writes \
        RUN_DIR/charts/*.png and *.svg with gnuplot: CPU utilisation and processing time vs engine threads \
        (the post's Figures 3 and 4), RSS over time per allocator (Figure 5), a throughput heat map, \
        per-stage times, involuntary context switches, peak thread count, an allocator comparison, \
        throughput against average RSS with its Pareto front, and RSS growth per hour per allocator. \
        Then merges a "## Charts" section into RUN_DIR/REPORT.md and writes RUN_DIR/report.html with the \
        SVGs inline. Charts a partial run cannot support are skipped with a note saying why.

        Examples:
          arbench plot Results/quick-2024-01-01T12-00-00
          arbench plot RUN_DIR --format svg
        """)

    @Argument(help: "A sweep run directory (holds results.csv).")
    var runDirectory: String

    @Option(help: "Comma-separated image formats: png, svg.")
    var format = "png,svg"

    func validate() throws {
        _ = try formats()
    }

    func formats() throws -> [ChartFormat] {
        let names = format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var out: [ChartFormat] = []
        for name in names where !name.isEmpty {
            guard let f = ChartFormat(rawValue: name) else {
                throw ValidationError("unknown format '\(name)': use png, svg or png,svg")
            }
            if !out.contains(f) { out.append(f) }
        }
        guard !out.isEmpty else { throw ValidationError("--format needs png, svg or png,svg") }
        return out
    }

    func run() throws {
        let directory = URL(fileURLWithPath: runDirectory)
        let outcome: PlotOutcome
        do {
            outcome = try ChartRenderer.render(runDirectory: directory, formats: formats())
        } catch {
            printError("\(error)")
            throw ExitCodes.error
        }
        for chart in outcome.charts {
            let files = ChartFormat.allCases.compactMap { chart.files[$0] }
            print("wrote " + files.map { "charts/\($0.lastPathComponent)" }.joined(separator: ", "))
        }
        for note in outcome.notes { printNote(note) }
        for warning in outcome.warnings { printNote("gnuplot warning: \(warning)") }
        do {
            for url in try ChartReport.write(outcome) { print("wrote \(url.lastPathComponent)") }
        } catch {
            printError("cannot write the report: \(error)")
            throw ExitCodes.error
        }
        if outcome.charts.isEmpty {
            printError("no chart could be drawn from \(runDirectory)")
            throw ExitCodes.error
        }
        if !outcome.failures.isEmpty {
            for failure in outcome.failures { printError("chart not drawn: \(failure)") }
            throw ExitCodes.error
        }
    }
}
