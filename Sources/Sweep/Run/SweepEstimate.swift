import Foundation
import Results

/// How long a sweep's runs should take, from the newest earlier sweep of the same spec name: each run
/// costs its cell's median `wall_s` there (a capacity cell its search's `capacity_search_s`) (the median over all its ok runs for a cell it did not have).
public struct SweepEstimate: Sendable, Equatable {
    public var seconds: Double
    /// The earlier sweep the figures come from.
    public var source: String

    /// Nil when no earlier sweep of `specName` under `runsDirectory` has an ok run.
    public static func make(for runs: [CellRun], specName: String, runsDirectory: String) -> SweepEstimate? {
        for directory in previousSweeps(specName: specName, runsDirectory: runsDirectory) {
            let rows = ResultsReader.read(path: directory.results).rows.filter(\.isOK)
            let all = rows.compactMap(CellCosts.seconds)
            guard !all.isEmpty else { continue }
            let overall = Descriptive.median(all) ?? 0
            let byCell = CellCosts.medianWallSeconds(rows)
            let seconds = runs.reduce(0.0) { sum, run in sum + (byCell[run.cell.id] ?? overall) }
            return SweepEstimate(seconds: seconds, source: directory.path)
        }
        return nil
    }

    /// Run directories whose meta.json names `specName`, newest first.
    static func previousSweeps(specName: String, runsDirectory: String) -> [RunDirectory] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runsDirectory)) ?? []
        let found = names.compactMap { name -> (RunDirectory, String)? in
            let directory = RunDirectory(path: (runsDirectory as NSString).appendingPathComponent(name))
            guard let meta = (try? RunMetadata.read(path: directory.meta)) ?? nil, meta.specName == specName else { return nil }
            return (directory, meta.startedAt)
        }
        return found.sorted { $0.1 > $1.1 }.map(\.0)
    }
}
