import Foundation
@testable import Sweep
import Results

/// A fresh temporary directory per test.
func makeTemporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Spec validation without touching the file system: only the listed paths exist.
func context(existing: Set<String> = Set(AllocatorKind.allCases.compactMap(\.defaultLibraryPath))) -> SpecValidationContext {
    SpecValidationContext(fileExists: { existing.contains($0) },
                          isModelPreset: { ["tiny", "base", "large"].contains($0.split(separator: "@").first.map(String.init) ?? "") },
                          runtimeProblem: { runtime in
                              ["system", "pypi"].contains(runtime.name) ? nil : "\(runtime.name): no such LibTorch directory"
                          })
}

func parse(_ yaml: String, existing: Set<String>? = nil) throws -> ExperimentSpec {
    try ExperimentSpecLoader.parse(yaml: yaml, file: "test.yaml", defaultName: "test",
                                   context: existing.map { context(existing: $0) } ?? context())
}

/// The problems a spec is rejected with (empty when it is accepted).
func problems(_ yaml: String, existing: Set<String>? = nil) -> [YAMLProblem] {
    do {
        _ = try parse(yaml, existing: existing)
        return []
    } catch let error as SpecError {
        return error.problems
    } catch {
        return [YAMLProblem(file: "", line: nil, field: "", message: "unexpected \(error)")]
    }
}

/// A complete `arbench run --metrics` report, as the real child writes it.
enum ReportFixture {
    static func json(allocator: String = "glibc", digest: String = "d1g3st", engineMode: String = "threads",
                     engineThreads: Int = 1, intraOp: Int = 1, wall: Double = 0.5) -> String {
        """
        {"schema":"arbench.run/1","files":[{"path":"a.wav","status":"ok","audio_seconds":20,"segments":9,"tags":7,"output_digest":"\(digest)"}],
         "audio_seconds":20,"segments":9,"tags":7,"wall_s":\(wall),"process_start_s":0.3,"model_load_s":0.1,
         "stage_seconds":{"validation":0.01,"segmentation":0.02,"features":0.1,"inference":0.2,"postprocessing":0.001},
         "stage_share_percent":{},
         "latency":{"segment":\(latency),"features":\(latency),"inference":\(latency),"end_to_end":\(latency)},
         "real_time_factor":\(wall / 20),"output_digest":"\(digest)",
         "threads":{"engine_requested":\(engineThreads),"engine_effective":\(engineThreads),"intra_op_requested":\(intraOp),
                    "intra_op_effective":[\(Array(repeating: String(intraOp), count: engineThreads).joined(separator: ","))],
                    "inter_op_requested":1,"inter_op_effective":1},
         "allocator":{"name":"\(allocator)","version":"1.0","allocated_bytes":1048576},
         "environment":{},"peak_rss_bytes":1000000,
         "torch":{"version":"1.13.0","parallel_info":"ATen parallel backend: OpenMP"},
         "model":{"path":"m.pt","preset":"tiny","parameters":390,"classes":["speech"],"metadata_source":"embedded"},
         "engine_mode":"\(engineMode)"}
        """
    }

    static let latency = #"{"count":9,"mean_ms":10,"p50_ms":9,"p95_ms":14,"p99_ms":15,"max_ms":15}"#
}

/// Children for the launcher and runner tests: `/bin/sh -c SCRIPT sh METRICS JSON`, so the script
/// sees the metrics path as $1 and a ready report as $2.
enum FakeChild {
    /// The report a healthy child would write for this invocation's cell.
    @Sendable static func report(for invocation: CellInvocation) -> String {
        ReportFixture.json(allocator: invocation.run.cell.allocator.kind.reportedName,
                           engineMode: invocation.run.cell.engineMode.rawValue,
                           engineThreads: invocation.run.cell.engineThreads, intraOp: invocation.run.cell.intraOpThreads)
    }

    static func command(_ script: String, report: @escaping @Sendable (CellInvocation) -> String = report(for:)) -> ChildCommand {
        ChildCommand(executable: "/bin/sh") { invocation in
            ["-c", script, "sh", invocation.metricsPath, report(invocation)]
        }
    }

    /// Writes the report and exits 0.
    static let writesReport = #"printf '%s' "$2" > "$1""#

    static func launcher(_ script: String, report: (@Sendable (CellInvocation) -> String)? = nil) -> CellLauncher {
        CellLauncher(command: report.map { command(script, report: $0) } ?? command(script), inheritedEnvironment: ["PATH": "/usr/bin:/bin"])
    }
}

/// One cell run through a launcher, judged as the runner judges it.
func runCell(_ cell: Cell, launcher: CellLauncher, timeout: Double = 20, interval: Int = 20) throws -> CellMeasurement {
    let directory = RunDirectory(path: try makeTemporaryDirectory())
    try directory.create()
    let spec = ExperimentSpec(name: "t", audio: .paths(["/dev/null"]), model: "m.pt", engineThreads: [cell.engineThreads],
                              intraOpThreads: [cell.intraOpThreads], timeoutSeconds: timeout, sampleIntervalMs: interval)
    let runner = SweepRunner(spec: spec, specText: "", specPath: "t.yaml", inputs: SweepInputs(modelPath: "m.pt", audioPaths: ["/dev/null"]),
                             directory: directory, launcher: launcher, machineCores: 2, log: { _ in })
    return runner.execute(CellRun(cell: cell, repetition: 1))
}
