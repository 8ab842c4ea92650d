import Results

/// The program each cell runs. Normally `arbench run` (this same executable); tests substitute a
/// `/bin/sh -c` script that writes a metrics JSON, so the launcher is tested without LibTorch.
public struct ChildCommand: Sendable {
    /// An absolute path (the child is started with posix_spawn, without a PATH search).
    public var executable: String
    /// argv after argv[0].
    public var arguments: @Sendable (CellInvocation) -> [String]

    public init(executable: String, arguments: @escaping @Sendable (CellInvocation) -> [String]) {
        self.executable = executable
        self.arguments = arguments
    }

    /// `arbench run` with the cell's settings (RunInvocation spells the argv).
    public static func arbenchRun(executable: String) -> ChildCommand {
        ChildCommand(executable: executable) { invocation in
            let cell = invocation.run.cell
            // Threads is `arbench run`'s default; the option is passed only when it changes something.
            return RunInvocation(
                audio: invocation.audioPaths, model: invocation.modelPath, engineThreads: cell.engineThreads,
                intraOpThreads: cell.resolvedIntraOpThreads(), interOpThreads: cell.interOpThreads, libtorch: cell.libtorch.name,
                engineMode: cell.engineMode == .processes ? cell.engineMode : nil,
                metrics: invocation.metricsPath, quiet: true, load: invocation.load, latencyBoundMs: invocation.latencyBoundMs
            ).arguments
        }
    }
}
