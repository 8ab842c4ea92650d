import Foundation

/// When a load meets "p99 latency within the bound": LoadGen's Server rule in its early-stopping form.
/// The share of segments over the bound is a binomial proportion; the load passes when, at 99% confidence,
/// fewer than 1% exceed it (P(X <= over | n, 1%) <= 1%: with none over, 459 segments are enough), fails
/// when at 99% confidence more than 1% do, and is undecided in between (too few segments to tell, which a
/// capacity search counts as a failure: it claims only what it can show).
public struct LatencyBoundRule: Sendable, Equatable, Codable {
    public enum Verdict: String, Sendable, Codable { case pass, fail, undecided }

    /// The share allowed over the bound (0.01 for p99) and the confidence (0.99).
    public var tail: Double
    public var confidence: Double

    public init(tail: Double = 0.01, confidence: Double = 0.99) {
        self.tail = tail
        self.confidence = confidence
    }

    public func verdict(segments n: Int, overBound k: Int) -> Verdict {
        guard n > 0 else { return .undecided }
        let alpha = 1 - confidence
        if Self.binomialCDF(k, n, tail) <= alpha { return .pass }
        if k > 0 && 1 - Self.binomialCDF(k - 1, n, tail) <= alpha { return .fail }
        return .undecided
    }

    /// The fewest segments with none over the bound that pass.
    public var minimumSegments: Int {
        Int((log(1 - confidence) / log(1 - tail)).rounded(.up))
    }

    /// P(X <= k) for X ~ Binomial(n, p), summed in log space (n in the millions underflows otherwise).
    static func binomialCDF(_ k: Int, _ n: Int, _ p: Double) -> Double {
        guard k >= 0 else { return 0 }
        guard k < n else { return 1 }
        var logTerm = Double(n) * log1p(-p)
        var total = logTerm
        for i in 0..<k {
            logTerm += log(Double(n - i)) - log(Double(i + 1)) + log(p) - log1p(-p)
            let high = max(total, logTerm)
            total = high + log(exp(total - high) + exp(logTerm - high))
        }
        return min(1, exp(total))
    }
}
