import Foundation
import Testing
@testable import Results

/// The pieces of an external engine that need no process: its templates, its metrics file, its columns.
struct ExternalEngineTests {
    @Test func templatesSplitIntoTextAndPlaceholdersWithDoubledBracesLiteral() throws {
        let t = try EngineTemplate.parse("--threads={engine_threads},{{x}}")
        #expect(t.pieces == [.text("--threads="), .placeholder(.axis("engine_threads")), .text(",{x}")])
        #expect(try EngineTemplate.parse("{audio}").isSinglePlaceholder)
        #expect(try !EngineTemplate.parse("x{audio}").isSinglePlaceholder)
        #expect(try EngineTemplate.parse("plain").placeholders.isEmpty)
    }

    @Test func anUnknownPlaceholderNamesTheValidOnes() {
        #expect(throws: EngineTemplate.Problem.self) { try EngineTemplate.parse("{engine_thread}") }
        do {
            _ = try EngineTemplate.parse("--n={engine_thread}")
        } catch {
            #expect(error.description.hasPrefix("{engine_thread} is not a placeholder (valid: {engine_threads}, {intra_op_threads},"))
            #expect(error.description.contains("{metrics}"))
        }
        for text in ["{", "a}b", "{engine_threads", "}}}"] {
            #expect(throws: EngineTemplate.Problem.self, "\(text)") { try EngineTemplate.parse(text) }
        }
    }

    @Test func aWholeElementListPlaceholderIsOneElementPerValue() throws {
        let values: (EnginePlaceholder) -> [String] = { $0 == .audio ? ["a b.wav", "c'd.wav"] : ["4"] }
        #expect(try EngineTemplate.parse("{audio}").render(values) == ["a b.wav", "c'd.wav"])
        #expect(try EngineTemplate.parse("-t{engine_threads}").render(values) == ["-t4"])
        let quoted = try EngineTemplate.parse("run {audio} -t {engine_threads}").render(values) { "<\($0)>" }
        #expect(quoted == ["run <a b.wav> <c'd.wav> -t <4>"])
    }

    @Test func aFullMetricsFileFillsEveryField() throws {
        let json = """
        {"schema": "arbench.engine-metrics/1", "items": 180, "audio_seconds": 90.5, "processing_seconds": 1.25,
         "model_load_seconds": 0.2, "latency_ms": {"p50": 5.1, "p95": 8, "p99": 9.5}, "output_digest": "ab12",
         "extra": {"gil_wait_s": 0.3}, "queue_peak": 7}
        """
        let r = EngineMetrics.parse(Data(json.utf8))
        #expect(r.problem == nil)
        #expect(r.metrics == EngineMetrics(items: 180, audioSeconds: 90.5, processingSeconds: 1.25, modelLoadSeconds: 0.2,
                                           latencyP50Ms: 5.1, latencyP95Ms: 8, latencyP99Ms: 9.5, outputDigest: "ab12",
                                           extra: ["gil_wait_s": 0.3, "queue_peak": 7]))
    }

    @Test func aBadMetricsFileIsAProblemNeverACrash() throws {
        #expect(EngineMetrics.parse(Data("not json {".utf8)) == .init(metrics: nil, problem: "metrics file is not JSON"))
        #expect(EngineMetrics.parse(Data("[1, 2]".utf8)).problem == "metrics file is not a JSON object")
        #expect(EngineMetrics.parse(Data(#"{"schema": "other/2"}"#.utf8)).problem == #"metrics file schema "other/2" is not arbench.engine-metrics/1"#)
        // Off-schema fields are left out one by one; the rest is kept.
        let r = EngineMetrics.parse(Data(#"{"items": "many", "audio_seconds": true, "processing_seconds": -1, "latency_ms": 5, "output_digest": "a,b", "x": [1], "bad name": 2, "ok": 3}"#.utf8))
        #expect(r.metrics?.items == nil)
        #expect(r.metrics?.audioSeconds == nil)
        #expect(r.metrics?.processingSeconds == nil)
        #expect(r.metrics?.outputDigest == nil)
        #expect(r.metrics?.extra == ["ok": 3])
        for phrase in ["items: expected a number", "audio_seconds: expected a number", "processing_seconds: expected a number >= 0",
                       "latency_ms: expected an object", "output_digest: expected one line", "x: expected a number",
                       "extra bad name: a name of letters"] {
            #expect(r.problem?.contains(phrase) == true, "\(phrase): \(r.problem ?? "")")
        }
    }

    @Test func aMissingMetricsFileIsAProblemOnlyWhenTheEngineWasHandedThePath() {
        let path = "/nonexistent/\(UUID().uuidString).json"
        #expect(EngineMetrics.read(path: path, expected: false) == .init(metrics: nil, problem: nil))
        #expect(EngineMetrics.read(path: path, expected: true).problem == "metrics file not written (\(path))")
        let engine = ExternalEngine(name: "e", command: ["e", "--out={metrics}"])
        #expect(engine.asksForMetrics)
        #expect(!ExternalEngine(name: "e", command: ["e", "{out}"]).asksForMetrics)
        #expect(ExternalEngine(name: "e", command: ["e"], environment: ["M": "{metrics}"]).asksForMetrics)
    }

    @Test func extraColumnsFollowTheRegistryAndStayEmptyWhereARowHasNone() throws {
        var a = ResultRow(values: [:])
        a[.cellID] = "a"
        a["x_gil_wait_s"] = "0.300000"
        var b = ResultRow(values: [:])
        b[.cellID] = "b"
        let text = ResultsFile.text([a, b])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == Metric.csvHeader + ",x_gil_wait_s")
        #expect(lines[1].hasSuffix(",0.300000"))
        #expect(lines[2].hasSuffix(","), "absent, not zero")
        #expect(ExtraColumn.column(for: "GIL_wait") == "x_gil_wait")
        #expect(ExtraColumn.column(for: "a-b") == nil)
        #expect(!ExtraColumn.isExtra(Metric.cellID.column))
    }

    @Test func enginesRoundTripThroughJSONAndOldSpecsReadAsArbenchsEngine() throws {
        let engines: [CellEngine] = [.arbench, .external(ExternalEngine(name: "py", command: ["/usr/bin/python3", "e.py", "{audio}"],
                                                                          shell: false, environment: ["A": "{out}"], work: .items(3)))]
        let data = try JSONEncoder().encode(engines)
        #expect(try JSONDecoder().decode([CellEngine].self, from: data) == engines)
        // meta.json of a sweep from before engines existed: the same spec without the key.
        let spec = ExperimentSpec(name: "x", audio: .paths(["a.wav"]), model: "m.pt", engineThreads: [1], intraOpThreads: [1], engines: engines)
        var object = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(spec)) as? [String: Any])
        #expect(object["engine"] != nil)
        #expect(try JSONDecoder().decode(ExperimentSpec.self, from: try JSONEncoder().encode(spec)).engines == engines)
        object["engine"] = nil
        let old = try JSONDecoder().decode(ExperimentSpec.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(old.engines == [.arbench])
    }

    @Test func cellIdsAndAxesNameAnExternalEngineAndLeaveArbenchsUnchanged() {
        let own = Cell(engineThreads: 2, intraOpThreads: 1)
        var ext = own
        ext.engine = .external(ExternalEngine(name: "py", command: ["p"]))
        #expect(own.id == "threads-e2-i1-x1-glibc-default-wdefault")
        #expect(ext.id == "threads-e2-i1-x1-glibc-default-wdefault-eng-py")
        #expect(ext.axes.engine == "py" && own.axes.engine == "arbench")
        #expect(ext.axes.label == "py e2 i1 glibc")
        #expect(own.axes < ext.axes, "arbench's own engine first")
        var row = ResultRow(values: Dictionary(uniqueKeysWithValues: ext.axes.columns.map { ($0.key.column, $0.value) }))
        #expect(CellAxes(row: row) == ext.axes)
        row[.engine] = ""
        #expect(CellAxes(row: row)?.engine == "arbench", "rows from before engines existed")
    }

    @Test func outputDigestsCompareWithinEachEngine() {
        func row(_ id: String, engine: String, digest: String) -> ResultRow {
            ResultRow(values: [Metric.cellID.column: id, Metric.repetition.column: "1", Metric.status.column: "ok",
                               Metric.engine.column: engine, Metric.outputDigest.column: digest, Metric.scenario.column: "offline"])
        }
        let same = DigestCheck(rows: [row("a", engine: "arbench", digest: "d1"), row("b", engine: "arbench", digest: "d1"),
                                      row("c", engine: "py", digest: "p1"), row("d", engine: "py", digest: "p1")])
        #expect(same.isConsistent)
        let differs = DigestCheck(rows: [row("c", engine: "py", digest: "p1"), row("d", engine: "py", digest: "p2")])
        #expect(!differs.isConsistent)
    }
}
