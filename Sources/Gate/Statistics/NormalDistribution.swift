import Foundation

/// The standard normal distribution, for the large-sample Mann-Whitney approximation.
enum NormalDistribution {
    /// P(Z > z), computed with erfc so tiny tail probabilities keep their precision.
    static func survival(_ z: Double) -> Double {
        0.5 * erfc(z / 2.0.squareRoot())
    }
}
