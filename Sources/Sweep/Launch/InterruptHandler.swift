import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C or SIGTERM during a sweep: kill the running cell (its own process group would
/// otherwise run on, orphaned, disturbing whatever runs next), then exit. results.csv is always
/// complete on disk, so `--resume` continues from there.
public enum InterruptHandler {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    public static func install(onInterrupt: @escaping @Sendable (_ signalName: String) -> Void) {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                ActiveChild.shared.kill()
                onInterrupt(SignalName.of(signalNumber))
                exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}
