import Foundation
import Results
import Gate

/// A small table rendered to both Markdown and HTML.
public struct ReportTable: Sendable {
    public struct Cell: Sendable {
        public var text: String
        public var bold = false
    }

    public var title: String
    public var header: [String]
    public var rows: [[Cell]]

    func markdown() -> String {
        func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var lines = ["**\(title)**", "", "| " + header.map(escape).joined(separator: " | ") + " |",
                     "|" + header.map { _ in "---|" }.joined()]
        for row in rows {
            lines.append("| " + row.map { $0.bold ? "**\(escape($0.text))**" : escape($0.text) }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    func html() -> String {
        var out = "<table>\n<caption>\(html: title)</caption>\n<tr>"
        out += header.map { "<th>\(html: $0)</th>" }.joined() + "</tr>\n"
        for row in rows {
            out += "<tr>" + row.map { $0.bold ? "<td><strong>\(html: $0.text)</strong></td>" : "<td>\(html: $0.text)</td>" }
                .joined() + "</tr>\n"
        }
        return out + "</table>"
    }
}

extension DefaultStringInterpolation {
    mutating func appendInterpolation(html text: String) {
        appendLiteral(text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;"))
    }
}

/// The "## Charts" section of RUN_DIR/REPORT.md and the self-contained RUN_DIR/report.html.
public enum ChartReport {
    public static let beginMarker = "<!-- arbench plot: charts begin -->"
    public static let endMarker = "<!-- arbench plot: charts end -->"

    // MARK: - Tables

    static func number(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 100 { return String(format: "%.0f", value) }
        if magnitude >= 10 { return String(format: "%.1f", value) }
        return String(format: "%.2f", value)
    }

    static func spread(_ stats: Stats) -> String {
        stats.count > 1 && stats.min != stats.max
            ? "\(number(stats.median)) (\(number(stats.min))–\(number(stats.max)))" : number(stats.median)
    }

    /// Best cell per allocator by median processing time and by median peak RSS.
    public static func bestCellTables(_ index: RunIndex) -> [ReportTable] {
        // Ranked by what the run is for (processing time offline, p99 under a fixed load, capacity), per
        // allocator within each condition group (quota, load, engine): never across conditions.
        let ranking = index.objective.rankingMetric
        let groups = index.conditionGroups
        let criteria: [(metric: Metric, larger: Bool, title: String)] = [
            (ranking, ranking.polarity == .prefersLarger,
             "Best cell per allocator by \(ranking.label) (median over repetitions)"),
            (.rssPeakMiB, false, "Best cell per allocator by \(Metric.rssPeakMiB.label) (median over repetitions)"),
        ]
        return criteria.compactMap { criterion in
            var rows: [[ReportTable.Cell]] = []
            for group in groups {
                for label in index.allocatorLabels {
                    let best = group.configs.filter { $0.allocatorLabel == label }
                        .compactMap { c in index.stats(criterion.metric, c).map { (c, $0) } }
                        .min { a, b in
                            let (x, y) = criterion.larger ? (-a.1.median, -b.1.median) : (a.1.median, b.1.median)
                            return (x, a.0.engineThreads, a.0.intraOpThreads) < (y, b.0.engineThreads, b.0.intraOpThreads)
                        }
                    guard let (config, _) = best else { continue }
                    let ranked = index.stats(ranking, config)
                    let rss = index.stats(.rssPeakMiB, config)
                    let throughput = index.throughput(config)
                    rows.append((groups.count > 1 ? [.init(text: group.label)] : []) + [
                        .init(text: label),
                        .init(text: index.cellLabel(config.comparable)),
                        .init(text: ranked.map(spread) ?? "–", bold: criterion.metric == ranking),
                        .init(text: rss.map(spread) ?? "–", bold: criterion.metric == .rssPeakMiB),
                        .init(text: throughput.map { number($0.median) + "x" } ?? "–"),
                        .init(text: String(index.rows(config).count)),
                    ])
                }
            }
            guard !rows.isEmpty else { return nil }
            return ReportTable(title: criterion.title,
                               header: (groups.count > 1 ? ["condition"] : []) + ["allocator", "cell", ranking.titleWithUnit,
                                                                                   Metric.rssPeakMiB.titleWithUnit, Metric.throughput.label,
                                                                                   "repetitions"],
                               rows: rows)
        }
    }

    /// Processing time (s) for every engine-thread x intra-op cell, one table per allocator (and variant);
    /// under a load, the objective the run is for instead (p99 latency under load, capacity).
    public static func processingTables(_ index: RunIndex) -> [ReportTable] {
        let metric = index.objective.rankingMetric
        let larger = metric.polarity == .prefersLarger
        return index.panels.compactMap { key in
            let configs = index.configs(in: key)
            let engines = Set(configs.map(\.engineThreads)).sorted()
            let intras = Set(configs.map(\.intraOpThreads)).sorted()
            var cells: [CellAxes: Stats] = [:]
            for c in configs { cells[c] = index.stats(metric, c) }
            guard let best = larger ? cells.values.map(\.median).max() : cells.values.map(\.median).min() else { return nil }
            let rows = engines.map { engine -> [ReportTable.Cell] in
                [.init(text: String(engine))] + intras.map { intra in
                    guard let config = configs.first(where: { $0.engineThreads == engine && $0.intraOpThreads == intra }),
                          let stats = cells[config]
                    else { return .init(text: "–") }
                    return .init(text: spread(stats), bold: stats.median == best)
                }
            }
            let title = metric == .processingSeconds ? "Processing time (s)" : metric.titleWithUnit.prefix(1).uppercased() + metric.titleWithUnit.dropFirst()
            return ReportTable(
                title: "\(title), engine threads x intra-op threads: \(index.panelTitle(key))",
                header: ["engine threads"] + intras.map { "intra-op \($0)" }, rows: rows)
        }
    }

    static func summaryLine(_ index: RunIndex) -> String {
        let m = index.run.meta
        return "Machine: \(m.cpuModel), \(m.cores) cores, \(m.memoryGB) GB, kernel \(m.kernel). "
            + "Commit \(m.gitCommit)\(m.gitDirty ? " (dirty)" : ""). Experiment \(m.experiment). "
            + "\(index.run.rows.count) ok rows, \(index.run.skippedCount) left out; "
            + "cells are medians over repetitions, ranges in brackets are min–max; bold marks the best."
    }

    // MARK: - Markdown

    /// The "## Charts" section for REPORT.md, between markers so a later `arbench plot` replaces it.
    public static func markdown(for outcome: PlotOutcome) -> String {
        let index = outcome.index
        var parts: [String] = [beginMarker, "## Charts", "",
                               "Rendered by `arbench plot` from this run's CSV files. " + summaryLine(index)]
        let missing = outcome.notes + outcome.failures.map { "failed to draw \($0)" }
        if !missing.isEmpty {
            parts.append("\n**Missing or partial:**\n\n" + missing.map { "- \($0)" }.joined(separator: "\n"))
        }
        parts.append("\n### Key tables\n")
        for table in bestCellTables(index) + processingTables(index) { parts.append(table.markdown() + "\n") }
        for chart in outcome.charts {
            parts.append("### \(chart.title)\n\n\(chart.caption)\n")
            if let png = chart.files[.png] {
                parts.append("![\(chart.title)](charts/\(png.lastPathComponent))\n")
            } else if let svg = chart.files[.svg] {
                parts.append("![\(chart.title)](charts/\(svg.lastPathComponent))\n")
            }
        }
        parts.append(endMarker)
        return parts.joined(separator: "\n") + "\n"
    }

    /// REPORT.md without its charts section: what the sweep wrote.
    static func sweepPart(of report: String) -> String {
        guard let begin = report.range(of: beginMarker) else { return report }
        return String(report[..<begin.lowerBound])
    }

    /// `existing` REPORT.md with `section` in place of an earlier charts section, or appended.
    public static func merge(section: String, into existing: String?) -> String {
        merge(section: section, into: existing, begin: beginMarker, end: endMarker)
    }

    /// `existing` with `section` in place of the text between `begin` and `end` (markers included), or appended.
    public static func merge(section: String, into existing: String?, begin beginMarker: String, end endMarker: String) -> String {
        guard var text = existing, !text.isEmpty else { return "# Sweep report\n\n" + section }
        if let begin = text.range(of: beginMarker), let end = text.range(of: endMarker, range: begin.upperBound..<text.endIndex) {
            var upper = end.upperBound
            if upper < text.endIndex, text[upper] == "\n" { upper = text.index(after: upper) }
            text.replaceSubrange(begin.lowerBound..<upper, with: section)
            return text
        }
        if !text.hasSuffix("\n") { text += "\n" }
        return text + "\n" + section
    }

    // MARK: - HTML

    /// A self-contained page: the sweep's own report (REPORT.md before the charts: best cells, summary,
    /// failed cells, output digest) as text, tables, notes and every SVG inline (ids made unique per chart).
    public static func html(for outcome: PlotOutcome, sweepReport: String? = nil) throws -> String {
        let index = outcome.index
        let m = index.run.meta
        var body = "<h1>arbench sweep: \(html: m.experiment)</h1>\n<p>\(html: summaryLine(index))</p>\n"
        let missing = outcome.notes + outcome.failures.map { "failed to draw \($0)" }
        if !missing.isEmpty {
            body += "<h2>Missing or partial</h2>\n<ul>\n" + missing.map { "<li>\(html: $0)</li>" }.joined(separator: "\n") + "\n</ul>\n"
        }
        if let sweepReport, !sweepReport.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            // REPORT.md's Markdown as written (aligned tables read well as text), not a second rendering of it.
            body += "<h2>Sweep report (REPORT.md)</h2>\n<pre>\(html: sweepReport.trimmingCharacters(in: .whitespacesAndNewlines))</pre>\n"
        }
        body += "<h2>Key tables</h2>\n"
        for table in bestCellTables(index) + processingTables(index) { body += table.html() + "\n" }
        body += "<h2>Charts</h2>\n"
        for (n, chart) in outcome.charts.enumerated() {
            body += "<figure id=\"\(html: chart.name)\">\n<h3>\(html: chart.title)</h3>\n"
            if let svg = chart.files[.svg] {
                body += inlineSVG(try String(contentsOf: svg, encoding: .utf8), prefix: "c\(n)-") + "\n"
            } else if let png = chart.files[.png] {
                let data = try Data(contentsOf: png).base64EncodedString()
                body += "<img alt=\"\(html: chart.title)\" src=\"data:image/png;base64,\(data)\">\n"
            }
            body += "<figcaption>\(html: chart.caption)</figcaption>\n</figure>\n"
        }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>arbench sweep: \(html: m.experiment)</title>
        <style>
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1500px; padding: 0 1em; color: #222; }
        table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
        caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        figure { margin: 2em 0; }
        figure svg, figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { color: #555; font-size: 0.9em; }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// The `<svg>` element of a gnuplot SVG file, with its ids prefixed so many can share a page.
    static func inlineSVG(_ text: String, prefix: String) -> String {
        var svg = text
        if let start = svg.range(of: "<svg") { svg = String(svg[start.lowerBound...]) }
        let patterns: [(String, String)] = [
            ("(?<=\\s)id=(['\"])", "id=$1\(prefix)"),
            ("url\\(#", "url(#\(prefix)"),
            ("href=(['\"])#", "href=$1#\(prefix)"),
        ]
        for (pattern, template) in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            svg = regex.stringByReplacingMatches(in: svg, range: NSRange(svg.startIndex..., in: svg),
                                                 withTemplate: template)
        }
        return svg.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Merges the charts section into RUN_DIR/REPORT.md and writes RUN_DIR/report.html (when SVGs exist).
    /// Returns the files written.
    @discardableResult
    public static func write(_ outcome: PlotOutcome) throws -> [URL] {
        let directory = outcome.index.run.directory
        let reportURL = directory.appendingPathComponent("REPORT.md")
        // The sweep's best-cells headline is drawn again too: it follows the run's conditions and objective.
        let rows = ResultsReader.read(path: directory.appendingPathComponent("results.csv").path).rows
        let existing = (try? String(contentsOf: reportURL, encoding: .utf8)).map { BestCells.replacing(in: $0, rows: rows, roles: outcome.index.run.meta.roles) }
        try merge(section: markdown(for: outcome), into: existing)
            .write(to: reportURL, atomically: true, encoding: .utf8)
        var written = [reportURL]
        let htmlURL = directory.appendingPathComponent("report.html")
        try html(for: outcome, sweepReport: existing.map(sweepPart)).write(to: htmlURL, atomically: true, encoding: .utf8)
        written.append(htmlURL)
        return written
    }
}
