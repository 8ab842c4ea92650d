import Foundation
import Results

/// What went wrong reading a run directory.
public struct RunDataError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension CellAxes {
    /// The axes other than allocator, engine threads and intra-op threads.
    public var variant: Variant {
        Variant(libtorch: libtorch, engineMode: engineMode, interOpThreads: interOpThreads, ompWaitPolicy: ompWaitPolicy,
                cpuQuota: cpuQuota, cpuset: cpuset, load: load, engine: engine, extra: extra)
    }

    /// The same cell under another allocator has the same `comparable` key.
    public var comparable: ComparableCell {
        ComparableCell(variant: variant, engineThreads: engineThreads, intraOpThreads: intraOpThreads)
    }
}

/// LibTorch runtime, engine mode, inter-op threads and OpenMP wait policy: axes a sweep may or may not vary.
public struct Variant: Hashable, Sendable, Comparable {
    public var libtorch: String
    public var engineMode: String
    public var interOpThreads: Int
    public var ompWaitPolicy: String
    /// `none` when the run has no CPU limits.
    public var cpuQuota: String = CPUQuota.noneName
    public var cpuset: String = CPUSet.noneName
    /// CellLoad.text: `offline` for runs without loads.
    public var load: String = CellLoad.offline.text
    /// CellEngine.name: `arbench` for its own engine.
    public var engine: String = CellEngine.builtInName
    /// Table-only axes away from their usual value (CellAxes.extra).
    public var extra: [String: String] = [:]

    public static func < (a: Variant, b: Variant) -> Bool {
        if a.engine != b.engine { return CellEngine.precedes(a.engine, b.engine) }
        if a.libtorch != b.libtorch { return a.libtorch > b.libtorch }   // system before pypi
        let limitsA = (CPUQuota.parse(a.cpuQuota) ?? .none, CPUSet.parse(a.cpuset) ?? .none)
        let limitsB = (CPUQuota.parse(b.cpuQuota) ?? .none, CPUSet.parse(b.cpuset) ?? .none)
        if limitsA != limitsB { return limitsA < limitsB }
        if a.load != b.load, let loadA = CellLoad.parse(a.load), let loadB = CellLoad.parse(b.load) { return loadA < loadB }
        for axis in Results.Axis.tableOnly {
            let (x, y) = (a.extra[axis.name] ?? axis.usual, b.extra[axis.name] ?? axis.usual)
            if x != y { return axis.values!.precedes(x, y) }
        }
        return (a.engineMode, a.interOpThreads, a.ompWaitPolicy, a.load) < (b.engineMode, b.interOpThreads, b.ompWaitPolicy, b.load)
    }

    /// Words for the parts that vary in the run (empty when none do).
    func label(varying: VaryingAxes) -> String {
        var parts: [String] = []
        if varying.engine { parts.append(engine == CellEngine.builtInName ? "arbench's engine" : "engine \(engine)") }
        if varying.libtorch { parts.append("LibTorch \(LibTorchRuntime(name: libtorch).label)") }
        if varying.engineMode { parts.append("\(engineMode) mode") }
        if varying.interOp { parts.append("inter-op \(interOpThreads)") }
        if varying.ompWaitPolicy { parts.append("OMP \(ompWaitPolicy)") }
        if varying.cpuQuota { parts.append("quota \(cpuQuota)") }
        if varying.cpuset { parts.append("cpus \(cpuset)") }
        if varying.load { parts.append(CellLoad.parse(load)?.label ?? load) }
        for axis in Results.Axis.tableOnly where varying.tableOnly.contains(axis.name) {
            parts.append("\(axis.label) \(extra[axis.name] ?? axis.usual)")
        }
        return parts.joined(separator: ", ")
    }
}

/// A cell up to its allocator: what Figure 5 and the allocator comparison hold fixed.
public struct ComparableCell: Hashable, Sendable {
    public var variant: Variant
    public var engineThreads: Int
    public var intraOpThreads: Int

    func label(varying: VaryingAxes) -> String {
        let base = "engine threads \(engineThreads), intra-op \(IntraOpThreads.text(intraOpThreads))"
        let extra = variant.label(varying: varying)
        return extra.isEmpty ? base : "\(base), \(extra)"
    }
}

/// Which of the variant axes take more than one value in a run.
public struct VaryingAxes: Sendable {
    public var libtorch = false
    public var engineMode = false
    public var interOp = false
    public var ompWaitPolicy = false
    public var cpuQuota = false
    public var cpuset = false
    public var load = false
    public var engine = false
    /// Table-only axes (by name) taking more than one value.
    public var tableOnly: Set<String> = []
}

/// One ok results.csv row as the charts read it: a cell's repetition, its numbers parsed.
public struct RunRow: Sendable {
    public var cellID: String
    public var repetition: Int
    public var config: CellAxes
    public var status: String
    /// Every column that parsed as a number, by column name.
    public var numbers: [String: Double]

    public func value(_ metric: Metric) -> Double? {
        guard let v = numbers[metric.column], v.isFinite else { return nil }
        return v
    }
}

/// One timeline.csv sample.
public typealias TimelineSample = TimelineFile.Row

/// meta.json as the charts' captions show it: anything missing is "unknown".
public struct RunMeta: Sendable {
    public var cpuModel = "unknown"
    public var cores = "unknown"
    public var memoryGB = "unknown"
    public var kernel = "unknown"
    public var gitCommit = "unknown"
    public var experiment = "unknown"
    /// The working tree had uncommitted changes when the sweep ran.
    public var gitDirty = false
    /// The spec's `roles:` (axes it gives another role than the table's), so the charts' groups are advise's.
    public var roles: [String: AxisRole] = [:]

    public init() {}

    init(_ metadata: RunMetadata) {
        if let machine = metadata.machine {
            if !machine.cpuModel.isEmpty { cpuModel = machine.cpuModel }
            if machine.usableCores > 0 { cores = String(machine.usableCores) }
            if machine.memoryBytes > 0 { memoryGB = String(format: "%.1f", Double(machine.memoryBytes) / 1_073_741_824) }
            // "6.1.0-18-amd64 #1 SMP ..." -> the release.
            if let release = machine.kernel.split(separator: " ").first { kernel = String(release) }
        }
        if let software = metadata.software, !software.gitCommit.isEmpty {
            gitCommit = software.gitCommit
            gitDirty = software.gitDirty ?? false
        }
        if !metadata.specName.isEmpty { experiment = metadata.specName }
        roles = metadata.spec?.roles ?? [:]
    }

    /// Short commit for footers.
    public var shortCommit: String {
        gitCommit == "unknown" ? gitCommit : String(gitCommit.prefix(12)) + (gitDirty ? " (dirty)" : "")
    }
}

/// A sweep run directory as the charts see it.
public struct RunData: Sendable {
    public var directory: URL
    public var meta: RunMeta
    /// Rows with status ok and the settings needed to place them.
    public var rows: [RunRow]
    /// Rows left out: status other than ok (by status), or unreadable settings.
    public var skippedByStatus: [String: Int]
    public var unreadableRows: Int
    /// Empty when the run has no timeline.csv.
    public var timeline: [TimelineSample]
    public var hasTimelineFile: Bool
    public var columns: Set<String>

    public var skippedCount: Int { skippedByStatus.values.reduce(0, +) + unreadableRows }

    public static let requiredColumns = [Metric.cellID, .repetition, .status, .engineThreads, .intraOpThreads, .allocator]
        .map(\.column)
    /// Columns that hold no number: left out of `numbers`.
    static let textColumns = Set(Metric.all.filter { !$0.isNumeric }.map(\.column))

    public static func load(from directory: URL) throws -> RunData {
        let resultsURL = directory.appendingPathComponent("results.csv")
        guard FileManager.default.fileExists(atPath: resultsURL.path) else {
            throw RunDataError("\(resultsURL.path) does not exist: not a sweep run directory")
        }
        guard let text = try? String(contentsOf: resultsURL, encoding: .utf8) else {
            throw RunDataError("cannot read \(resultsURL.path): not UTF-8 text")
        }
        // The sweep's own reader: the same rules for torn, malformed and duplicate lines everywhere.
        let results = ResultsReader.parse(text, path: resultsURL.path)
        let header = Set(results.header)
        let missing = requiredColumns.filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw RunDataError("\(resultsURL.path) lacks column(s) \(missing.joined(separator: ", "))")
        }

        var rows: [RunRow] = []
        var skipped: [String: Int] = [:]
        var unreadable = results.warnings.count
        for raw in results.rows {
            guard raw.isOK else {
                skipped[raw[.status], default: 0] += 1
                continue
            }
            guard let config = CellAxes(row: raw), !config.allocator.isEmpty, let key = raw.key else {
                unreadable += 1
                continue
            }
            var numbers: [String: Double] = [:]
            for (column, value) in raw.values where !textColumns.contains(column) {
                if let number = Double(value) { numbers[column] = number }
            }
            rows.append(RunRow(cellID: key.cellID, repetition: key.repetition, config: config, status: raw[.status], numbers: numbers))
        }

        let timelineURL = directory.appendingPathComponent("timeline.csv")
        var samples: [TimelineSample] = []
        let hasTimeline = FileManager.default.fileExists(atPath: timelineURL.path)
        if hasTimeline {
            do {
                samples = try TimelineFile.read(path: timelineURL.path)
            } catch {
                throw RunDataError(error.description)
            }
        }

        // Captions only: a missing or unreadable meta.json shows "unknown" rather than losing the charts.
        let metadata = (try? RunMetadata.read(path: directory.appendingPathComponent("meta.json").path)) ?? nil
        let meta = metadata.map(RunMeta.init) ?? RunMeta()

        return RunData(directory: directory, meta: meta, rows: rows, skippedByStatus: skipped,
                       unreadableRows: unreadable, timeline: samples, hasTimelineFile: hasTimeline,
                       columns: header)
    }
}
