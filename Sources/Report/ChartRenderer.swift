import Foundation

/// A chart written to disk.
public struct RenderedChart: Sendable {
    public var name: String
    public var title: String
    public var caption: String
    /// Absolute file per format written.
    public var files: [ChartFormat: URL]
}

/// What `arbench plot` did to a run directory.
public struct PlotOutcome: Sendable {
    public var index: RunIndex
    public var chartsDirectory: URL
    public var charts: [RenderedChart] = []
    /// What the run lacks and which charts were skipped because of it.
    public var notes: [String] = []
    /// Charts gnuplot failed to draw (with its reason).
    public var failures: [String] = []
    /// gnuplot warnings on charts that were drawn.
    public var warnings: [String] = []
}

/// Renders a run directory's charts into RUN_DIR/charts from its CSVs; never runs anything else.
public enum ChartRenderer {
    public static func render(runDirectory: URL, formats: [ChartFormat] = [.png, .svg]) throws -> PlotOutcome {
        let run = try RunData.load(from: runDirectory)
        return try render(RunIndex(run), formats: formats)
    }

    public static func render(_ index: RunIndex, formats: [ChartFormat]) throws -> PlotOutcome {
        let chartsDirectory = index.run.directory.appendingPathComponent("charts")
        try FileManager.default.createDirectory(at: chartsDirectory, withIntermediateDirectories: true)
        let planning = ChartPlanner.plan(index)
        var outcome = PlotOutcome(index: index, chartsDirectory: chartsDirectory, notes: planning.notes)
        for plan in planning.plans {
            var files: [ChartFormat: URL] = [:]
            for format in formats {
                let url = chartsDirectory.appendingPathComponent("\(plan.name).\(format.rawValue)")
                do {
                    let warnings = try GnuplotRenderer.render(plan.figure, format: format, to: url.path)
                    if !warnings.isEmpty { outcome.warnings.append("\(plan.name).\(format.rawValue): \(warnings)") }
                    files[format] = url
                } catch {
                    outcome.failures.append("\(plan.name).\(format.rawValue): \(error)")
                }
            }
            if !files.isEmpty {
                outcome.charts.append(RenderedChart(name: plan.name, title: plan.figure.title, caption: plan.caption,
                                                    files: files))
            }
        }
        return outcome
    }
}
