import ArgumentParser
import Gate
import TextTable

/// How compare and check print their findings.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned tables for a terminal or a CI log.
    case text
    /// GitHub-flavoured Markdown, e.g. for a job summary or a pull-request comment.
    case markdown
    case json
}

/// Renders a gate report as text: the same content as the Markdown, tables aligned with TextTable.
enum GateTextRenderer {
    static func render(_ document: ReportDocument) -> String {
        var out = "arbench: \(document.heading.replacingOccurrences(of: "arbench ", with: ""))\n"
        for line in document.lines {
            let lines = TextWrap.lines(line.replacingOccurrences(of: "`", with: ""), width: TextWrap.width - 4)
            out += "  " + lines.joined(separator: "\n    ") + "\n"
        }
        for block in document.code {
            out += "  \(block.title):\n" + block.lines.map { "    \($0)\n" }.joined()
        }
        for table in document.tables where !table.rows.isEmpty {
            out += "\n\(table.title):\n"
            let columns = table.headers.count
            let text = TextTable<[String]> { row in
                (0..<columns).map { index in
                    Column(title: table.headers[index], value: index < row.count ? row[index] : "",
                           align: table.numeric.contains(index) ? .right : .left)
                }
            }
            out += (text.string(for: table.rows, style: Style.psql) ?? "") + "\n"
        }
        if !document.closing.isEmpty {
            out += "\n" + document.closing.flatMap { TextWrap.lines($0, width: TextWrap.width) }.joined(separator: "\n") + "\n"
        }
        return out
    }
}

extension ReportFormat {
    func render(_ document: ReportDocument, json: () throws -> String) rethrows -> String {
        switch self {
        case .text: GateTextRenderer.render(document)
        case .markdown: MarkdownRenderer.render(document)
        case .json: try json()
        }
    }
}
