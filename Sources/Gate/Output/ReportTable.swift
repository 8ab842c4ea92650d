/// A table as text cells, so the same findings print as Markdown (for CI summaries and PR comments)
/// or as an aligned terminal table (rendered by the command with TextTable).
public struct ReportTable: Sendable {
    public var title: String
    public var headers: [String]
    /// Columns holding numbers, right-aligned.
    public var numeric: Set<Int>
    public var rows: [[String]]

    public init(title: String, headers: [String], numeric: Set<Int> = [], rows: [[String]]) {
        self.title = title
        self.headers = headers
        self.numeric = numeric
        self.rows = rows
    }
}

/// Lines to copy as they are (a command, C++): a code block in Markdown, indented and never wrapped in text.
public struct ReportCode: Sendable {
    public var title: String
    /// The Markdown fence's language (sh, cpp).
    public var language: String
    public var lines: [String]

    public init(title: String, language: String, lines: [String]) {
        self.title = title
        self.language = language
        self.lines = lines
    }
}

/// A report: lines first, then code to copy, then tables, then closing lines.
public struct ReportDocument: Sendable {
    public var heading: String
    public var lines: [String]
    public var code: [ReportCode]
    public var tables: [ReportTable]
    public var closing: [String]

    public init(heading: String, lines: [String], code: [ReportCode] = [], tables: [ReportTable], closing: [String] = []) {
        self.heading = heading
        self.lines = lines
        self.code = code
        self.tables = tables
        self.closing = closing
    }
}
