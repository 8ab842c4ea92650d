import Foundation
import Testing
import Training

/// Every machine runs the same built-in weights: the shipped files, checked against DIGESTS.
@Suite struct ShippedPresetsTests {
    @Test func presetsResolveToTheShippedFilesWithoutTraining() throws {
        let directory = try #require(ShippedPresets.directory, "the Presets resource bundle is not beside the test binary")
        for preset in ModelPreset.all {
            let path = try #require(try ShippedPresets.path(preset: preset, seed: 1))
            #expect(path.hasPrefix(directory))
            #expect(try ModelCatalog.resolve(preset.name) == path)
        }
        #expect(try ShippedPresets.path(preset: .base, seed: 7) == nil, "only seed 1 ships")
    }

    @Test func aDamagedShippedFileIsRefusedNotRun() throws {
        let source = try #require(ShippedPresets.directory)
        let copy = NSTemporaryDirectory() + "arbench-presets-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: source, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let file = copy + "/" + ShippedPresets.fileName(preset: .tiny, seed: 1)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: file))
        #expect(throws: ModelBuildError.self) { try ShippedPresets.path(preset: .tiny, seed: 1, in: copy) }
        #expect(try ShippedPresets.path(preset: .base, seed: 1, in: copy) != nil)
    }
}
