import Foundation
import Results

/// Runs `arbench run` children under Valgrind's callgrind for `ab --measure instructions`. Platform facts
/// (../shared/PLATFORM-FACTS.md, measured 2026-12-07): Valgrind 3.19 gives up on a Swift 6.3 binary's
/// debug info, so each build runs as a copy with its debug sections stripped (its symbol table kept),
/// written beside the original so it finds the LibTorch shims (`libtorch/`) as the original does;
/// LibTorch's start-up costs about 20 s under Valgrind even uninstrumented, so counting starts only at
/// the engine's markers (CShims/CCount; `--instr-atstart=no`) and the start-up runs at Valgrind's
/// plain speed instead of 50x slower.
public struct Callgrind: Sendable {
    public let valgrind: String

    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// Valgrind on PATH, or a one-line refusal saying how to get it.
    public static func locate() throws(Problem) -> Callgrind {
        guard let valgrind = HelperCommand.resolve("valgrind") else {
            throw Problem(description: "valgrind not found on PATH: instruction counts need it (`apt-get install valgrind`; `make deps` installs it)")
        }
        return Callgrind(valgrind: valgrind)
    }

    /// A copy of `binary` Valgrind can read: its debug sections stripped, beside it as `NAME.valgrind`
    /// (rewritten each time, renamed into place, so a rebuilt binary is never counted through an old copy).
    public static func readableCopy(of binary: String) throws(Problem) -> String {
        guard HelperCommand.resolve("strip") != nil else {
            throw Problem(description: "strip not found on PATH: Valgrind needs a copy of \(binary) without debug info (`apt-get install binutils`)")
        }
        let copy = binary + ".valgrind"
        let temporary = copy + ".\(getpid()).tmp"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        guard HelperCommand.output(["strip", "--strip-debug", "-o", temporary, binary]) != nil else {
            throw Problem(description: "\(binary): strip could not write \(temporary) (is the directory writable?)")
        }
        guard rename(temporary, copy) == 0 else {
            throw Problem(description: "\(copy): cannot rename the stripped copy into place: \(String(cString: strerror(errno)))")
        }
        return copy
    }

    /// Why a cell's instructions cannot be counted, or nil when they can. Valgrind runs one thread at a
    /// time: a cell with more than one engine, intra-op or inter-op thread would be counted without the
    /// contention that is its point (and its spin-waits would count scheduling); a live load's pacing
    /// waits on the clock, which Valgrind slows 50x; an external engine has no markers.
    public static func refusal(for cell: Cell) -> String? {
        if cell.engine.external != nil { return "an external engine (no count markers)" }
        if !cell.load.isOffline { return "a \(cell.load.scenario.rawValue) load (paced on the clock, which Valgrind slows)" }
        var threads: [String] = []
        if cell.engineThreads != 1 { threads.append("\(cell.engineThreads) engine threads") }
        if cell.resolvedIntraOpThreads() != 1 { threads.append("intra-op \(cell.resolvedIntraOpThreads())") }
        if cell.interOpThreads != 1 { threads.append("inter-op \(cell.interOpThreads)") }
        if !threads.isEmpty {
            return "\(threads.joined(separator: ", ")) (Valgrind runs one thread at a time: counts need engine 1, intra-op 1, inter-op 1)"
        }
        return nil
    }

    /// `arbench run` (the cell's argv, as ChildCommand.arbenchRun spells it) of `copy` under callgrind,
    /// its count written beside the run's metrics (RunDirectory.instructionsPath).
    public func command(copy: String) -> ChildCommand {
        let run = ChildCommand.arbenchRun(executable: copy)
        let valgrind = valgrind
        return ChildCommand(executable: valgrind) { invocation in
            ["--tool=callgrind", "--instr-atstart=no", "--dump-line=no",
             "--callgrind-out-file=\(RunDirectory.instructionsPath(metricsPath: invocation.metricsPath))",
             copy] + run.arguments(invocation)
        }
    }
}
