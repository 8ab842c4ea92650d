/// Everything `compare` decides with: per-metric thresholds and the statistics settings. The
/// defaults were chosen by measurement (A/A runs of Experiments/quick.yaml on the 2-core CI machine
/// kind, see NOISE.md): each limit sits above the largest change seen between runs of the same code.
public struct GateThresholds: Sendable, Equatable, Codable {
    public var metrics: [CompareMetric: MetricThreshold]
    /// With fewer ok repetitions than this on either side, no test is run: medians against the wider
    /// threshold, and every current repetition must be worse than every baseline repetition.
    public var minimumRepetitions: Int
    public var test: StatisticalTest
    /// Mann-Whitney: the largest two-sided p-value that still counts as support.
    public var alpha: Double
    public var bootstrapConfidence: Double
    public var bootstrapResamples: Int
    public var bootstrapSeed: UInt64

    public init(metrics: [CompareMetric: MetricThreshold] = Self.defaultMetrics, minimumRepetitions: Int = 5,
                test: StatisticalTest = .mannWhitney, alpha: Double = 0.05, bootstrapConfidence: Double = 0.95,
                bootstrapResamples: Int = 2000, bootstrapSeed: UInt64 = 1) {
        self.metrics = metrics
        self.minimumRepetitions = minimumRepetitions
        self.test = test
        self.alpha = alpha
        self.bootstrapConfidence = bootstrapConfidence
        self.bootstrapResamples = bootstrapResamples
        self.bootstrapSeed = bootstrapSeed
    }

    public static let `default` = GateThresholds()

    public func threshold(_ metric: CompareMetric) -> MetricThreshold {
        metrics[metric] ?? Self.defaultMetrics[metric]!
    }

    /// Measured on the 2-core CI machine kind (NOISE.md): 10 runs of quick.yaml, 90 ordered A/A pairs,
    /// the machine shared with compilers. Each limit sits above the worst change noise produced there:
    /// per cell with 2 repetitions (few_reps), and for the geometric mean over the 12 cells (overall).
    /// The >= 5-repetition limits were not measured (quick has 2): set between the two, since a test
    /// over 5+ repetitions already filters the one-off outliers that make the 2-repetition noise.
    /// Absolute floors: a change below them is not worth a red CI whatever its percentage.
    public static let defaultMetrics: [CompareMetric: MetricThreshold] = [
        // worst A/A: cell +108%, all cells +52% (whole runs shift together when the machine is busy)
        .wallTime: MetricThreshold(relativePercent: 60, fewRepetitionsRelativePercent: 120, absolute: 0.5, overallRelativePercent: 60),
        // cell +45%, all cells +19%: CPU seconds move less with load than wall seconds
        .cpuTime: MetricThreshold(relativePercent: 30, fewRepetitionsRelativePercent: 55, absolute: 0.3, overallRelativePercent: 25),
        // cell +2.1%, all cells +0.3%: the steadiest figure there is
        .peakRSS: MetricThreshold(relativePercent: 3, fewRepetitionsRelativePercent: 5, absolute: 8, overallRelativePercent: 2),
        // cell +18%, all cells +8%: sampled every 100 ms over 2-3 s runs
        .averageRSS: MetricThreshold(relativePercent: 15, fewRepetitionsRelativePercent: 25, absolute: 15, overallRelativePercent: 12),
        // cell +68% (processing 3.1x), all cells +44%
        .throughput: MetricThreshold(relativePercent: 45, fewRepetitionsRelativePercent: 75, absolute: 50, overallRelativePercent: 50),
        // cell +239%, all cells +92%: the 99th percentile of 300 segments is a handful of segments
        .p99Latency: MetricThreshold(relativePercent: 150, fewRepetitionsRelativePercent: 250, absolute: 20, overallRelativePercent: 100),
        // cell +61%, all cells +35% (quiet machine: +62%, +23%)
        .wallTimeNormalised: MetricThreshold(relativePercent: 45, fewRepetitionsRelativePercent: 80, absolute: 0.1, overallRelativePercent: 40),
        // cell +40%, all cells +18% (quiet machine: +54%, +22%: a ratio of two cells' noisy CPU times)
        .cpuTimeNormalised: MetricThreshold(relativePercent: 35, fewRepetitionsRelativePercent: 65, absolute: 0.1, overallRelativePercent: 30),
        // cell +62%, all cells +34%
        .throughputNormalised: MetricThreshold(relativePercent: 40, fewRepetitionsRelativePercent: 70, absolute: 0.1, overallRelativePercent: 40),
        // cell +204%, all cells +47%
        .p99LatencyNormalised: MetricThreshold(relativePercent: 150, fewRepetitionsRelativePercent: 250, absolute: 0.5, overallRelativePercent: 60),
    ]
}
