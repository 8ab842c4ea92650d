import Foundation
import Results

/// What spec validation asks of the world outside the YAML: whether files exist and which model
/// names are presets. Injected so the arbench command can answer from the model catalog (the sweep
/// module does not depend on training) and tests can answer without touching the file system.
public struct SpecValidationContext: Sendable {
    public var fileExists: @Sendable (String) -> Bool
    /// True for a model name the catalog can build (`tiny`, `base@7`, ...).
    public var isModelPreset: @Sendable (String) -> Bool
    /// Seconds in `35m`, `1h30m`, ...; nil when unreadable. The command passes the scene
    /// generator's parser so a spec reads durations exactly like `arbench generate --duration`.
    public var parseDuration: @Sendable (String) -> Double?
    /// Why a `libtorch` value cannot be used (nil when it can): checked before any cell runs.
    public var runtimeProblem: @Sendable (LibTorchRuntime) -> String?
    /// Why CPU quotas cannot be applied here (not root, no writable cpu controller), nil when they can:
    /// asked only of specs with a `cpu_quota` other than none.
    public var cpuQuotaProblem: @Sendable () -> String?
    /// The machine's online CPUs: what a cpuset may name and the most a quota may be.
    public var onlineCPUs: [Int]

    public init(fileExists: @escaping @Sendable (String) -> Bool = { FileManager.default.fileExists(atPath: $0) },
                isModelPreset: @escaping @Sendable (String) -> Bool,
                parseDuration: @escaping @Sendable (String) -> Double? = DurationText.seconds,
                runtimeProblem: @escaping @Sendable (LibTorchRuntime) -> String? = SpecValidationContext.locateRuntime,
                cpuQuotaProblem: @escaping @Sendable () -> String? = { CgroupHost.quotaProblem(host: CgroupHost.current) },
                onlineCPUs: [Int] = MachineCPUs.online) {
        self.cpuQuotaProblem = cpuQuotaProblem
        self.onlineCPUs = onlineCPUs
        self.runtimeProblem = runtimeProblem
        self.fileExists = fileExists
        self.isModelPreset = isModelPreset
        self.parseDuration = parseDuration
    }

    /// The real check: the runtime library is built and the LibTorch it wraps is in place.
    public static func locateRuntime(_ runtime: LibTorchRuntime) -> String? {
        do {
            _ = try runtime.locate()
            return nil
        } catch {
            return error.description
        }
    }

    /// True when `model` is to be read as a file rather than a preset name (same rule as the catalog).
    public static func looksLikeModelPath(_ model: String) -> Bool {
        model.contains("/") || model.hasSuffix(".pt")
    }
}
