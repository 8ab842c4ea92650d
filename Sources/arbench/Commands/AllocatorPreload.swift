import Engine
import Foundation
import Results
import Sweep

/// `arbench run --allocator KIND`: the allocator has to be there before the first malloc, so the process
/// executes itself again with the environment a sweep cell of that allocator gets (CellEnvironment), then
/// checks in the new process that the allocator asked for is the one active.
enum AllocatorPreload {
    /// Set in the re-executed process: the allocator it was started for.
    static let marker = "ARBENCH_ALLOCATOR"

    /// Returns only in the process that runs with `kind` (after exec); throws when it cannot be arranged.
    static func ensure(_ kind: AllocatorKind) throws {
        let environment = ProcessInfo.processInfo.environment
        if environment[marker] == kind.rawValue {
            let active = AllocatorInfo.current().name
            guard active == kind.reportedName else {
                printError("--allocator \(kind.rawValue): \(active) is active instead (LD_PRELOAD=\(environment["LD_PRELOAD"] ?? ""))")
                throw ExitCodes.error
            }
            return
        }
        guard kind.isInstalled else {
            printError("--allocator \(kind.rawValue): \(kind.defaultLibraryPath ?? kind.rawValue) is not installed (apt-get install \(kind.debianPackage))")
            throw ExitCodes.error
        }
        var next = CellEnvironment.make(for: AllocatorSetting(kind: kind), inheriting: environment)
        next[marker] = kind.rawValue
        let executable = OwnExecutable.path
        let argv = [executable] + CommandLine.arguments.dropFirst()
        let envp = next.map { "\($0.key)=\($0.value)" }
        withCStrings(argv) { cArgv in withCStrings(envp) { cEnvp in _ = execve(executable, cArgv, cEnvp) } }
        printError("--allocator \(kind.rawValue): cannot execute \(executable) again: \(String(cString: strerror(errno)))")
        throw ExitCodes.error
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}
