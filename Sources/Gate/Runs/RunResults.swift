import Foundation
import Results

/// One sweep's results as the gate reads them: the rows of results.csv grouped into cells, and the
/// run's meta.json when it has one.
public struct RunResults: Sendable {
    /// The path as given: a run directory or a results.csv.
    public var source: String
    /// The run's meta.json, when it has one.
    public var meta: RunMetadata?
    /// Cells in a stable order (by axes).
    public var cells: [CellRuns]
    /// Rows dropped while reading (torn lines, damaged rows), one line each.
    public var warnings: [String]

    /// The engines the run's cells ran on (CellEngine.name), arbench's own first.
    public var engines: [String] {
        var seen: [String] = []
        for cell in cells where !seen.contains(cell.axes.engine) { seen.append(cell.axes.engine) }
        return seen
    }

    /// Only the cells of `engine`.
    public func only(engine: String) -> RunResults {
        var copy = self
        copy.cells = cells.filter { $0.axes.engine == engine }
        return copy
    }

    public init(source: String, rows: [ResultRow], meta: RunMetadata?, warnings: [String] = []) {
        self.source = source
        self.meta = meta
        var warnings = warnings
        var grouped: [CellAxes: CellRuns] = [:]
        for row in rows {
            guard let axes = CellAxes(row: row) else {
                warnings.append("\(row[.cellID]) r\(row[.repetition]): thread counts unreadable; row ignored")
                continue
            }
            grouped[axes, default: CellRuns(axes: axes, cellID: row[.cellID], rows: [])].rows.append(row)
        }
        cells = grouped.values.sorted { $0.axes < $1.axes }
        self.warnings = warnings
    }

    public var rows: [ResultRow] { cells.flatMap(\.rows) }

    /// The same run with `ignored` axes left out of every cell's identity. Nil, with the cells that
    /// would merge, when the run varies an ignored axis (two of its cells would become one).
    public func ignoring(_ ignored: Set<Axis>) -> (run: RunResults?, merged: [String]) {
        guard !ignored.isEmpty else { return (self, []) }
        var projected: [CellAxes: CellRuns] = [:]
        var merged: [String] = []
        for cell in cells {
            let axes = ignored.reduce(cell.axes) { $1.blank($0) }
            if let existing = projected[axes] {
                merged.append("\(existing.cellID) and \(cell.cellID)")
                continue
            }
            projected[axes] = CellRuns(axes: axes, cellID: cell.cellID, rows: cell.rows)
        }
        guard merged.isEmpty else { return (nil, merged) }
        var copy = self
        copy.cells = projected.values.sorted { $0.axes < $1.axes }
        return (copy, [])
    }

    public func cell(_ axes: CellAxes) -> CellRuns? {
        cells.first { $0.axes == axes }
    }

    /// The run's reference cell for normalised metrics: the spec's `reference_cell`, else engine 1 x intra-op 1.
    public var referenceThreads: ReferenceCell {
        meta?.spec?.referenceCell ?? ReferenceCell(engineThreads: 1, intraOpThreads: 1)
    }

    /// The reference for `axes`: same allocator, tuning, mode, inter-op and wait policy.
    public func reference(for axes: CellAxes) -> CellRuns? {
        let reference = referenceThreads
        return cell(axes.with(engineThreads: reference.engineThreads, intraOpThreads: reference.intraOpThreads))
    }

    /// The repetitions per cell most cells have (what the statistics can rely on).
    public var typicalRepetitions: Int {
        let counts = cells.map { $0.okRows.count }.sorted()
        return counts.isEmpty ? 0 : counts[counts.count / 2]
    }

    /// The experiment's name: meta.json's, else the run directory's name.
    public var experimentName: String {
        if let name = meta?.specName, !name.isEmpty { return name }
        return URL(fileURLWithPath: RunLoader.directory(of: source)).lastPathComponent
    }
}
