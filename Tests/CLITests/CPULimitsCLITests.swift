import Foundation
import TestSupport
import Testing

/// cpu_quota and cpuset through `arbench sweep` as a user runs it: refusals before any cell runs (one
/// line, exit 64), and the groups of a sweep killed with SIGKILL removed by the next start.
@Suite(.serialized) struct CPULimitsCLITests {
    /// The cgroup v1 cpu controller's mount point when this process may use it (root, writable).
    static let cpuController: String? = {
        guard getuid() == 0, let mounts = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8) else { return nil }
        for line in mounts.split(separator: "\n") {
            let f = line.split(separator: " ")
            if f.count >= 4, f[2] == "cgroup", f[3].split(separator: ",").contains("cpu"), !f[3].split(separator: ",").contains("ro"),
               access(String(f[1]), W_OK) == 0 {
                return String(f[1])
            }
        }
        return nil
    }()

    static func spec(_ name: String, _ axes: String) throws -> String {
        let path = CLITests.directory.appendingPathComponent(name).path
        try """
        audio: {paths: [\(CLITests.scene)]}
        model: \(CLITests.model)
        engine_threads: 1
        intra_op_threads: [1, budget]
        timeout: 2m
        \(axes)
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func impossibleLimitsAreOneLineSpecErrorsBeforeAnyCellRuns() throws {
        let cpus = ProcessInfo.processInfo.processorCount
        for (axes, phrase) in [
            ("cpu_quota: [0.001]", ":6: cpu_quota[0]: 0.001 CPUs is below what a 100 ms period can express (0.01 to \(cpus) CPUs on this machine)"),
            ("cpu_quota: [\(cpus + 1)]", ":6: cpu_quota[0]: \(cpus + 1) CPUs is more than this machine has (0.01 to \(cpus) CPUs on this machine)"),
            ("cpuset: [\"0-\(cpus + 3)\"]", "names CPUs this machine does not have: \(cpus)-\(cpus + 3)"),
        ] {
            let out = CLITests.directory.appendingPathComponent("refused-\(UUID().uuidString)").path
            let r = try CLITests.arbench(["sweep", try Self.spec("limits-bad.yaml", axes), "--out", out])
            #expect(r.status == 64, "\(axes): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "one line: \(r.stderr)")
            #expect(r.stderr.contains(phrase), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out), "nothing ran")
        }
    }

    @Test(.enabled(if: getuid() == 0, "drops root to check the refusal"))
    func aQuotaWithoutRootIsRefusedSayingHow() throws {
        let spec = try Self.spec("limits-noroot.yaml", "cpu_quota: [0.5]")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: CLITests.directory.path)
        let r = try ProcessRunner.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", CLITests.binary,
                                                           "sweep", spec, "--dry-run"],
                                      environment: ["PATH": "/usr/bin:/bin", "HOME": "/tmp"])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "one line: \(r.stderr)")
        #expect(r.stderr.contains(":6: cpu_quota: cpu_quota needs root to create cgroups (running as uid 65534): run the sweep as root"), "\(r.stderr)")
    }

    @Test(.enabled(if: cpuController != nil, "needs root and a writable cgroup v1 cpu controller"))
    func theGroupsOfASweepKilledWithSIGKILLAreRemovedAtTheNextStart() throws {
        // A parent of this test's own: any other arbench started meanwhile (the suites run in parallel)
        // cleans the killed sweep's groups under its parent, not this one.
        let parentName = "arbench-test-\(getpid())"
        let parent = try #require(Self.cpuController) + "/" + parentName
        let environment = ["ARBENCH_CGROUP_PARENT": parentName]
        defer { rmdir(parent) }
        // A tenth of a CPU makes the cell's start (loading LibTorch) last seconds: time to kill the sweep in it.
        let spec = try Self.spec("limits-kill.yaml", "cpu_quota: [0.1]")
        let out = CLITests.directory.appendingPathComponent("killed-\(UUID().uuidString)").path
        let sweep = Process()
        sweep.executableURL = URL(fileURLWithPath: CLITests.binary)
        sweep.environment = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
        sweep.arguments = ["sweep", spec, "--out", out]
        sweep.standardOutput = FileHandle.nullDevice
        sweep.standardError = FileHandle.nullDevice
        try sweep.run()
        let prefix = "sweep\(sweep.processIdentifier)-"
        var group: String?
        let deadline = Date().addingTimeInterval(90)
        while group == nil && Date() < deadline && sweep.isRunning {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
            group = names.first { $0.hasPrefix(prefix) }.map { parent + "/" + $0 }
            if group == nil { usleep(20_000) }
        }
        let made = try #require(group, "the sweep made no cell group")
        kill(sweep.processIdentifier, SIGKILL)
        sweep.waitUntilExit()
        #expect(FileManager.default.fileExists(atPath: made), "SIGKILL left the group behind")

        let r = try CLITests.arbench(["sweep", spec, "--dry-run"], environment: environment)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("removed 1 cgroup(s) left by a killed arbench sweep: \(made)"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: made))
    }
}
