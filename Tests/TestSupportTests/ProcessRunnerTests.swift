import Foundation
import TestSupport
import Testing

@Suite struct ProcessRunnerTests {
    /// A child that fills stderr first, then stdout, 2 MiB each (32 times a 64 KiB pipe): a runner that
    /// reads stdout to its end before touching stderr never returns. `timeout` kills the child (and its
    /// process group) after 60 s, so a deadlocked runner fails here instead of hanging the suite.
    @Test func drainsBothPipesOfAChildWritingMegabytesToEach() throws {
        let size = 2 << 20
        let script = "head -c \(size) /dev/zero | tr '\\0' e >&2; head -c \(size) /dev/zero | tr '\\0' o; exit 3"
        let output = try ProcessRunner.run("/usr/bin/timeout", ["-s", "KILL", "60", "/bin/sh", "-c", script])
        #expect(output.status == 3, "the child's own exit status, not a kill by timeout")
        #expect(output.stdoutData.count == size)
        #expect(output.stderrData.count == size)
        #expect(output.stdoutData.allSatisfy { $0 == UInt8(ascii: "o") })
        #expect(output.stderrData.allSatisfy { $0 == UInt8(ascii: "e") })
    }

    @Test func passesArgumentsAndEnvironmentAndClosesStandardInput() throws {
        let output = try ProcessRunner.run("/bin/sh", ["-c", "printf '%s|%s' \"$1\" \"$GREETING\"; cat", "sh", "a b"],
                                           environment: ["GREETING": "hello", "PATH": "/usr/bin:/bin"])
        #expect(output.status == 0)
        #expect(output.stdout == "a b|hello", "cat read /dev/null and added nothing")
        #expect(output.stderr.isEmpty)
    }

    @Test func aMissingProgramThrows() {
        #expect(throws: (any Error).self) { try ProcessRunner.run("/nonexistent/program") }
    }
}
