import Foundation

/// What a finished child process left behind: its exit status and everything it wrote.
public struct ProcessOutput: Sendable {
    /// The exit code, or the signal number when a signal ended the child (Foundation's `terminationStatus`).
    public let status: Int32
    public let stdoutData: Data
    public let stderrData: Data

    public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    public var stderr: String { String(decoding: stderrData, as: UTF8.self) }
}
