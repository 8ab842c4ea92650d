import Foundation

/// Runs a short informational command (git, dpkg-query, ldd) and returns its output, or nil when
/// it is missing or fails. Uses the launcher's posix_spawn path, not Foundation's Process, so no
/// second child-reaping mechanism ever runs in the sweep process.
enum HelperCommand {
    static func output(_ argv: [String]) -> String? {
        guard let program = argv.first, let executable = resolve(program) else { return nil }
        let outputPath = NSTemporaryDirectory() + "arbench-helper-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C"
        guard let pid = try? ProcessSpawner.spawn(argv: [executable] + argv.dropFirst(), environment: environment, outputPath: outputPath),
              let waited = ProcessSpawner.wait(pid: pid),
              Termination(waitStatus: waited.status) == .exited(code: 0),
              let text = try? String(contentsOfFile: outputPath, encoding: .utf8) else { return nil }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A PATH search, since posix_spawn is given a path.
    static func resolve(_ program: String) -> String? {
        if program.contains("/") { return program }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
