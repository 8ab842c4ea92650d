import Results

/// The all-cells figure of an A/B and its interval: the geometric mean over cells of each cell's
/// median pair ratio, with a percentile bootstrap that resamples the pairs within each cell (the
/// cells stay fixed). Resampling cells instead, as `compare`'s overall interval does, fits many
/// cells with few runs; an A/B has few cells with many pairs, and a bootstrap over 4 cells has
/// only 35 distinct resamples and ignores how noisy each cell's pairs were.
public struct PairedBootstrap: Sendable, Equatable, Codable {
    /// Geometric mean of the per-cell median ratios.
    public let ratio: Double
    public let lower: Double
    public let upper: Double
    public let confidence: Double
    public let resamples: Int

    /// `ratiosByCell`: each cell's per-pair ratios (all positive). Nil when no cell has a ratio.
    public init?(ratiosByCell: [[Double]], confidence: Double = 0.95, resamples: Int = 2000, seed: UInt64 = 1) {
        let cells = ratiosByCell.filter { !$0.isEmpty }
        guard !cells.isEmpty else { return nil }
        func geometricMean(_ medians: [Double]) -> Double {
            (medians.reduce(0) { $0 + $1.logarithm } / Double(medians.count)).exponential
        }
        ratio = geometricMean(cells.map { Descriptive.median($0)! })
        var generator = SeededGenerator(seed: seed)
        var estimates: [Double] = []
        estimates.reserveCapacity(resamples)
        var medians = Array(repeating: 0.0, count: cells.count)
        for _ in 0..<max(1, resamples) {
            for (index, cell) in cells.enumerated() {
                var sample = (0..<cell.count).map { _ in cell[Int(generator.next() % UInt64(cell.count))] }
                sample.sort()
                medians[index] = Descriptive.quantile(sorted: sample, 0.5)!
            }
            estimates.append(geometricMean(medians))
        }
        estimates.sort()
        let tail = (1 - confidence) / 2
        lower = Descriptive.quantile(sorted: estimates, tail) ?? ratio
        upper = Descriptive.quantile(sorted: estimates, 1 - tail) ?? ratio
        self.confidence = confidence
        self.resamples = resamples
    }
}
