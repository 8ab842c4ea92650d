import Foundation
import Testing
@testable import Sweep

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
            isModelPreset: { ["tiny", "base", "large"].contains($0) })
        return try ExperimentSpecLoader.load(path: Self.directory.appendingPathComponent(name).path, context: context)
    }

    @Test(arguments: ["quick.yaml", "post-figures-3-4.yaml", "post-figure-5.yaml", "allocators.yaml"])
    func isValid(_ name: String) throws {
        let spec = try load(name)
        #expect(spec.name + ".yaml" == name)
        #expect(spec.referenceCell != nil)
    }

    @Test func quickIsCISizedAndShowsBothEffects() throws {
        let spec = try load("quick.yaml")
        let grid = ExperimentGrid(spec: spec)
        #expect(grid.runs.count <= 30)
        #expect(spec.engineThreads.count >= 3 && spec.intraOpThreads.contains(1) && spec.intraOpThreads.count >= 2)
        #expect(Set(spec.allocators.map(\.kind)) == [.glibc, .jemalloc])
    }

    @Test func theFigureSpecsMatchThePost() throws {
        let figures = try load("post-figures-3-4.yaml")
        // 1-6 for the post's "1 to 5 engine threads" claim, then the doublings up to 16.
        #expect(figures.engineThreads == [1, 2, 3, 4, 5, 6, 8, 12, 16])
        #expect(figures.intraOpThreads == [1, 4, 8, 16])
        #expect(figures.audio == .generate(durationSeconds: 35 * 60, seed: 1))
        #expect(ExperimentGrid(spec: figures).runs.count == 9 * 4 * 2 * 3)
        let memory = try load("post-figure-5.yaml")
        #expect(memory.audio == .generate(durationSeconds: 2 * 3600, seed: 5))
        #expect(memory.allocators.map(\.label) == ["glibc", "jemalloc"])
        let allocators = try load("allocators.yaml")
        #expect(Set(allocators.allocators.map(\.kind)) == Set(AllocatorKind.allCases))
        #expect(allocators.allocators.compactMap(\.mallocConf).count == 2)
    }
}
