/// The Wilcoxon signed-rank test for paired samples: are the differences (here, log of current /
/// base per pair) centred on zero? Like Mann-Whitney it assumes no distribution shape, and by using
/// the pairing it removes what both runs of a pair share (the machine's state at that moment).
///
/// Two-sided, as `scipy.stats.wilcoxon(d)` computes it with its defaults (zero_method="wilcox":
/// zero differences are dropped): the exact null distribution of the signed-rank sum when at most
/// `exactLimit` differences remain and none tie, else the normal approximation with tie and
/// continuity correction.
public struct WilcoxonSignedRank: Sendable, Equatable, Codable {
    public enum Method: String, Sendable, Codable {
        case exact
        case normalApproximation = "normal-approximation"
    }

    /// Sum of the ranks of |d| over the positive differences (W+) and the negative ones (W-).
    public let positiveRankSum: Double
    public let negativeRankSum: Double
    /// Differences left after dropping zeros.
    public let count: Int
    /// Two-sided p-value (1 when no difference is left).
    public let pValue: Double
    public let method: Method

    /// The exact distribution is summed over 2^n sign patterns by counting; 20 keeps it instant and
    /// is where the normal approximation becomes good (it is what textbooks' tables cover).
    public static let exactLimit = 20

    public init(differences: [Double]) {
        let nonzero = differences.filter { $0 != 0 && $0.isFinite }
        count = nonzero.count
        let ranking = Ranks(nonzero.map { abs($0) })
        var positive = 0.0, negative = 0.0
        for (difference, rank) in zip(nonzero, ranking.ranks) {
            if difference > 0 { positive += rank } else { negative += rank }
        }
        positiveRankSum = positive
        negativeRankSum = negative
        let n = nonzero.count
        guard n > 0 else {
            method = .exact
            pValue = 1
            return
        }
        if n <= Self.exactLimit && !ranking.hasTies {
            method = .exact
            let smaller = Int(min(positive, negative).rounded())
            pValue = min(1, 2 * Self.exactLowerTail(atMost: smaller, n: n))
        } else {
            method = .normalApproximation
            let mean = Double(n * (n + 1)) / 4
            let tieTerm = ranking.tieSizes.reduce(0.0) { $0 + Double($1 * $1 * $1 - $1) } / 48
            let variance = Double(n * (n + 1) * (2 * n + 1)) / 24 - tieTerm
            guard variance > 0 else {
                pValue = 1
                return
            }
            let distance = max(0, abs(positive - mean) - 0.5)
            pValue = min(1, 2 * NormalDistribution.survival(distance / variance.squareRoot()))
        }
    }

    /// P(W <= w) under the null hypothesis (each rank's sign a fair coin), by counting the subsets of
    /// the ranks 1...n with each sum.
    static func exactLowerTail(atMost w: Int, n: Int) -> Double {
        let maxSum = n * (n + 1) / 2
        var ways = Array(repeating: 0.0, count: maxSum + 1)
        ways[0] = 1
        for rank in 1...n {
            for sum in stride(from: maxSum, through: rank, by: -1) { ways[sum] += ways[sum - rank] }
        }
        let total = ways.reduce(0, +)
        guard w >= 0 else { return 0 }
        return ways[0...min(w, maxSum)].reduce(0, +) / total
    }
}
