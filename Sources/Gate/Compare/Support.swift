/// The evidence that a change is real and not noise between repetitions.
public enum Support: Sendable, Equatable, Codable {
    /// Mann-Whitney U over the repetitions (>= min_repetitions per side).
    case mannWhitney(pValue: Double, method: MannWhitneyU.Method)
    /// Bootstrap interval of median(current) / median(baseline) (>= min_repetitions per side).
    case bootstrap(lower: Double, upper: Double, confidence: Double)
    /// Too few repetitions for a test: medians, and whether every current repetition lies on the
    /// changed side of every baseline repetition (the ranges do not overlap).
    case medians(separated: Bool)
    /// Fewer repetitions a side than any verdict needs: with one value a side the "ranges" are the
    /// values themselves, always apart. `needed` says what would make it conclusive.
    case tooFewRepetitions(needed: Int)

    public var summary: String {
        switch self {
        case .mannWhitney(let p, _): NumberText.pValue(p)
        case .bootstrap(let lower, let upper, let confidence):
            "\(Int((confidence * 100).rounded()))% CI x\(NumberText.fixed(lower, 3))-\(NumberText.fixed(upper, 3))"
        case .medians(let separated): separated ? "ranges apart" : "ranges overlap"
        case .tooFewRepetitions(let needed): "needs >= \(needed) repetitions a side"
        }
    }
}
