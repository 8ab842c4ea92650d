// Public value types of the synthetic scene generator.

/// The sound classes of the synthetic scenes. The declaration order is the model's class-index
/// order: never reorder, only append.
public enum SoundClass: String, CaseIterable, Sendable, Codable {
    case speech, music, birdsong, siren, machinery, knock

    /// Position in `allCases` (the model's class index).
    public var index: Int {
        switch self {
        case .speech: 0
        case .music: 1
        case .birdsong: 2
        case .siren: 3
        case .machinery: 4
        case .knock: 5
        }
    }

    /// The class at a model class index, or nil when out of range.
    public init?(index: Int) {
        guard index >= 0, index < Self.allCases.count else { return nil }
        self = Self.allCases[index]
    }
}

/// One ground-truth event of a scene: `[start, end)` in seconds from the start of the audio.
/// Scene events start and end on whole milliseconds, so the 3-decimal CSV is exact.
public struct SceneEvent: Sendable, Equatable, Codable {
    public let start: Double
    public let end: Double
    public let soundClass: SoundClass

    public init(start: Double, end: Double, soundClass: SoundClass) {
        self.start = start
        self.end = end
        self.soundClass = soundClass
    }

    public var duration: Double { end - start }
}

/// What to generate. The audio and the events are fully determined by
/// (`durationSeconds`, `seed`, `sampleRate`, `classes`).
public struct SceneConfig: Sendable {
    public var durationSeconds: Double
    public var seed: UInt64
    public var sampleRate: Int = 16_000
    /// Classes the events are drawn from (each round of `classes.count` events uses every class
    /// once, in a seeded random order). Empty means a noise-only scene.
    public var classes: [SoundClass] = SoundClass.allCases
    /// RMS level of the continuous background noise under the whole scene.
    public var noiseFloorDBFS: Double = -60

    public init(durationSeconds: Double, seed: UInt64) {
        self.durationSeconds = durationSeconds
        self.seed = seed
    }
}

/// A generator, CSV or duration-parsing failure, with the path (or input) it concerns.
public struct SceneGenError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file the problem concerns; empty when there is none (e.g. a duration string).
    public let path: String
    public let problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { path.isEmpty ? problem : "\(path): \(problem)" }
}
