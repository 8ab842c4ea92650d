import Foundation
import Testing

/// Both LibTorch runtimes through the `arbench` binary: what runs, what is recorded, what is refused.
/// Needs `make libtorch` (system and pypi), as `make test` does.
@Suite(.serialized) struct RuntimeTests {
    static func metrics(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func torch(_ report: [String: Any]) -> [String: Any] {
        ((report["torch"] as? [String: Any])?["build"] as? [String: Any]) ?? [:]
    }

    /// start, end, label and score of each tag row.
    static func tags(_ csv: String) -> [(String, String, Double)] {
        csv.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",").map(String.init)
            return ("\(f[0]),\(f[1])", f[2], Double(f[3]) ?? .nan)
        }
    }

    @Test func infoDescribesEachRuntime() throws {
        let system = try CLITests.arbench(["info", "--libtorch", "system"])
        #expect(system.status == 0, "\(system.stderr)")
        #expect(system.stdout.contains("LibTorch 1.13") && system.stdout.contains("BLAS generic"), "\(system.stdout)")
        let pypi = try CLITests.arbench(["info", "--libtorch", "pypi"])
        #expect(pypi.status == 0, "\(pypi.stderr)")
        #expect(pypi.stdout.contains("LibTorch 2.15") && pypi.stdout.contains("BLAS mkl") && pypi.stdout.contains("MKL 2024"),
                "\(pypi.stdout)")
    }

    /// Same audio, same model (trained on system): the same tags on both runtimes, scores within 1e-3.
    @Test func tagsAreTheSameOnBothRuntimes() throws {
        let dir = CLITests.directory.path
        var outputs: [String: String] = [:]
        var digests: [String: String] = [:]
        for runtime in ["system", "pypi"] {
            let r = try CLITests.arbench(["run", CLITests.scene, "--model", CLITests.model, "--libtorch", runtime,
                                          "--engine-threads", "2", "--metrics", "\(dir)/rt-\(runtime).json"])
            #expect(r.status == 0, "\(runtime): \(r.stderr)")
            outputs[runtime] = r.stdout
            let report = try Self.metrics("\(dir)/rt-\(runtime).json")
            digests[runtime] = report["output_digest"] as? String
            #expect(Self.torch(report)["runtime"] as? String == runtime)
        }
        let a = Self.tags(outputs["system"] ?? ""), b = Self.tags(outputs["pypi"] ?? "")
        #expect(!a.isEmpty && a.count == b.count, "\(a.count) vs \(b.count) tags")
        for (x, y) in zip(a, b) {
            #expect(x.0 == y.0 && x.1 == y.1, "\(x) vs \(y)")
            #expect(abs(x.2 - y.2) <= 1e-3, "score \(x.2) vs \(y.2) at \(x.0)")
        }
        #expect(digests["system"] != nil && digests["system"] == digests["pypi"])
    }

    /// Intra-op threads stay per engine thread on 2.15 as on 1.13; `default` is what each runtime picks.
    @Test(arguments: [("pypi", "3", [3, 3]), ("pypi", "default", [2, 2]), ("system", "default", [1, 1])])
    func intraOpThreadsPerEngineThread(runtime: String, intra: String, expected: [Int]) throws {
        let out = CLITests.directory.appendingPathComponent("intra-\(runtime)-\(intra).json").path
        let r = try CLITests.arbench(["run", CLITests.scene, "--model", CLITests.model, "--libtorch", runtime, "--quiet",
                                      "--engine-threads", "2", "--intra-op-threads", intra, "--metrics", out])
        #expect(r.status == 0, "\(r.stderr)")
        let threads = try #require(try Self.metrics(out)["threads"] as? [String: Any])
        #expect(threads["intra_op_effective"] as? [Int] == expected)
    }

    @Test func workerProcessesRunOnTheChosenRuntime() throws {
        let out = CLITests.directory.appendingPathComponent("workers-pypi.json").path
        let r = try CLITests.arbench(["run", CLITests.scene, "--model", CLITests.model, "--libtorch", "pypi", "--quiet",
                                      "--engine-mode", "processes", "--engine-threads", "2", "--metrics", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.metrics(out)["engine_mode"] as? String == "processes")
    }

    /// A second OpenMP runtime in the process (here LLVM's libomp, Debian's libomp5, preloaded into a pypi
    /// run beside the wheel's libgomp) is detected, warned about in one line and recorded. (Preloading the
    /// system libgomp instead gives one runtime: same soname, so the wheel's copy is never loaded.)
    @Test func twoOpenMPRuntimesAreDetected() throws {
        let out = CLITests.directory.appendingPathComponent("two-omp.json").path
        let r = try CLITests.arbench(["run", CLITests.scene, "--model", CLITests.model, "--libtorch", "pypi", "--quiet",
                                      "--metrics", out],
                                     environment: ["LD_PRELOAD": "/usr/lib/x86_64-linux-gnu/libomp.so.5"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning: 2 OpenMP runtimes in one process"), "\(r.stderr)")
        #expect((Self.torch(try Self.metrics(out))["openmp_runtimes"] as? [String])?.count == 2)
        let single = try CLITests.arbench(["info", "--libtorch", "pypi"])
        #expect(!single.stderr.contains("OpenMP runtimes in one process"), "\(single.stderr)")
    }

    @Test func anUnusableRuntimeIsRefusedBeforeAnyAudio() throws {
        let empty = CLITests.directory.appendingPathComponent("empty-libtorch").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        for (runtime, message) in [("/nonexistent/libtorch", "no such LibTorch directory"),
                                   (empty, "no lib/libtorch_cpu.so")] {
            // The audio does not exist either: the runtime is checked first.
            let r = try CLITests.arbench(["run", "/nonexistent.wav", "--libtorch", runtime])
            #expect(r.status == 5, "\(runtime): \(r.stderr)")
            #expect(r.stderr.contains(message) && r.stderr.contains(runtime), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "one line: \(r.stderr)")
        }
    }

    /// A sweep with the runtime axis runs both in one experiment; every row says which ran it.
    @Test func sweepMixesRuntimes() throws {
        let dir = CLITests.directory.appendingPathComponent("rt-sweep")
        try? FileManager.default.removeItem(at: dir)
        let spec = CLITests.directory.appendingPathComponent("rt.yaml").path
        try """
        audio: {paths: [\(CLITests.scene)]}
        model: \(CLITests.model)
        engine_threads: [1, 2]
        intra_op_threads: [1, default]
        libtorch: [system, pypi]
        timeout: 2m
        """.write(toFile: spec, atomically: true, encoding: .utf8)
        let r = try CLITests.arbench(["sweep", spec, "--out", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try String(contentsOf: dir.appendingPathComponent("results.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        let column = { (name: String) in header.firstIndex(of: name) ?? -1 }
        let rows = lines.dropFirst()
        #expect(rows.count == 8)
        #expect(rows.allSatisfy { $0[column("status")] == "ok" })
        let versions = Dictionary(rows.map { ($0[column("libtorch")], $0[column("torch_version")]) }, uniquingKeysWith: { a, _ in a })
        #expect(versions["system"]?.hasPrefix("1.13") == true && versions["pypi"]?.hasPrefix("2.15") == true, "\(versions)")
        #expect(Set(rows.map { $0[column("output_digest")] }).count == 1)
        #expect(rows.allSatisfy { $0[column("openmp_runtimes")] == "1" })
        let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("meta.json"))) as? [String: Any]
        let runtimes = ((meta?["software"] as? [String: Any])?["runtimes"] as? [[String: Any]])?.compactMap { $0["runtime"] as? String }
        #expect(runtimes == ["pypi", "system"])
    }
}
