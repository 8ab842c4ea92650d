import Foundation
import Results
import Testing

/// Every allocator setting of the allocator study (Experiments/allocators.yaml, read as shipped) runs once,
/// on both runtimes, through a real sweep: a package missing from the machine, a preload that silently
/// fails to load or a tuning the library rejects fails here rather than in a 35-minute study.
@Suite(.serialized) struct AllocatorSetTests {
    static let experiments = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Experiments")

    /// The study's spec with its grid cut to one cell, one repetition, a 20-second scene and the tiny model.
    static func smokeSpec() throws -> String {
        let study = try String(contentsOf: experiments.appendingPathComponent("allocators.yaml"), encoding: .utf8)
        let replacements = [
            "name": "allocators-smoke", "engine_threads": "2", "intra_op_threads": "1", "repetitions": "1", "model": "tiny",
            "audio": "{generate: {duration: 20s, seed: 1}}", "reference_cell": "{engine_threads: 2, intra_op_threads: 1}",
        ]
        var replaced: Set<String> = []
        var skippingAudioBlock = false
        let lines = study.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> String? in
            if skippingAudioBlock && line.hasPrefix(" ") { return nil }
            skippingAudioBlock = false
            guard let key = line.split(separator: ":").first.map(String.init), let value = replacements[key] else { return String(line) }
            replaced.insert(key)
            skippingAudioBlock = key == "audio"
            return "\(key): \(value)"
        }
        #expect(replaced == Set(replacements.keys), "allocators.yaml lacks \(Set(replacements.keys).subtracting(replaced))")
        return lines.joined(separator: "\n")
    }

    @Test func everySettingOfTheStudyRunsVerifiedOnBothRuntimes() throws {
        let spec = CLITests.directory.appendingPathComponent("allocators-smoke.yaml").path
        try Self.smokeSpec().write(toFile: spec, atomically: true, encoding: .utf8)
        let out = CLITests.directory.appendingPathComponent("allocators-smoke").path
        let r = try CLITests.arbench(["sweep", spec, "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = ResultsReader.read(path: out + "/results.csv").rows
        #expect(rows.count == 22, "11 settings x 2 runtimes")
        for row in rows {
            #expect(row[.status] == "ok", "\(row[.cellID]): \(row[.error])")
            #expect(row[.allocatorReported] == AllocatorSetting.named(row[.allocator])?.kind.reportedName
                        ?? row[.allocator].split(separator: "-").first.map(String.init), "\(row[.cellID])")
            #expect(!row[.allocatorVersion].isEmpty, "\(row[.cellID])")
        }
        #expect(Set(rows.map { row in row[.allocatorEnvironment] }).contains("MALLOC_MMAP_THRESHOLD_=131072 MALLOC_TRIM_THRESHOLD_=131072"))
    }
}
