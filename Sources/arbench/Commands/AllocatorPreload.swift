import Engine
import Foundation
import Results
import Sweep

/// `arbench run --allocator NAME`: the allocator has to be there before the first malloc, so the process
/// executes itself again with the environment a sweep cell of that allocator gets (CellEnvironment), then
/// checks in the new process that the allocator asked for is the one active.
enum AllocatorPreload {
    /// Set in the re-executed process: the allocator it was started for.
    static let marker = "ARBENCH_ALLOCATOR"

    /// Returns only in the process that runs with `setting` (after exec); throws when it cannot be arranged.
    static func ensure(_ setting: AllocatorSetting) throws {
        let environment = ProcessInfo.processInfo.environment
        let kind = setting.kind
        if environment[marker] == setting.label {
            let active = AllocatorInfo.current().name
            guard active == kind.reportedName else {
                printError("--allocator \(setting.label): \(active) is active instead (LD_PRELOAD=\(environment["LD_PRELOAD"] ?? ""))")
                throw ExitCodes.error
            }
            return
        }
        if let library = setting.libraryPath, !setting.isInstalled {
            printError("--allocator \(setting.label): \(library) is not installed (apt-get install \(setting.debianPackage))")
            throw ExitCodes.error
        }
        var next = CellEnvironment.make(for: setting, inheriting: environment)
        next[marker] = setting.label
        let executable = OwnExecutable.path
        let argv = [executable] + CommandLine.arguments.dropFirst()
        let envp = next.map { "\($0.key)=\($0.value)" }
        withCStrings(argv) { cArgv in withCStrings(envp) { cEnvp in _ = execve(executable, cArgv, cEnvp) } }
        printError("--allocator \(setting.label): cannot execute \(executable) again: \(String(cString: strerror(errno)))")
        throw ExitCodes.error
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}
