import Foundation

/// Runs a program to completion and collects what it wrote: the one way tests start a child process.
/// Both pipes are drained at the same time, each on its own thread, while the child runs: reading one to
/// its end before the other deadlocks as soon as the child fills the unread pipe (64 KiB) and blocks.
public enum ProcessRunner {
    /// `environment` nil: the child inherits the test process's. Standard input is /dev/null, so a child
    /// that reads it sees end of file instead of waiting on the test runner's terminal.
    public static func run(_ executable: String, _ arguments: [String] = [],
                           environment: [String: String]? = nil) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let out = PipeDrain(stdout.fileHandleForReading)
        let err = PipeDrain(stderr.fileHandleForReading)
        let outData = out.wait()
        let errData = err.wait()
        process.waitUntilExit()
        return ProcessOutput(status: process.terminationStatus, stdoutData: outData, stderrData: errData)
    }
}
