/// Order statistics for the small samples a sweep produces (a handful of repetitions per cell).
public enum Descriptive {
    /// The middle value (mean of the two middle ones for an even count); nil for no values.
    public static func median(_ values: [Double]) -> Double? {
        quantile(values, 0.5)
    }

    /// Linear interpolation between order statistics (numpy's default, "type 7"), so the numbers
    /// match what a reader gets from `numpy.quantile` on the same data.
    public static func quantile(_ values: [Double], _ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return quantile(sorted: sorted, q)
    }

    /// As `quantile`, for values already sorted ascending (the bootstrap calls this thousands of times).
    public static func quantile(sorted: [Double], _ q: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let position = Swift.min(Swift.max(q, 0), 1) * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// Sample coefficient of variation in percent (standard deviation / mean); nil below two values.
    public static func coefficientOfVariationPercent(_ values: [Double]) -> Double? {
        guard values.count >= 2 else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        guard mean != 0 else { return nil }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        return variance.squareRoot() / abs(mean) * 100
    }
}
