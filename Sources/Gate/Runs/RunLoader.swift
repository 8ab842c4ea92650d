import Foundation
import Results

/// Reads a run given as its directory or as its results.csv (then meta.json is looked for beside it).
public enum RunLoader {
    public static func load(_ path: String) throws -> RunResults {
        let directory = directory(of: path)
        let csv = isDirectory(path) ? RunDirectory(path: path).results : path
        guard FileManager.default.fileExists(atPath: csv) else {
            throw RunLoadError(isDirectory(path) ? "\(path): no results.csv in this directory (is it a sweep run directory?)"
                                                 : "\(path): no such file")
        }
        guard let text = try? String(contentsOfFile: csv, encoding: .utf8) else {
            throw RunLoadError("\(csv): unreadable (not UTF-8 text?)")
        }
        let contents = ResultsReader.parse(text, path: csv)
        guard !contents.rows.isEmpty else {
            // The reader's first warning names the file already (and often the line).
            throw RunLoadError(contents.warnings.first.map { "\($0); no result rows" } ?? "\(csv): no result rows")
        }
        let meta: RunMetadata?
        do {
            meta = try RunMetadata.read(path: RunDirectory(path: directory).meta)
        } catch {
            throw RunLoadError(error.description)
        }
        // ResultsReader words its warnings for --resume; here a dropped row is simply not compared.
        var warnings = contents.warnings.map { $0.replacingOccurrences(of: "; dropped, that cell runs again", with: "; ignored")
            .replacingOccurrences(of: "; dropped", with: "; ignored") }
        warnings += mergeWarnings(meta?.merge, path: path)
        return RunResults(source: path, rows: contents.rows, meta: meta, warnings: warnings)
    }

    /// A merged run that mixes machines or misses runs says so wherever it is read.
    static func mergeWarnings(_ merge: MergeRecord?, path: String) -> [String] {
        guard let merge else { return [] }
        var warnings: [String] = []
        if merge.mixedMachines {
            let kinds = Set(merge.parts.map(\.fingerprint)).count
            warnings.append("\(path): merged from shards on \(kinds) kinds of machine (--allow-mixed-machines): absolute figures of cells with different \(Metric.machineFingerprint.column) do not compare")
        }
        if merge.missingRuns > 0 {
            warnings.append("\(path): a partial merge (--allow-partial): \(merge.missingRuns) runs of the grid missing")
        }
        return warnings
    }

    /// The run directory: the path itself, or the folder holding the given results.csv.
    public static func directory(of path: String) -> String {
        if isDirectory(path) { return path }
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
