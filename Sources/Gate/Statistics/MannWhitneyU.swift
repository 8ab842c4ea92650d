/// The Mann-Whitney U test (Wilcoxon rank-sum): do two samples come from the same distribution, or
/// does one tend to give larger values? It makes no assumption about the shape of the distribution,
/// which suits timings (skewed, with outliers from a busy machine) better than a t-test.
///
/// Two-sided, computed as `scipy.stats.mannwhitneyu(x, y, alternative="two-sided")` does with its
/// default `method="auto"`: the exact distribution of U when there are no ties and at least one sample
/// has at most 8 values, else the normal approximation with tie correction and continuity correction.
public struct MannWhitneyU: Sendable, Equatable {
    public enum Method: String, Sendable, Codable {
        case exact
        case normalApproximation = "normal-approximation"
    }

    /// U of the first sample: how many (x, y) pairs have x > y, ties counting one half.
    public let u: Double
    /// Two-sided p-value.
    public let pValue: Double
    public let method: Method

    /// Nil when either sample is empty.
    public init?(_ x: [Double], _ y: [Double]) {
        let n1 = x.count, n2 = y.count
        guard n1 > 0, n2 > 0 else { return nil }
        let ranking = Ranks(x + y)
        let rankSumX = ranking.ranks.prefix(n1).reduce(0, +)
        let u1 = rankSumX - Double(n1 * (n1 + 1)) / 2
        let u2 = Double(n1 * n2) - u1
        // The larger U, so one upper tail doubled gives the two-sided p (as scipy does).
        let uMax = max(u1, u2)
        u = u1
        if !ranking.hasTies && min(n1, n2) <= Self.exactLimit {
            method = .exact
            pValue = min(1, 2 * Self.exactUpperTail(atLeast: Int(uMax.rounded()), n1: n1, n2: n2))
        } else {
            method = .normalApproximation
            let n = Double(n1 + n2)
            let mean = Double(n1 * n2) / 2
            let tieTerm = ranking.tieSizes.reduce(0.0) { $0 + Double($1 * $1 * $1 - $1) } / (n * (n - 1))
            let variance = Double(n1 * n2) / 12 * ((n + 1) - tieTerm)
            guard variance > 0 else {
                // Every value equal: no evidence of any difference.
                pValue = 1
                return
            }
            let z = (uMax - mean - 0.5) / variance.squareRoot()
            pValue = min(1, max(0, 2 * NormalDistribution.survival(z)))
        }
    }

    /// scipy's threshold for the exact method.
    static let exactLimit = 8

    /// P(U >= u) under the null hypothesis, by counting the arrangements of n1 + n2 ranks that give
    /// each U: f(m, n, u) = f(m - 1, n, u - n) + f(m, n - 1, u).
    static func exactUpperTail(atLeast u: Int, n1: Int, n2: Int) -> Double {
        let maxU = n1 * n2
        // counts[m][n] is the distribution of U for sample sizes m and n.
        var counts = Array(repeating: Array(repeating: [Double](), count: n2 + 1), count: n1 + 1)
        for m in 0...n1 {
            for n in 0...n2 {
                if m == 0 || n == 0 {
                    counts[m][n] = [1]
                    continue
                }
                var distribution = Array(repeating: 0.0, count: m * n + 1)
                for (value, ways) in counts[m - 1][n].enumerated() { distribution[value + n] += ways }
                for (value, ways) in counts[m][n - 1].enumerated() { distribution[value] += ways }
                counts[m][n] = distribution
            }
        }
        let distribution = counts[n1][n2]
        let total = distribution.reduce(0, +)
        let tail = distribution[min(max(u, 0), maxU)...].reduce(0, +)
        return tail / total
    }
}

/// Mid-ranks (1-based; tied values share the mean of their ranks) and the sizes of the tie groups.
struct Ranks {
    let ranks: [Double]
    let tieSizes: [Int]

    init(_ values: [Double]) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = Array(repeating: 0.0, count: values.count)
        var ties: [Int] = []
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let midRank = Double(start + end) / 2 + 1
            for position in start...end { ranks[order[position]] = midRank }
            if end > start { ties.append(end - start + 1) }
            start = end + 1
        }
        self.ranks = ranks
        tieSizes = ties
    }

    var hasTies: Bool { !tieSizes.isEmpty }
}
