import Foundation
import Gate
import Results

/// `advise --report` (and every `tune`): the advice as a section of RUN_DIR/REPORT.md, between its own
/// markers so `arbench plot` and a second `advise --report` replace only their own part, and its chart
/// in RUN_DIR/charts.
public enum AdviceReport {
    public static let beginMarker = "<!-- arbench advise: begin -->"
    public static let endMarker = "<!-- arbench advise: end -->"

    /// Writes the chart (each format) and merges the section; returns the files written and gnuplot's warnings.
    /// With `conditions` (a run of several condition groups) the section opens with the pick per condition;
    /// `advice` and `run` are then the group drawn.
    public static func write(_ advice: Advice, run: RunResults, conditions: ConditionAdvice? = nil,
                             formats: [ChartFormat] = [.png, .svg]) throws -> (files: [URL], warnings: [String]) {
        let directory = URL(fileURLWithPath: RunLoader.directory(of: run.source))
        var files: [URL] = []
        var warnings: [String] = []
        var lines = [beginMarker, "## Advice", ""]
        if let conditions, conditions.groups.count > 1, let group = conditions.groups.first(where: { $0.advice.pick?.cellID == advice.pick?.cellID }) ?? conditions.groups.first {
            lines += [MarkdownRenderer.render(ConditionAdviceDocument.make(conditions)), "",
                      "### \(group.label) (`\(group.whereOptions)`)", ""]
        }
        if let plan = AdviceChart.plan(advice, run: run) {
            (files, warnings) = try plan.write(into: directory, formats: formats)
            let image = formats.contains(.png) ? "png" : formats.first?.rawValue ?? "png"
            lines += ["![\(plan.figure.title)](charts/\(plan.name).\(image))", "", plan.caption, ""]
        }
        lines += [MarkdownRenderer.render(AdviceDocument.make(advice)), endMarker]
        let reportURL = directory.appendingPathComponent("REPORT.md")
        let existing = try? String(contentsOf: reportURL, encoding: .utf8)
        let merged = ChartReport.merge(section: lines.joined(separator: "\n") + "\n", into: existing, begin: beginMarker, end: endMarker)
        try AtomicFile.write(merged, to: reportURL.path)
        files.append(reportURL)
        return (files, warnings)
    }
}
