/// results.csv: every row so far, rewritten whole (temporary file + rename) after each finished
/// cell, so the file on disk is always a complete, valid CSV whatever moment the sweep is killed.
/// A few hundred rows rewrite in well under a millisecond.
public final class ResultsFile {
    public let path: String
    public private(set) var rows: [ResultRow]

    public init(path: String, rows: [ResultRow] = []) {
        self.path = path
        self.rows = rows
    }

    public func append(_ row: ResultRow) throws {
        rows.append(row)
        try save()
    }

    public func save() throws {
        try AtomicFile.write(Self.text(rows), to: path)
    }

    public static func text(_ rows: [ResultRow]) -> String {
        // An external engine's own figures (x_...) follow the registry's columns.
        let columns = Metric.columns + ExtraColumn.columns(in: rows)
        var text = CSVText.line(columns) + "\n"
        for row in rows { text += row.csvLine(columns: columns) + "\n" }
        return text
    }
}
