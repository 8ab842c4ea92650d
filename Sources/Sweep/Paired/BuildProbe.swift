import Foundation

/// Checks, before any cell runs, that the two builds of an A/B can be compared: each is an arbench
/// executable (`BIN --version` answers as arbench does) and both load the same LibTorch (the
/// runtime line of `--version`). Both run on this machine under this harness, so the machine is
/// the same by construction; a different LibTorch would make the A/B measure the libraries, not the code.
public enum BuildProbe {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// Not there, not executable, or not arbench: an error in the command line (exit 1).
        case unusable(String)
        /// Two arbench builds that would measure different things (exit 3).
        case notComparable(String)

        public var description: String {
            switch self {
            case .unusable(let text), .notComparable(let text): text
            }
        }
    }

    /// What `--version` says about one build.
    public struct Identity: Sendable, Equatable {
        /// `commit ... in ...`, or `commit unknown ...`.
        public var source: String
        /// The `LibTorch runtime: ...` line.
        public var runtime: String
    }

    /// Both builds' identities, or the first problem found (base checked first).
    public static func check(base: String, current: String, timeoutSeconds: Double = 30) -> Result<[String: Identity], Problem> {
        var identities: [String: Identity] = [:]
        for (label, path) in [("base", base), ("current", current)] {
            switch identify(path, timeoutSeconds: timeoutSeconds) {
            case .success(let identity): identities[label] = identity
            case .failure(let why): return .failure(.unusable("\(label) build \(path): \(why)"))
            }
        }
        let baseRuntime = identities["base"]!.runtime, currentRuntime = identities["current"]!.runtime
        if baseRuntime != currentRuntime {
            return .failure(.notComparable("the builds load different LibTorch runtimes: base \"\(baseRuntime)\", current \"\(currentRuntime)\""))
        }
        return .success(identities)
    }

    /// Runs `path --version` and reads its two lines.
    public static func identify(_ path: String, timeoutSeconds: Double = 30) -> Result<Identity, ProbeFailure> {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            return .failure(ProbeFailure(FileManager.default.fileExists(atPath: path) ? "not executable" : "no such file"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--version"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return .failure(ProbeFailure("cannot start: \(error.localizedDescription)")) }
        // A binary that waits for input or hangs must not stall the gate: killed after the timeout.
        let deadline = DispatchTime.now() + timeoutSeconds
        DispatchQueue.global().asyncAfter(deadline: deadline) { if process.isRunning { process.terminate() } }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return parse(String(decoding: data, as: UTF8.self), status: process.terminationStatus)
    }

    /// `--version`'s output as arbench prints it (ARBench.versionText), else why it is not arbench.
    public static func parse(_ text: String, status: Int32) -> Result<Identity, ProbeFailure> {
        let lines = text.split(separator: "\n").map(String.init)
        guard status == 0, lines.count >= 2, lines[0].hasPrefix("arbench "), lines[1].hasPrefix("LibTorch runtime: ") else {
            return .failure(ProbeFailure("not an arbench executable (`--version` did not answer as arbench does)"))
        }
        return .success(Identity(source: String(lines[0].dropFirst("arbench ".count)), runtime: lines[1]))
    }

    public struct ProbeFailure: Error, Equatable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
