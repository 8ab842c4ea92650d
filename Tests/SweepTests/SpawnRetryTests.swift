import Foundation
import Testing
@testable import Sweep

/// Linux refuses to exec a file some process still has open for writing (ETXTBSY). A script written just
/// before its cell starts can be held so for a moment by a child another thread forked meanwhile (seen in CI
/// as "cannot start .../good.sh: Text file busy"): the launcher waits and tries again instead of failing.
@Suite("spawning a script still open for writing")
struct SpawnRetryTests {
    @Test func aScriptHeldOpenForAMomentStillStarts() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = dir + "/engine.sh"
        try "#!/bin/sh\necho started\n".write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let held = open(script, O_WRONLY | O_APPEND)
        #expect(held >= 0)
        // Released 150 ms from now, on another thread, as the other child's exec would release it.
        let release = Thread { usleep(150_000); close(held) }
        release.start()
        let log = dir + "/out.log"
        let pid = try ProcessSpawner.spawn(argv: [script], environment: [:], outputPath: log)
        let ended = ProcessSpawner.wait(pid: pid)
        #expect(ended?.status == 0, "exited 0 (wait status 0)")
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "started\n")
    }
}
