/// Seconds spent in each of the pipeline's stages. Validation and segmentation run on the reading
/// thread; features and inference are summed over engine threads (so they can exceed wall time).
public struct StageTimings: Codable, Sendable, Equatable {
    public var validation: Double = 0
    public var segmentation: Double = 0
    public var features: Double = 0
    public var inference: Double = 0
    public var postprocessing: Double = 0

    public init() {}

    public mutating func add(_ other: StageTimings) {
        validation += other.validation
        segmentation += other.segmentation
        features += other.features
        inference += other.inference
        postprocessing += other.postprocessing
    }

    public var total: Double { validation + segmentation + features + inference + postprocessing }

    /// Each stage's share of the summed stage time, in percent.
    public var shares: [String: Double] {
        guard total > 0 else { return [:] }
        return [
            "validation": 100 * validation / total,
            "segmentation": 100 * segmentation / total,
            "features": 100 * features / total,
            "inference": 100 * inference / total,
            "postprocessing": 100 * postprocessing / total,
        ]
    }
}
