import Foundation
import Testing
@testable import Sweep
import Results

/// The specs shipped in Experiments/ must stay valid as the format evolves.
@Suite("Shipped experiments")
struct ExperimentFilesTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Experiments")

    /// Libraries count as installed: this checks the files, not the machine.
    func load(_ name: String) throws -> ExperimentSpec {
        let context = SpecValidationContext(
            fileExists: { path in path.hasPrefix("/usr/lib/") || FileManager.default.fileExists(atPath: path) },
            isModelPreset: { ["tiny", "base", "large"].contains($0) },
            runtimeProblem: { ["system", "pypi"].contains($0.name) ? nil : "unknown runtime" },
            cpuQuotaProblem: { nil }, onlineCPUs: [0, 1])
        return try ExperimentSpecLoader.load(path: Self.directory.appendingPathComponent(name).path, context: context)
    }

    @Test(arguments: ["quick.yaml", "post-figures-3-4.yaml", "post-figure-5.yaml", "post-threads-vs-processes.yaml", "post-omp-wait-policy.yaml", "allocators.yaml", "allocators-soak.yaml", "soak-3h.yaml",
                          "libtorch-runtimes.yaml", "libtorch-runtimes-large.yaml", "cpu-limits.yaml", "cpu-limits-cpuset.yaml"])
    func isValid(_ name: String) throws {
        let spec = try load(name)
        #expect(spec.name + ".yaml" == name)
        #expect(spec.referenceCell != nil)
    }

    /// Issue #21's examples: each CI-sized beside arbench's own engine, and the study over all of them.
    @Test(arguments: ["python", "cpp", "onnx", "cpp-runtimes"])
    func theEngineExamplesAreCISizedBesideArbenchsOwn(_ engine: String) throws {
        let spec = try load("engines/\(engine).yaml")
        #expect(spec.name == "engines-\(engine)")
        #expect(spec.referenceCell != nil)
        #expect(spec.engines.first == .arbench && spec.engines.count >= 2)
        #expect(ExperimentGrid(spec: spec).runs.count <= 16)
    }

    @Test func theEngineStudyComparesEveryEngineOnThePostsGrid() throws {
        let spec = try load("engines/compare.yaml")
        #expect(spec.name == "engines-compare")
        #expect(spec.engines.map(\.name) == ["arbench", "python", "cpp", "onnx", "onnx-shared"])
        #expect(spec.engineThreads == [1, 2, 4, 8] && spec.intraOpThreads == [1, 2, 4])
        #expect(Set(spec.allocators.map(\.kind)) == [.glibc, .jemalloc])
        // Every external engine is handed the metrics path: throughput from its own processing time.
        #expect(spec.engines.compactMap(\.external).allSatisfy { $0.asksForMetrics })
    }

    /// The allocator study's short grid and long run measure the same settings (the soak spec says so).
    @Test func theAllocatorStudyRunsOneSetOfSettingsShortAndLong() throws {
        let short = try load("allocators.yaml"), long = try load("allocators-soak.yaml")
        #expect(short.allocators == long.allocators)
        #expect(short.libtorch == long.libtorch && short.libtorch.map(\.name) == ["system", "pypi"])
        #expect(Set(short.allocators.map(\.kind)) == Set(AllocatorKind.allCases))
        #expect(short.allocators.count == Set(short.allocators.map { $0.label + $0.confLabel }).count)
    }

    @Test func quickIsCISizedAndShowsBothEffects() throws {
        let spec = try load("quick.yaml")
        let grid = ExperimentGrid(spec: spec)
        #expect(grid.runs.count <= 30)
        #expect(spec.engineThreads.count >= 3 && spec.intraOpThreads.contains(1) && spec.intraOpThreads.count >= 2)
        #expect(Set(spec.allocators.map(\.kind)) == [.glibc, .jemalloc])
    }

    @Test func theRuntimeStudyAsksThePostsQuestionsOnBothRuntimes() throws {
        let spec = try load("libtorch-runtimes.yaml")
        #expect(spec.libtorch.map(\.name) == ["system", "pypi"])
        #expect(spec.engineThreads == [1, 2, 3, 4, 6, 8, 12, 16])
        #expect(spec.intraOpThreads == [1, 2, 4, 8, 16, 0])
        #expect(Set(spec.allocators.map(\.kind)) == [.glibc, .jemalloc])
        #expect(spec.repetitions == 3 && spec.audio == .generate(durationSeconds: 35 * 60, seed: 1))
        #expect(ExperimentGrid(spec: spec).runs.count == 576)
        #expect(try load("libtorch-runtimes-large.yaml").model == "large")
    }

    /// Issue #15's study: quotas against LibTorch's default, the budget fix and fixed pools; and the cpuset comparison.
    @Test func theCPULimitStudiesAskTheIssuesQuestions() throws {
        let quota = try load("cpu-limits.yaml")
        #expect(quota.cpuQuotas.compactMap(\.cpus) == [0.5, 1, 1.5, 2])
        #expect(quota.intraOpThreads == [IntraOpThreads.libTorchDefault, IntraOpThreads.budget, 1, 2, 4])
        #expect(quota.engineThreads == [1, 2, 4] && quota.repetitions == 3)
        #expect(Set(quota.allocators.map(\.kind)) == [.glibc, .jemalloc] && quota.libtorch.map(\.name) == ["system", "pypi"])
        #expect(ExperimentGrid(spec: quota).runs.count == 720)
        let cpuset = try load("cpu-limits-cpuset.yaml")
        #expect(cpuset.cpusets == [CPUSet(cpus: [0]), .none] && cpuset.cpuQuotas == [CPUQuota(cpus: 1), .none])
    }

    @Test func theFigureSpecsMatchThePost() throws {
        let figures = try load("post-figures-3-4.yaml")
        // The full grid of the post's charts: every engine thread count from 1 to 16.
        #expect(figures.engineThreads == Array(1...16))
        #expect(figures.intraOpThreads == [1, 4, 8, 16])
        #expect(figures.audio == .generate(durationSeconds: 35 * 60, seed: 1))
        #expect(ExperimentGrid(spec: figures).runs.count == 16 * 4 * 2 * 3)
        let memory = try load("post-figure-5.yaml")
        #expect(memory.audio == .generate(durationSeconds: 2 * 3600, seed: 5))
        #expect(memory.allocators.map(\.label) == ["glibc", "jemalloc"])
        let soak = try load("soak-3h.yaml")
        #expect(soak.audio == .generate(durationSeconds: 3 * 3600, seed: 3))
        #expect(soak.allocators.first?.kind == .jemalloc)
        #expect(soak.audioPasses == 8)
        // The issue's set: PyTorch's launcher recipe among jemalloc's tunings, glibc's trim fix, both tcmallocs.
        let allocators = try load("allocators.yaml")
        #expect(allocators.allocators.compactMap(\.mallocConf).contains("oversize_threshold:1,background_thread:true,metadata_thp:auto"))
        #expect(allocators.allocators.map(\.label).filter { $0 != "jemalloc" }
            == ["glibc", "glibc-arena2", "glibc-trim", "tcmalloc", "tcmalloc-full", "mimalloc", "mimalloc-large-pages"])
        #expect(ExperimentGrid(spec: allocators).runs.count == 11 * 5 * 2 * 2 * 3)
    }
}
