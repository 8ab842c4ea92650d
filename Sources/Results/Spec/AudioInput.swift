/// Where a sweep's audio comes from: a generated scene (deterministic from duration and seed) or files.
public enum AudioInput: Sendable, Equatable, Codable {
    case generate(durationSeconds: Double, seed: UInt64)
    case paths([String])

    /// The file name a generated scene gets in the run directory.
    public static func sceneFileName(durationSeconds: Double, seed: UInt64) -> String {
        "scene-\(Int(durationSeconds.rounded()))s-seed\(seed).wav"
    }
}
