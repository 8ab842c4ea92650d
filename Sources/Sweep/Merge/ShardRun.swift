import Foundation
import Results

/// One shard's run directory as `merge` reads it: meta.json (with its `shard` record), spec.yaml,
/// results.csv and timeline.csv.
public struct ShardRun: Sendable {
    /// As given on the command line.
    public let path: String
    public let directory: RunDirectory
    public let meta: RunMetadata
    public let record: ShardRecord
    public let specText: String
    public let rows: [ResultRow]
    /// Damage results.csv's reader found (torn or garbled lines, duplicates): each makes the shard incomplete.
    public let damage: [String]

    /// Reads `path`, or says in one line why it is not a shard's run directory.
    public static func read(_ path: String) throws(MergeProblem) -> ShardRun {
        let directory = RunDirectory(path: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MergeProblem(.notAShard, "\(path): no such directory")
        }
        let found: RunMetadata?
        do {
            found = try RunMetadata.read(path: directory.meta)
        } catch {
            throw MergeProblem(.incomplete, error.description)
        }
        guard let meta = found else { throw MergeProblem(.notAShard, "\(path): not a sweep run directory (no meta.json)") }
        guard let record = meta.shard else {
            throw MergeProblem(.notAShard, "\(directory.meta): no shard recorded; not made by `arbench sweep --shard K/N`")
        }
        guard let specText = try? String(contentsOfFile: directory.specCopy, encoding: .utf8) else {
            throw MergeProblem(.incomplete, "\(directory.specCopy): missing or unreadable")
        }
        guard FileManager.default.fileExists(atPath: directory.results) else {
            throw MergeProblem(.incomplete, "\(directory.results): missing")
        }
        let contents = ResultsReader.read(path: directory.results)
        return ShardRun(path: path, directory: directory, meta: meta, record: record, specText: specText, rows: contents.rows,
                        damage: contents.warnings)
    }

    /// The spec as it ran, for "the same spec?": the digest of spec.yaml's text.
    public var specDigest: String { ContentDigest.of(text: specText) }

    /// The LibTorch runtimes its ok cells ran on, each as "name version (library)"; empty when none finished ok
    /// (or the shard has not finished).
    public var runtimes: String {
        (meta.software?.runtimes ?? []).map { "\($0.runtime) \($0.version) (\($0.libraryPath))" }.sorted().joined(separator: "; ")
    }

    public var machineDigest: String { meta.machine?.digest ?? "unknown" }
    public var hostname: String { meta.machine?.hostname ?? "unknown" }
}
