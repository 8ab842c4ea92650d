import Foundation
import Testing
@testable import Sweep
import Results

private let base = """
audio: {generate: {duration: 20s, seed: 1}}
model: tiny
engine_threads: [1, 2]
intra_op_threads: 1

"""

/// The `engine:` axis of a spec: arbench's own engine beside commands, every placeholder checked with
/// its file:line before anything runs.
@Suite("External engines in specs")
struct ExternalEngineSpecTests {
    @Test func engineListsTheBuiltInAndExternalEnginesAsAnAxis() throws {
        let spec = try parse(base + """
        engine:
          - arbench
          - name: py
            command: [/usr/bin/python3, e.py, --threads, "{engine_threads}", --metrics, "{metrics}", "{audio}"]
            env: {PYTHONHASHSEED: "0", SCRATCH: "{out}/tmp"}
            work: audio
          - command: [./bin/my-engine.v2, "{audio_list}"]
        """)
        #expect(spec.engines.map(\.name) == ["arbench", "py", "my-engine_v2"], "default name: the program's file name")
        #expect(spec.engines[1].external?.work == .audioSeconds(20), "work: audio is the generated scene's length")
        #expect(spec.engines[1].external?.environment == ["PYTHONHASHSEED": "0", "SCRATCH": "{out}/tmp"])
        let cells = ExperimentGrid(spec: spec).cells
        #expect(cells.count == 6)
        #expect(cells.filter { $0.engine.isBuiltIn }.map(\.id) == ["threads-e1-i1-x1-glibc-default-wdefault", "threads-e2-i1-x1-glibc-default-wdefault"])
        #expect(cells.contains { $0.id == "threads-e2-i1-x1-glibc-default-wdefault-eng-py" })
        // One mapping alone is one external engine.
        let single = try parse(base + "engine: {name: solo, command: [/bin/true]}\n")
        #expect(single.engines.map(\.name) == ["solo"])
        #expect(try parse(base).engines == [.arbench])
    }

    @Test func aMisspelledPlaceholderIsRefusedWithItsLineAndTheValidNames() throws {
        let found = problems(base + """
        engine:
          - name: py
            command: [/usr/bin/python3, e.py, --threads, "{engine_thread}"]
        """)
        #expect(found.count == 1)
        let problem = try #require(found.first)
        #expect(problem.line == 7)
        #expect(problem.field == "engine[0].command[3]")
        #expect(problem.message.hasPrefix("{engine_thread} is not a placeholder (valid: {engine_threads}, {intra_op_threads}"))
        #expect(problem.description.hasPrefix("test.yaml:7:"))
    }

    @Test func badEnginesAreRefusedNamingTheField() {
        for (engine, field, phrase) in [
            ("{command: \"run {engine_threads}\"}", "engine.command", "a string is a shell script: give argv as a list, or say shell: true"),
            ("{shell: true, command: [a, b]}", "engine.command", "with shell: true the command is one string"),
            ("{command: [e, \"--in={audio}\"]}", "engine.command[1]", "{audio} stands for several files, one argument each: give it as a whole element"),
            ("{command: [e], env: {FILES: \"{audio}\"}}", "engine.env.FILES", "use {audio_list}"),
            ("{command: [e], env: {LD_PRELOAD: /x.so}}", "engine.env.LD_PRELOAD", "set by arbench from the cell's allocator"),
            ("{command: [e], env: {MALLOC_CONF: \"x:1\"}}", "engine.env.MALLOC_CONF", "set by arbench from the cell's allocator"),
            ("{command: [e], env: {OMP_NUM_THREADS: \"4\"}}", "engine.env.OMP_NUM_THREADS", "set by arbench from the cell's intra_op_threads"),
            ("{command: [e], env: {1X: a}}", "engine.env.1X", "not a variable name"),
            ("{command: []}", "engine.command", "must name a program"),
            ("{command: [e], shell: maybe}", "engine.shell", "expected true or false"),
            ("{command: [e], name: \"my engine\"}", "engine.name", "an engine name is 1-40 letters, digits, _ or -"),
            ("{command: [e], name: arbench}", "engine.name", "arbench is the built-in engine's name"),
            ("{command: [e], work: {items: 0}}", "engine.work.items", "too small"),
            ("{command: [e], work: {items: 2, audio_seconds: 3}}", "engine.work", "give one of audio_seconds or items"),
            ("{command: [e], argv: [x]}", "engine.argv", "unknown key"),
            ("[arbench, {name: a, command: [e]}, {name: a, command: [f]}]", "engine", "engine a is listed twice"),
            ("[arbench, arbench]", "engine", "engine arbench is listed twice"),
            ("[pytorch]", "engine[0]", "\"pytorch\" is not an engine"),
        ] {
            let found = problems(base + "engine: \(engine)\n")
            #expect(found.contains { $0.field == field && $0.message.contains(phrase) }, "\(engine): \(found.map(\.description))")
        }
    }

    @Test func externalEnginesRefuseAxesOnlyArbenchsEngineHas() {
        let external = "engine: [arbench, {name: e, command: [e]}]\n"
        for (axes, phrase) in [
            ("scenario: streams\nstreams: 2\n", "external engines run offline only"),
            ("audio_passes: 2\n", "audio_passes applies to arbench's engine only"),
            ("engine_mode: [threads, processes]\n", "engine_mode applies to arbench's engine only"),
        ] {
            let found = problems(base + axes + external)
            #expect(found.contains { $0.field == "engine" && $0.message.contains(phrase) }, "\(axes): \(found.map(\.description))")
        }
        let paths = problems("""
        audio: {paths: [a.wav]}
        model: tiny
        engine_threads: 1
        intra_op_threads: 1
        engine: {command: [e], work: audio}
        """, existing: ["a.wav"])
        #expect(paths.contains { $0.field == "engine.work" && $0.message.contains("work: audio needs generated audio") }, "\(paths)")
    }

    @Test func theREADMEListsEveryPlaceholder() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md").path
        let text = try String(contentsOfFile: readme, encoding: .utf8)
        let section = try #require(text.range(of: "## Your own engine")).upperBound
        let body = text[section...].prefix { _ in true }.components(separatedBy: "\n## ").first ?? ""
        for placeholder in EnginePlaceholder.allCases {
            #expect(body.contains("`\(placeholder.text)`"), "README, Your own engine: \(placeholder.text) is not in the table")
        }
        #expect(body.contains(EngineMetrics.schema))
    }

    @Test func changingAnEnginesCommandInvalidatesItsFinishedRuns() throws {
        let a = try parse(base + "engine: [arbench, {name: e, command: [e, \"{audio}\"]}]\n")
        let b = try parse(base + "engine: [arbench, {name: e, command: [e, --fast, \"{audio}\"]}]\n")
        let c = try parse(base + "engine: [arbench, {name: e, command: [e, \"{audio}\"]}, {name: f, command: [f]}]\n")
        #expect(SpecChange(recorded: a, given: b).invalidating.map(\.key) == ["engine"])
        #expect(SpecChange(recorded: a, given: c).extending.map(\.key) == ["engine"], "a new engine only adds cells")
    }
}
