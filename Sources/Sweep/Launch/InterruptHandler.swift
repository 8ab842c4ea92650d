import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C, SIGTERM or SIGHUP during a sweep: kill the running cell, let the runner stop after it
/// (it throws `SweepInterrupted`), and exit. results.csv is complete on disk at every moment, so
/// `--resume` continues from there.
public enum InterruptHandler {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    public static func install(onInterrupt: @escaping @Sendable (_ signalName: String) -> Void) {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                ActiveChild.shared.interrupt()
                onInterrupt(SignalName.of(signalNumber))
                // Outside the cell loop (building the model, generating audio) nothing else
                // checks the flag; inside it, the runner stops at once, this is only a backstop.
                let grace: Double = ActiveChild.shared.isLoopRunning ? 10 : 0
                DispatchQueue.global().asyncAfter(deadline: .now() + grace) { exit(128 + signalNumber) }
            }
            source.resume()
            sources.append(source)
        }
    }
}
