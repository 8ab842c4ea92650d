import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Results

/// One run of an external engine made concrete: its placeholders filled from the cell and the files
/// arbench prepared for it, its program found, its environment the cell's plus the spec's `env`.
/// Values become argv elements as they are (a file name with spaces, quotes, `;` or `$()` stays one
/// argument); only a `shell: true` engine goes through `/bin/sh -c`, with every value single-quoted.
public struct ExternalCommand: Sendable, Equatable {
    public var argv: [String]
    public var environment: [String: String]

    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Where a run's scratch directory and audio list live: beside its metrics file.
    public static func scratchDirectory(metricsPath: String) -> String { stem(metricsPath) + ".out" }
    public static func audioListPath(metricsPath: String) -> String { stem(metricsPath) + ".audio.txt" }

    private static func stem(_ metricsPath: String) -> String {
        metricsPath.hasSuffix(".json") ? String(metricsPath.dropLast(5)) : metricsPath
    }

    /// Makes the run's scratch directory (empty) and audio list, fills the templates and finds the program.
    public static func prepare(_ engine: ExternalEngine, invocation: CellInvocation,
                               cellEnvironment: [String: String]) throws(Problem) -> ExternalCommand {
        let cell = invocation.run.cell
        let out = scratchDirectory(metricsPath: invocation.metricsPath)
        let list = audioListPath(metricsPath: invocation.metricsPath)
        do {
            try? FileManager.default.removeItem(atPath: out)
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            if engine.uses(.audioList) { try AtomicFile.write(invocation.audioPaths.map { $0 + "\n" }.joined(), to: list) }
        } catch {
            throw Problem(description: "cannot prepare \(out): \(error)")
        }
        let budget = cell.budget().cpus
        var resolvedAxes = cell.axes
        resolvedAxes.intraOpThreads = cell.resolvedIntraOpThreads()
        func value(_ placeholder: EnginePlaceholder) -> [String] {
            switch placeholder {
            // An axis as its column holds it, `budget` resolved to the count the child is given.
            case .axis(let name): [Axis.named(name).map { $0.value(in: resolvedAxes) } ?? ""]
            case .cpuBudget: [budget == budget.rounded() ? String(Int(budget)) : String(format: "%.2f", budget)]
            case .cellID: [cell.id]
            case .repetition: [String(invocation.run.repetition)]
            case .model: [invocation.modelPath]
            case .audio: invocation.audioPaths
            case .audioList: [list]
            case .out: [out]
            case .metrics: [invocation.metricsPath]
            }
        }
        func fill(_ text: String, quote: ((String) -> String)?) -> [String] {
            // The spec reader refused templates that do not parse; an unparseable one here is a literal.
            (try? EngineTemplate.parse(text))?.render(value, quote: quote) ?? [text]
        }
        var environment = cellEnvironment
        for (key, text) in engine.environment { environment[key] = fill(text, quote: nil).joined(separator: " ") }
        var argv = engine.shell
            ? ["/bin/sh", "-c", engine.command.flatMap { fill($0, quote: ShellScript.quoted) }.joined(separator: " ")]
            : engine.command.flatMap { fill($0, quote: nil) }
        argv[0] = try locate(argv[0], path: environment["PATH"])
        return ExternalCommand(argv: argv, environment: environment)
    }

    /// The program as posix_spawn needs it: a name without `/` searched on PATH (as a shell would), a path
    /// as given (relative to the sweep's working directory); refused when missing or not executable.
    static func locate(_ program: String, path: String?) throws(Problem) -> String {
        func executable(_ candidate: String) -> Bool {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) && !isDirectory.boolValue
                && access(candidate, X_OK) == 0
        }
        if program.contains("/") {
            guard FileManager.default.fileExists(atPath: program) else { throw Problem(description: "command not found: \(program)") }
            guard executable(program) else { throw Problem(description: "command not executable: \(program)") }
            return program
        }
        let directories = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        if let found = directories.map({ ($0.isEmpty ? "." : $0) + "/" + program }).first(where: executable) { return found }
        throw Problem(description: "command not found: \(program) (not on PATH)")
    }
}
