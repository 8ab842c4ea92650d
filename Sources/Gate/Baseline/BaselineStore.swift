import Results
import Foundation

/// `Results/baselines/<name>/`: a copy of a sweep run that later runs are compared against. Only
/// what the gate and a reader need is copied (results.csv, meta.json, REPORT.md, spec.yaml), not the
/// per-cell logs or the generated audio, so a baseline is small enough to commit.
public struct BaselineStore: Sendable {
    public var root: String

    public init(root: String = "Results/baselines") {
        self.root = root
    }

    public static let copiedFiles = ["results.csv", "meta.json", "REPORT.md", "spec.yaml"]

    public struct SaveError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Copies the run; replaces an existing baseline of that name whole (never a mix of two runs).
    /// A run with failed cells or differing output digests is refused unless `force`: comparing
    /// against a broken run would hide the next breakage.
    @discardableResult
    public func save(runDirectory: String, name: String? = nil, force: Bool = false, now: Date = Date()) throws -> (path: String, record: BaselineRecord) {
        let run: RunResults
        do {
            run = try RunLoader.load(runDirectory)
        } catch let error as RunLoadError {
            throw SaveError(description: error.description)
        }
        let source = RunDirectory(path: RunLoader.directory(of: runDirectory))
        let fm = FileManager.default
        guard fm.fileExists(atPath: source.meta) else {
            throw SaveError(description: "\(source.path) has no meta.json: a baseline without its machine fingerprint cannot be checked for comparability")
        }
        let rows = run.rows
        let notOK = rows.filter { !$0.isOK }
        let digests = DigestCheck(rows: rows)
        if !force && (!notOK.isEmpty || !digests.isConsistent) {
            var why: [String] = []
            if !notOK.isEmpty { why.append("\(CountText.of(notOK.count, "run")) not ok") }
            if !digests.isConsistent { why.append("\(digests.groups.count) different output digests") }
            throw SaveError(description: "\(source.path): \(why.joined(separator: ", ")); a baseline must be a clean run (--force saves it anyway)")
        }
        let baselineName = name ?? run.experimentName
        guard !baselineName.isEmpty, !baselineName.contains("/"), baselineName != ".", baselineName != ".." else {
            throw SaveError(description: "\"\(baselineName)\" is not a usable baseline name (no slashes)")
        }
        let destination = (root as NSString).appendingPathComponent(baselineName)
        // Build the new baseline beside the old one, then swap, so a failure leaves the old one intact.
        let staging = destination + ".saving-\(ProcessInfo.processInfo.processIdentifier)"
        try? fm.removeItem(atPath: staging)
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        var copied: [String] = []
        for file in Self.copiedFiles {
            let from = (source.path as NSString).appendingPathComponent(file)
            guard fm.fileExists(atPath: from) else { continue }
            try fm.copyItem(atPath: from, toPath: (staging as NSString).appendingPathComponent(file))
            copied.append(file)
        }
        let record = BaselineRecord(
            name: baselineName, experiment: run.experimentName, savedAt: Self.timestamp(now), source: source.path,
            files: copied, runs: rows.count, cells: run.cells.count, okRuns: rows.count - notOK.count,
            repetitions: run.typicalRepetitions)
        try JSONReport.encode(record).write(toFile: (staging as NSString).appendingPathComponent("baseline.json"), atomically: true, encoding: .utf8)
        if fm.fileExists(atPath: destination) { try fm.removeItem(atPath: destination) }
        try fm.moveItem(atPath: staging, toPath: destination)
        return (destination, record)
    }

    /// The baselines under the root, by name.
    public func list() -> [BaselineRecord] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.sorted().compactMap { name in
            let path = ((root as NSString).appendingPathComponent(name) as NSString).appendingPathComponent("baseline.json")
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            return try? JSONDecoder().decode(BaselineRecord.self, from: data)
        }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
