import Foundation
import SceneGen
import TestSupport
import Testing

/// The `arbench` binary as a user runs it: exit codes, one-line errors, outputs on disk.
@Suite(.serialized) struct CLITests {
    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("arbench-cli-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Next to the test bundle in the build folder, whatever the scratch path.
    static let binary: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("arbench").path) && dir.path != "/" {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("arbench").path
    }()

    static func arbench(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessOutput {
        var env = ProcessInfo.processInfo.environment
        env["ARBENCH_CACHE"] = directory.appendingPathComponent("cache").path
        env.merge(environment) { _, given in given }
        return try ProcessRunner.run(binary, arguments, environment: env)
    }

    static let scene: String = {
        let wav = directory.appendingPathComponent("scene.wav").path
        _ = try? arbench(["generate", "--duration", "40s", "--seed", "5", "--out", wav])
        return wav
    }()

    static let model: String = {
        let path = directory.appendingPathComponent("tiny.pt").path
        _ = try? arbench(["model", "build", "--preset", "tiny", "--out", path])
        return path
    }()

    @Test func runPrintsOrderedTagsAndWritesMetrics() throws {
        let metrics = Self.directory.appendingPathComponent("m.json").path
        let tags = Self.directory.appendingPathComponent("tags.csv").path
        let r = try Self.arbench(["run", Self.scene, "--model", Self.model, "--engine-threads", "3",
                                  "--metrics", metrics, "--tags", tags])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "start_s,end_s,tag,score")
        let starts = lines.dropFirst().compactMap { Double($0.split(separator: ",")[0]) }
        #expect(starts.count > 3 && starts == starts.sorted())
        #expect(try String(contentsOfFile: tags, encoding: .utf8) == r.stdout)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: metrics))) as? [String: Any]
        #expect(json?["output_digest"] as? String != nil)
        #expect(r.stderr.contains("output digest"))
    }

    @Test(arguments: [
        ("missing.wav", nil as String?, "no such file"),
        ("text.wav", "just some text\n", ""),
        ("empty.wav", "", ""),
    ])
    func badInputIsOneLineNamingTheFileAndExit4(name: String, contents: String?, phrase: String) throws {
        let path = Self.directory.appendingPathComponent(name).path
        if let contents { try contents.write(toFile: path, atomically: true, encoding: .utf8) }
        let r = try Self.arbench(["run", path, Self.scene, "--model", Self.model, "--quiet"])
        #expect(r.status == 4, "\(r.stderr)")
        let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("arbench: error:") }
        #expect(errors.count == 1, "\(r.stderr)")
        #expect(errors.first?.contains(path) == true)
        if !phrase.isEmpty { #expect(errors.first?.lowercased().contains(phrase) == true) }
        #expect(r.stderr.contains("1/2 files"), "the good file is still processed")
    }

    @Test func truncatedWAVIsRefusedOrProcessedWithoutCrash() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.scene))
        let path = Self.directory.appendingPathComponent("truncated.wav").path
        try data.prefix(30).write(to: URL(fileURLWithPath: path))
        let r = try Self.arbench(["run", path, "--model", Self.model, "--quiet"])
        #expect(r.status == 4, "\(r.stderr)")
        #expect(r.stderr.contains(path))
    }

    @Test func mismatchedModelIsRefusedAtLoad() throws {
        let sidecar = Self.directory.appendingPathComponent("wrong.pt")
        try? FileManager.default.removeItem(at: sidecar)
        try FileManager.default.copyItem(atPath: Self.model, toPath: sidecar.path)
        try #"{"classes": ["a", "b"]}"#.write(toFile: sidecar.path + ".json", atomically: true, encoding: .utf8)
        let r = try Self.arbench(["run", Self.scene, "--model", sidecar.path, "--quiet"])
        #expect(r.status == 5, "\(r.stderr)")
        #expect(r.stderr.contains("wrong.pt") && r.stderr.contains("classes"))
    }

    @Test func notAModelIsRefused() throws {
        let path = Self.directory.appendingPathComponent("junk.pt").path
        try "junk".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try Self.arbench(["run", Self.scene, "--model", path, "--quiet"])
        #expect(r.status == 5)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }

    @Test func badThreadCountIsAUsageError() throws {
        let r = try Self.arbench(["run", Self.scene, "--engine-threads", "0"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--engine-threads"))
    }

    @Test func processesGiveTheSameDigestAsThreads() throws {
        func digest(_ extra: [String]) throws -> String {
            let metrics = Self.directory.appendingPathComponent("d\(extra.joined()).json").path
            let r = try Self.arbench(["run", Self.scene, "--model", Self.model, "--metrics", metrics, "--quiet"] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: metrics))) as? [String: Any]
            return json?["output_digest"] as? String ?? ""
        }
        let threads = try digest(["--engine-threads", "2"])
        let processes = try digest(["--engine-threads", "2", "--engine-mode", "processes"])
        #expect(!threads.isEmpty && threads == processes)
    }
}
