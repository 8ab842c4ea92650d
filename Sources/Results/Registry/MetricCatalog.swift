import Foundation

/// The registry as people and tools read it: `arbench metrics` prints it, the README's column table is
/// this Markdown (a test keeps them equal), and `check --help` names the comparable columns from it.
public enum MetricCatalog {
    public enum Format: String, Sendable, CaseIterable {
        case text, markdown, csv, json
    }

    public static func render(_ format: Format, metrics: [Metric] = Metric.all) -> String {
        switch format {
        case .text: text(metrics)
        case .markdown: markdown(metrics)
        case .csv: csv(metrics)
        case .json: json(metrics)
        }
    }

    /// "lower is better", "higher is better", or "" for neither.
    public static func direction(_ polarity: Polarity) -> String {
        switch polarity {
        case .prefersSmaller: "lower is better"
        case .prefersLarger: "higher is better"
        case .neither: ""
        }
    }

    /// One line per column: `processing_s  s, lower is better, measured: the child's processing time ...`.
    static func text(_ metrics: [Metric]) -> String {
        let width = metrics.map(\.column.count).max() ?? 0
        return metrics.map { m in
            let facts = [m.unit.symbol, direction(m.polarity), m.kind.rawValue].filter { !$0.isEmpty }.joined(separator: ", ")
            return m.column.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + facts + ": " + m.meaning
        }.joined(separator: "\n") + "\n"
    }

    static func markdown(_ metrics: [Metric]) -> String {
        var out = "| column | unit | better | kind | meaning |\n|---|---|---|---|---|\n"
        for m in metrics {
            let better = m.polarity == .prefersSmaller ? "lower" : m.polarity == .prefersLarger ? "higher" : ""
            out += "| `\(m.column)` | \(m.unit.symbol) | \(better) | \(m.kind.rawValue) | \(m.meaning.replacingOccurrences(of: "|", with: "\\|")) |\n"
        }
        out += "\ntimeline.csv, one row per /proc sample of every run:\n\n| column | meaning |\n|---|---|\n"
        for (column, meaning) in TimelineFile.described { out += "| `\(column)` | \(meaning) |\n" }
        return out
    }

    static func csv(_ metrics: [Metric]) -> String {
        var out = CSVText.line(["column", "unit", "polarity", "kind", "label", "meaning"]) + "\n"
        for m in metrics {
            out += CSVText.line([m.column, m.unit.symbol, m.polarity.rawValue, m.kind.rawValue, m.label, m.meaning]) + "\n"
        }
        return out
    }

    static func json(_ metrics: [Metric]) -> String {
        struct Entry: Encodable {
            var column, unit, polarity, kind, label, meaning: String
        }
        let entries = metrics.map {
            Entry(column: $0.column, unit: $0.unit.symbol, polarity: $0.polarity.rawValue, kind: $0.kind.rawValue,
                  label: $0.label, meaning: $0.meaning)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(entries)) ?? Data(), as: UTF8.self) + "\n"
    }
}
