import Foundation
import Results
#if canImport(Glibc)
import Glibc
#endif

/// Writes a checked `ShardMerge` as one normal run directory (results.csv, timeline.csv, meta.json,
/// spec.yaml, REPORT.md, cells/) that plot, compare, check and advise read like any sweep's. Built in a
/// directory beside OUT and renamed into place at the end, so OUT is never half-written.
public enum MergedRun {
    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
    }

    /// `out` must not exist, or be an empty directory.
    public static func write(_ merge: ShardMerge, to out: String, commandLine: String) throws {
        guard let first = merge.shards.first, let grid = merge.grid else { throw WriteError(description: "nothing to merge") }
        let staging = (out.hasSuffix("/") ? String(out.dropLast()) : out) + ".merging-\(getpid())"
        try? FileManager.default.removeItem(atPath: staging)
        let directory = RunDirectory(path: staging)
        do {
            try directory.create()
            let rows = merge.rows()
            try AtomicFile.write(first.specText, to: directory.specCopy)
            try AtomicFile.write(ResultsFile.text(rows), to: directory.results)
            try AtomicFile.write(timeline(merge.shards), to: directory.timeline)
            try copyCells(merge.shards, to: directory)
            try AtomicFile.write(String(decoding: try metadata(merge, grid: grid, commandLine: commandLine).jsonData(), as: UTF8.self) + "\n",
                                 to: directory.meta)
            try AtomicFile.write(SweepReport.markdown(specName: first.meta.specName, rows: rows, roles: first.meta.spec?.roles ?? [:]) + shardsSection(merge), to: directory.report)
            guard rename(staging, out) == 0 else {
                throw WriteError(description: "cannot rename \(staging) to \(out): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    /// The shards' timelines one after another under one header (a torn last line of any is left out).
    static func timeline(_ shards: [ShardRun]) -> String {
        var header: Substring?
        var body = ""
        for shard in shards {
            guard let text = try? String(contentsOfFile: shard.directory.timeline, encoding: .utf8) else { continue }
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.last == "" { lines.removeLast() } else if !lines.isEmpty { lines.removeLast() }
            guard let first = lines.first else { continue }
            if header == nil { header = first }
            for line in lines.dropFirst() where !line.isEmpty { body += line + "\n" }
        }
        return (header.map { $0 + "\n" } ?? TimelineFile.columns.joined(separator: ",") + "\n") + body
    }

    /// Each run's metrics JSON and log, so a merged run holds what a sweep's does.
    static func copyCells(_ shards: [ShardRun], to directory: RunDirectory) throws {
        let fm = FileManager.default
        for shard in shards {
            for name in (try? fm.contentsOfDirectory(atPath: shard.directory.cells)) ?? [] {
                let target = (directory.cells as NSString).appendingPathComponent(name)
                if fm.fileExists(atPath: target) { continue }
                try fm.copyItem(atPath: (shard.directory.cells as NSString).appendingPathComponent(name), toPath: target)
            }
        }
    }

    static func metadata(_ merge: ShardMerge, grid: ExperimentGrid, commandLine: String) -> RunMetadata {
        let ordered = merge.shards.sorted { $0.record.index < $1.record.index }
        let first = ordered[0].meta
        var meta = RunMetadata(
            specName: first.specName, specPath: first.specPath, specYAML: first.specYAML, spec: first.spec,
            cells: grid.cells.count, runsInGrid: grid.runs.count, inputs: first.inputs,
            startedAt: ordered.map(\.meta.startedAt).min() ?? first.startedAt,
            endedAt: ordered.compactMap(\.meta.endedAt).max(), sessions: ordered.flatMap(\.meta.sessions),
            machine: first.machine, software: first.software, inheritedEnvironment: first.inheritedEnvironment,
            otherInheritedVariables: first.otherInheritedVariables, merge: merge.record())
        meta.sessions.append(RunMetadata.Session(startedAt: ResultRow.timestamp(Date()), endedAt: ResultRow.timestamp(Date()),
                                                 commandLine: commandLine, runsPlanned: 0,
                                                 sampler: SamplerOverhead(intervalMs: first.spec?.sampleIntervalMs ?? 0)))
        return meta
    }

    /// REPORT.md's last section: which machine measured which shard.
    static func shardsSection(_ merge: ShardMerge) -> String {
        let record = merge.record()
        var out = "\n## Shards\n\n"
        out += "Merged from \(CountText.of(record.parts.count, "shard")) on \(CountText.of(Set(record.parts.map(\.hostname)).count, "host")); "
        out += "each row's `\(Metric.hostname.column)` and `\(Metric.machineFingerprint.column)` name its machine.\n\n"
        if record.missingRuns > 0 {
            out += "**Partial** (merged with `--allow-partial`): \(CountText.of(record.missingRuns, "run")) of the grid missing; "
            out += "`arbench sweep --resume` on this directory runs them here.\n\n"
        }
        if record.mixedMachines {
            out += "**Mixed machines**: the shards ran on \(merge.machines.count) kinds of machine (merged with `--allow-mixed-machines`). "
            out += "Absolute figures of cells measured on different kinds do not compare; compare within one `\(Metric.machineFingerprint.column)`.\n\n"
            out += "| machine fingerprint | hosts | machine | runs |\n|---|---|---|---|\n"
            for (digest, shards) in merge.machines.sorted(by: { $0.key < $1.key }) {
                let hosts = Set(shards.map(\.hostname)).sorted().joined(separator: ", ")
                let machine = shards.first?.meta.machine.map(ShardMerge.summary) ?? "no fingerprint"
                out += "| `\(digest)` | \(hosts) | \(machine) | \(shards.map(\.rows.count).reduce(0, +)) |\n"
            }
            out += "\n"
        }
        out += "| shard | directory | host | machine fingerprint | runs |\n|---|---|---|---|---|\n"
        for part in record.parts {
            out += "| \(part.shard) | `\(part.directory)` | \(part.hostname) | `\(part.fingerprint)` | \(part.runs) |\n"
        }
        return out
    }
}
