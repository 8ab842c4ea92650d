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

    /// `arbench run AUDIO... --model M --engine-threads N --intra-op-threads K --inter-op-threads I
    /// --metrics OUT.json --quiet [--engine-mode processes]`.
    public static func arbenchRun(executable: String) -> ChildCommand {
        ChildCommand(executable: executable) { invocation in
            let cell = invocation.run.cell
            var arguments = ["run"] + invocation.audioPaths + [
                "--model", invocation.modelPath,
                "--engine-threads", String(cell.engineThreads),
                "--intra-op-threads", String(cell.intraOpThreads),
                "--inter-op-threads", String(cell.interOpThreads),
                "--metrics", invocation.metricsPath,
                "--quiet",
            ]
            // Threads is `arbench run`'s default; the option is passed only when it changes something.
            if cell.engineMode == .processes { arguments += ["--engine-mode", "processes"] }
            return arguments
        }
    }
}
