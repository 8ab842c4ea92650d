/// Renders a `ReportDocument` as GitHub-flavoured Markdown.
public enum MarkdownRenderer {
    public static func render(_ document: ReportDocument) -> String {
        var out = "## \(document.heading)\n\n"
        for line in document.lines { out += "- \(escape(line))\n" }
        for block in document.code {
            out += "\n\(block.title):\n\n```\(block.language)\n" + block.lines.joined(separator: "\n") + "\n```\n"
        }
        for table in document.tables where !table.rows.isEmpty {
            out += "\n### \(table.title)\n\n"
            out += "| " + table.headers.map(escape).joined(separator: " | ") + " |\n"
            out += "|" + table.headers.indices.map { table.numeric.contains($0) ? "---:" : "---" }.joined(separator: "|") + "|\n"
            for row in table.rows { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
        }
        if !document.closing.isEmpty {
            out += "\n"
            for line in document.closing { out += "\(escape(line))\n" }
        }
        return out
    }

    /// A `|` inside a cell would split it.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
