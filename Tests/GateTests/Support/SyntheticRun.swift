import Foundation
import Gate
import Results

/// Result sets made up for tests: a grid of cells, each repetition's figures drawn around a
/// per-cell centre with seeded uniform noise, so every test sees the same numbers.
struct SyntheticRun {
    var engineThreads = [1, 2, 4]
    var intraOpThreads = [1, 4]
    var allocators = ["glibc", "jemalloc"]
    var ompWaitPolicy = "default"
    var repetitions = 5
    /// Relative half-width of the noise: 0.03 = every value within +-3% of its centre.
    var noise = 0.03
    var seed: UInt64 = 1
    var machine = Machines.ci
    var audioSeconds = 600.0
    /// Multiplies the time of the cells it returns > 1 for: the injected slowdown.
    var slowdown: @Sendable (CellAxes) -> Double = { _ in 1 }
    /// Multiplies the memory of the cells.
    var memoryFactor: @Sendable (CellAxes) -> Double = { _ in 1 }
    /// Cells whose repetitions fail (status failed).
    var failing: @Sendable (CellAxes, Int) -> Bool = { _, _ in false }

    /// The centre of a cell's processing time: intra-op 1 scales to the 2 cores, intra-op 4 oversubscribes.
    static func processingCentre(_ axes: CellAxes) -> Double {
        let e = Double(axes.engineThreads)
        if axes.intraOpThreads == 1 { return 1.0 / min(e, 2) }
        return 0.8 * (1 + 0.35 * (e - 1))
    }

    func rows() -> [ResultRow] {
        var generator = SeededGenerator(seed: seed)
        func jitter() -> Double { 1 + noise * (Double(generator.next() % 20001) / 10000 - 1) }
        var rows: [ResultRow] = []
        for repetition in 1...repetitions {
            for allocator in allocators {
                for intra in intraOpThreads {
                    for engine in engineThreads {
                        let axes = CellAxes(engineThreads: engine, intraOpThreads: intra, allocator: allocator, ompWaitPolicy: ompWaitPolicy)
                        let factor = slowdown(axes)
                        let processing = Self.processingCentre(axes) * factor * jitter()
                        let wall = 1.5 * jitter() + processing
                        let cpu = processing * Double(min(engine * intra, 2)) * jitter() + 1.2
                        let memory = (allocator == "jemalloc" ? 0.8 : 1.0) * (200 + 10 * Double(engine)) * memoryFactor(axes)
                        let ok = !failing(axes, repetition)
                        let id = "threads-e\(engine)-i\(intra)-x1-\(allocator)-default-w\(ompWaitPolicy)"
                        rows.append(ResultRow(values: [
                            "cell_id": id, "repetition": "\(repetition)", "engine_mode": "threads",
                            "engine_threads": "\(engine)", "intra_op_threads": "\(intra)", "inter_op_threads": "1",
                            "allocator": allocator, "malloc_conf": "", "omp_wait_policy": ompWaitPolicy,
                            "status": ok ? "ok" : "failed", "error": ok ? "" : "exit 134",
                            "wall_s": ok ? "\(wall)" : "", "processing_s": ok ? "\(processing)" : "",
                            "user_cpu_s": ok ? "\(cpu * 0.9)" : "", "system_cpu_s": ok ? "\(cpu * 0.1)" : "",
                            "rss_peak_mb": ok ? "\(memory * 1.3 * jitter())" : "", "rss_avg_mb": ok ? "\(memory * jitter())" : "",
                            "throughput_x": ok ? "\(audioSeconds / processing)" : "", "latency_p99_ms": ok ? "\(20 * factor * jitter())" : "",
                            "audio_s": "\(audioSeconds)", "segments": "300", "output_digest": ok ? "abc123" : "",
                        ]))
                    }
                }
            }
        }
        return rows
    }

    func results(source: String = "synthetic", specYAML: String? = nil) -> RunResults {
        RunResults(source: source, rows: rows(),
                   meta: RunMetadata(specName: "synthetic", specYAML: specYAML ?? "", machine: machine.fingerprint, software: machine.software))
    }

    /// results.csv, meta.json and spec.yaml on disk, as a sweep leaves them.
    func write(to directory: String, specYAML: String = "name: synthetic\n") throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try ResultsFile.text(rows()).write(toFile: directory + "/results.csv", atomically: true, encoding: .utf8)
        let meta: [String: Any] = [
            "schema": "arbench.sweep/1", "spec_name": "synthetic", "spec_yaml": specYAML,
            "spec": ["reference_cell": ["engine_threads": 1, "intra_op_threads": 1]],
            "machine": machine.fingerprintJSON, "software": machine.softwareJSON,
        ]
        try JSONSerialization.data(withJSONObject: meta, options: [.prettyPrinted, .sortedKeys])
            .write(to: URL(fileURLWithPath: directory + "/meta.json"))
        try specYAML.write(toFile: directory + "/spec.yaml", atomically: true, encoding: .utf8)
        try "# Sweep `synthetic`\n".write(toFile: directory + "/REPORT.md", atomically: true, encoding: .utf8)
    }
}

/// Machine fingerprints, built through their JSON form (as meta.json holds them).
struct Machines {
    var cpuModel = "AMD EPYC"
    var cores = 2
    var torchVersion = "1.13.0"
    /// `software.runtimes` as meta.json holds it; nil = a run from before runtimes existed (system).
    var runtimes: [(name: String, version: String)]? = nil

    static let ci = Machines()
    /// Another CPU model of the same kind.
    static let otherCPU = Machines(cpuModel: "Intel(R) Xeon(R) Platinum 8375C")
    /// Another kind: more cores.
    static let bigger = Machines(cores: 16)

    var fingerprintJSON: [String: Any] {
        ["cpu_model": cpuModel, "logical_cores": cores, "usable_cores": cores, "memory_bytes": 25_276_063_744,
         "kernel": "6.1.0", "os": "Debian GNU/Linux 12 (bookworm)", "cgroup_cpu_limit": "none found", "hostname": "vm"]
    }

    var softwareJSON: [String: Any] {
        var json = softwareWithoutRuntimes
        if let runtimes {
            json["runtimes"] = runtimes.map { runtime -> [String: Any] in
                ["runtime": runtime.name, "version": runtime.version, "blas": "mkl", "mkl": "MKL 2024.2", "onednn": "3.13.3",
                 "openmp": "OpenMP 4.5", "library_path": "/x/libtorch_cpu.so", "openmp_runtimes": ["/x/libgomp.so.1"],
                 "default_intra_op_threads": 2]
            }
        }
        return json
    }

    private var softwareWithoutRuntimes: [String: Any] {
        ["torch_version": torchVersion, "torch_parallel_info": "ATen/Parallel:\nOpenMP 201511 (a.k.a. OpenMP 4.5)\nATen parallel backend: OpenMP\n",
         "blas": ["libblas.so.3 -> /usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0"],
         "packages": ["libc6": "2.36-9+deb12u14", "libjemalloc2": "5.3.0-1"], "git_commit": "abc", "git_dirty": false,
         "child_executable": "/usr/bin/arbench"]
    }

    var fingerprint: MachineFingerprint {
        try! JSONDecoder().decode(MachineFingerprint.self, from: JSONSerialization.data(withJSONObject: fingerprintJSON))
    }

    var software: SoftwareVersions {
        try! JSONDecoder().decode(SoftwareVersions.self, from: JSONSerialization.data(withJSONObject: softwareJSON))
    }
}

func makeTemporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("gate-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
