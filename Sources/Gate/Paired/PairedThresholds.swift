import Foundation
import Yams

/// What the A/B's verdict decides with. The defaults were chosen from measured A/Bs on the CI machine
/// kind (Experiments/gate/NOISE.md, "The paired A/B gate", data in Results/gate-power): an A/A of 48
/// pairs a cell and real slowdown patches, judged by `arbench ab-power` for gates of 8-12 pairs a cell.
/// Host speed on this machine kind swings by up to 2x within a minute, so a pair's ratio spreads by
/// 9-17% (sd of the log ratio): the per-cell test is kept for large, local changes, and the all-cells
/// interval carries the gate.
public struct PairedThresholds: Sendable, Equatable, Codable {
    public struct Limit: Sendable, Equatable, Codable {
        /// A cell regresses when its median ratio is worse by more than this percentage AND its
        /// paired test has p < alpha.
        public var cellPercent: Double
        /// All cells regress when the lower end of the geometric mean's interval is worse by more than this.
        public var overallPercent: Double
        /// False: shown, never a regression.
        public var gated: Bool

        public init(cellPercent: Double, overallPercent: Double, gated: Bool = true) {
            self.cellPercent = cellPercent
            self.overallPercent = overallPercent
            self.gated = gated
        }

        enum CodingKeys: String, CodingKey {
            case cellPercent = "cell_pct"
            case overallPercent = "overall_pct"
            case gated
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            cellPercent = try container.decode(Double.self, forKey: .cellPercent)
            overallPercent = try container.decode(Double.self, forKey: .overallPercent)
            gated = try container.decodeIfPresent(Bool.self, forKey: .gated) ?? true
        }
    }

    public var metrics: [PairedMetric: Limit]
    /// The largest two-sided p of a cell's paired test that still counts as support. 0.001: a gate of 4
    /// cells x 2 time metrics runs 8 tests, and at 0.01 (or 0.005) the A/A gates of 8-12 pairs alarmed
    /// in 1-1.7% of draws (measured); 12 pairs can still reach it (the smallest exact p is 2/2^12).
    public var alpha: Double
    /// The all-cells interval is a verdict only when every cell has at least this many ok pairs: a
    /// bootstrap of a median from 2 or 3 pairs can only land between them, so its interval is far
    /// narrower than the noise (an A/A of 2 pairs a cell gave -31%..-9% for CPU time). Fewer: inconclusive.
    public var minimumPairs: Int
    public var confidence: Double
    public var resamples: Int
    public var seed: UInt64
    /// `ab --measure instructions`: a cell regresses when its counted instructions grow by more than this
    /// percentage (or 3x the runs' own spread, if larger: InstructionComparator). 0.5: one build's counts
    /// repeat to about 0.01% here, and a 1% code-path change must show (Experiments/gate/NOISE.md).
    public var instructionPercent: Double
    /// A sequential A/B (`ab --max-pairs`) stops as "same" once every gated metric's all-cells interval
    /// lies below this: 5, the smallest slowdown the timed gate is asked to catch (issue #30).
    public var samePercent: Double

    public init(metrics: [PairedMetric: Limit] = Self.defaultMetrics, alpha: Double = 0.001, minimumPairs: Int = 5,
                confidence: Double = 0.95, resamples: Int = 2000, seed: UInt64 = 1, instructionPercent: Double = 0.5, samePercent: Double = 5) {
        self.instructionPercent = instructionPercent
        self.samePercent = samePercent
        self.metrics = metrics
        self.alpha = alpha
        self.minimumPairs = minimumPairs
        self.confidence = confidence
        self.resamples = resamples
        self.seed = seed
    }

    public static let `default` = PairedThresholds()

    /// CPU and processing time: 2% over all cells (the interval's lower end; with 12 pairs a cell the A/A
    /// alarmed in 1 of 1000 drawn gates, 0 of 4 disjoint ones, and an 8.5% processing slowdown was
    /// caught in 97.5%; at 3% that fell to 91%), 5% per cell. Peak RSS, steady to ~0.2% between the
    /// pairs of an A/A, 2% and 3%.
    public static let defaultMetrics: [PairedMetric: Limit] = [
        .cpuTime: Limit(cellPercent: 5, overallPercent: 2),
        .processingTime: Limit(cellPercent: 5, overallPercent: 2),
        .peakRSS: Limit(cellPercent: 3, overallPercent: 2),
    ]

    public func limit(_ metric: PairedMetric) -> Limit {
        metrics[metric] ?? Self.defaultMetrics[metric]!
    }

    /// A thresholds file: `metrics: {cpu_time: {cell_pct: 5, overall_pct: 2}}`, `alpha: 0.001`, `min_pairs: 5`,
    /// `instructions_pct: 0.5`, `same_pct: 5`, any subset.
    public static func load(yaml: String) throws -> PairedThresholds {
        struct File: Decodable {
            var metrics: [PairedMetric: Limit]?
            var alpha: Double?
            var minimumPairs: Int?
            var confidence: Double?
            var resamples: Int?
            var seed: UInt64?
            var instructionPercent: Double?
            var samePercent: Double?

            enum CodingKeys: String, CodingKey {
                case metrics, alpha, confidence, resamples, seed
                case minimumPairs = "min_pairs"
                case instructionPercent = "instructions_pct"
                case samePercent = "same_pct"
            }
        }
        let file = try YAMLDecoder().decode(File.self, from: yaml)
        var thresholds = PairedThresholds.default
        for (metric, limit) in file.metrics ?? [:] { thresholds.metrics[metric] = limit }
        if let alpha = file.alpha { thresholds.alpha = alpha }
        if let minimumPairs = file.minimumPairs { thresholds.minimumPairs = minimumPairs }
        if let confidence = file.confidence { thresholds.confidence = confidence }
        if let resamples = file.resamples { thresholds.resamples = resamples }
        if let seed = file.seed { thresholds.seed = seed }
        if let instructionPercent = file.instructionPercent { thresholds.instructionPercent = instructionPercent }
        if let samePercent = file.samePercent { thresholds.samePercent = samePercent }
        guard (0...1).contains(thresholds.alpha), (0..<1).contains(thresholds.confidence), thresholds.resamples > 0,
              thresholds.minimumPairs > 0, thresholds.instructionPercent > 0, thresholds.samePercent > 0 else {
            throw ThresholdsError(problems: ["alpha must be in 0...1, confidence in 0..<1, resamples, min_pairs, instructions_pct and same_pct above 0"])
        }
        return thresholds
    }
}
