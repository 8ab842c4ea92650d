import Foundation

/// Turns a `--model` value into a file: a path is used as it is; a preset name (`tiny`, `base`,
/// `large`, optionally `@SEED`) is the shipped file (ShippedPresets) when arbench ships that preset and
/// seed, else looked up in the model cache and trained there once if missing, so the main command never
/// retrains.
public enum ModelCatalog {
    /// `$ARBENCH_CACHE`, else `$XDG_CACHE_HOME/arbench`, else `~/.cache/arbench`.
    public static var cacheDirectory: URL {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["ARBENCH_CACHE"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        if let xdg = env["XDG_CACHE_HOME"], !xdg.isEmpty { return URL(fileURLWithPath: xdg).appendingPathComponent("arbench") }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/arbench")
    }

    /// Preset and seed for values like "base" or "large@7"; nil for anything else.
    public static func presetReference(_ spec: String) -> (preset: ModelPreset, seed: UInt64)? {
        let parts = spec.split(separator: "@", maxSplits: 1).map(String.init)
        guard let preset = ModelPreset.named(parts[0]) else { return nil }
        if parts.count == 2 {
            guard let seed = UInt64(parts[1]) else { return nil }
            return (preset, seed)
        }
        return (preset, 1)
    }

    public static func cachedPath(preset: ModelPreset, seed: UInt64) -> URL {
        cacheDirectory.appendingPathComponent("models/" + ShippedPresets.fileName(preset: preset, seed: seed))
    }

    /// The model file for `spec`, building a preset into the cache when it is not there yet.
    public static func resolve(_ spec: String, log: (String) -> Void = { _ in }) throws -> String {
        if FileManager.default.fileExists(atPath: spec) || spec.contains("/") || spec.hasSuffix(".pt") {
            return spec
        }
        guard let (preset, seed) = presetReference(spec) else {
            throw ModelBuildError(message: "\(spec): neither a model file nor a preset (tiny, base, large, optionally @SEED)")
        }
        if let path = try existing(preset: preset, seed: seed) { return path }
        let url = cachedPath(preset: preset, seed: seed)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        log("building the \(preset.name) model (seed \(seed)) once into \(url.path) (\(preset.buildTimeNote))")
        try ModelBuilder(preset: preset, seed: seed).build(to: url.path, log: log)
        return url.path
    }

    /// The preset's file if it needs no training: shipped, or already in the cache.
    public static func existing(preset: ModelPreset, seed: UInt64) throws(ModelBuildError) -> String? {
        if let shipped = try ShippedPresets.path(preset: preset, seed: seed) { return shipped }
        let cached = cachedPath(preset: preset, seed: seed).path
        return FileManager.default.fileExists(atPath: cached) ? cached : nil
    }
}
