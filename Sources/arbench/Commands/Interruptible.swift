import ArgumentParser
import Sweep

/// How `sweep` and `ab` run their cells: Ctrl-C or SIGTERM kills the running cell and stops (exit 130,
/// with how to continue), any other error is one line and exit 1.
enum Interruptible {
    static func run<T>(stopping: String, resume: String, _ body: () throws -> T) throws -> T {
        InterruptHandler.install { signal in
            printNote("\(signal): stopping; \(stopping)")
        }
        do {
            return try body()
        } catch is SweepInterrupted {
            printNote("interrupted: \(resume)")
            throw ExitCode(130)
        } catch {
            printError("\(error)")
            throw ExitCodes.error
        }
    }
}
