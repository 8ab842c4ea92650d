import Foundation
import Testing

/// `arbench ab`'s refusals, before any cell runs: one line on stderr and compare's exit codes.
@Suite struct ABCommandTests {
    func out() -> String {
        CLITests.directory.appendingPathComponent("ab-\(UUID().uuidString)").path
    }

    @Test func aBaseThatIsNotArbenchIsOneLineAndExit1() throws {
        let dir = out()
        let result = try CLITests.arbench(["ab", "Experiments/gate.yaml", "--base", "/bin/echo", "--out", dir])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("arbench: error: base build /bin/echo: not an arbench executable") == true)
        // Nothing ran: no run directory was made.
        #expect(!FileManager.default.fileExists(atPath: dir))
    }

    @Test func aMissingBaseIsOneLineAndExit1() throws {
        let result = try CLITests.arbench(["ab", "Experiments/gate.yaml", "--base", "/nonexistent/arbench", "--out", out()])
        #expect(result.status == 1)
        #expect(result.stderr.contains("base build /nonexistent/arbench: no such file"))
    }

    @Test func aCurrentThatIsNotArbenchIsNamed() throws {
        let result = try CLITests.arbench(["ab", "Experiments/gate.yaml", "--base", CLITests.binary, "--current", "/bin/true",
                                           "--out", out()])
        #expect(result.status == 1)
        #expect(result.stderr.contains("current build /bin/true: not an arbench executable"))
    }
}

/// `ab --measure instructions` refuses, before any input is made, a spec none of whose cells Valgrind can count.
@Suite struct ABInstructionRefusalTests {
    @Test func aSpecWithOnlyThreadedCellsIsRefusedNamingWhy() throws {
        let dir = CLITests.directory.appendingPathComponent("ab-count-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let spec = "\(dir)/threaded.yaml"
        let text = try String(contentsOfFile: "Experiments/gate-instructions.yaml", encoding: .utf8)
            .replacingOccurrences(of: "engine_threads: 1\n", with: "engine_threads: 2\n")
        #expect(text.contains("engine_threads: 2\n"))
        try text.write(toFile: spec, atomically: true, encoding: .utf8)
        let result = try CLITests.arbench(["ab", spec, "--base", CLITests.binary, "--measure", "instructions", "--out", "\(dir)/ab"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("no cell can be counted"))
        #expect(result.stderr.contains("2 engine threads (Valgrind runs one thread at a time"))
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/ab"))
    }
}
