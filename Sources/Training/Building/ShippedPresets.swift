import Foundation
import Results

/// The built-in presets' weights, shipped with arbench (Sources/Training/Presets, a few hundred KB)
/// rather than trained on each machine: training is not bit-reproducible across machines (a fresh
/// `base` gave other tags than the one behind the committed results), so every machine must run the
/// same file or no two results compare the same workload. `DIGESTS` lists each file's FNV-1a 64;
/// a file that does not match is refused, never run. `make presets` rebuilds them (`arbench model
/// build`) and rewrites DIGESTS; other seeds (`base@7`) are trained into the cache as before.
public enum ShippedPresets {
    /// The resource bundle SwiftPM copies beside the executable (and the test bundles, which sit in the
    /// same directory); nil when arbench runs without it (a copied binary), and then presets train.
    public static var directory: String? {
        let dir = OwnExecutable.directory.appendingPathComponent("arbench_Training.resources/Presets").path
        return FileManager.default.fileExists(atPath: dir + "/" + digestsFile) ? dir : nil
    }

    static let digestsFile = "DIGESTS"

    public static func fileName(preset: ModelPreset, seed: UInt64) -> String {
        "\(preset.name)-seed\(seed)-recipe\(ModelBuilder.recipeVersion).pt"
    }

    /// `digest  file` per line, as `sha256sum` writes its sums.
    static func digests(in directory: String) -> [String: String] {
        guard let text = try? String(contentsOfFile: directory + "/" + digestsFile, encoding: .utf8) else { return [:] }
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            if parts.count == 2 { out[String(parts[1])] = String(parts[0]) }
        }
        return out
    }

    /// The shipped file for `preset` and `seed`, checked against DIGESTS; nil when none is shipped.
    public static func path(preset: ModelPreset, seed: UInt64, in directory: String? = ShippedPresets.directory)
        throws(ModelBuildError) -> String? {
        guard let directory else { return nil }
        let name = fileName(preset: preset, seed: seed)
        guard let expected = digests(in: directory)[name] else { return nil }
        let path = directory + "/" + name
        let actual = ContentDigest.of(file: path)
        guard actual == expected else {
            throw ModelBuildError(message: "\(path): the shipped \(preset.name) weights are damaged (digest \(actual ?? "unreadable"), DIGESTS says \(expected)); reinstall arbench")
        }
        return path
    }
}
