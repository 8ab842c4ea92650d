import Results

/// One of the study's conclusions, stated as data in the experiment spec's `expectations:` block and
/// checked by `arbench check RUN_DIR`. The vocabulary is small on purpose (see ExpectationParser for
/// the YAML form of each).
public enum Expectation: Sendable, Equatable {
    /// Every run finished ok (no crash, timeout or wrong allocator).
    case allOK
    /// Every ok run produced the same output digest: no setting changes the engine's answers.
    case digestsEqual
    /// At the highest engine-thread count, the intra-op setting with the best median is `intra`
    /// (the post: with many engine threads, LibTorch's own pool must be 1).
    case fastestIntraAtMaxEngine(FastestIntra)
    /// With intra-op `intra`, going from `engineFrom` to `engineTo` engine threads makes the metric
    /// worse by at least the percentage (the post's oversubscription).
    case oversubscription(EngineStep)
    /// With intra-op `intra`, going from `engineFrom` to `engineTo` engine threads makes the metric
    /// better by at least the percentage (engine threads do scale when the intra-op pool is 1).
    case scaling(EngineStep)
    /// `allocator` gives a metric at least the percentage below `versus` in matching cells (the post: jemalloc's RSS).
    case allocatorRSSReduction(AllocatorReduction)

    public struct FastestIntra: Sendable, Equatable {
        public var intra: Int
        public var metric: Metric
        /// The runner-up must be worse than the fastest by at least this much (0: just be the fastest).
        public var marginPercent: Double
        /// Only cells of this allocator; nil: every allocator must show it.
        public var allocator: String?

        public init(intra: Int, metric: Metric = .processingSeconds, marginPercent: Double = 0,
                    allocator: String? = nil) {
            self.intra = intra
            self.metric = metric
            self.marginPercent = marginPercent
            self.allocator = allocator
        }
    }

    public struct EngineStep: Sendable, Equatable {
        public var intra: Int
        public var engineFrom: Int
        public var engineTo: Int
        public var atLeastPercent: Double
        public var metric: Metric
        public var allocator: String?

        public init(intra: Int, engineFrom: Int, engineTo: Int, atLeastPercent: Double,
                    metric: Metric = .processingSeconds, allocator: String? = nil) {
            self.intra = intra
            self.engineFrom = engineFrom
            self.engineTo = engineTo
            self.atLeastPercent = atLeastPercent
            self.metric = metric
            self.allocator = allocator
        }
    }

    public struct AllocatorReduction: Sendable, Equatable {
        public var allocator: String
        public var versus: String
        public var metric: Metric
        public var atLeastPercent: Double
        /// Only pairs at these thread counts; nil: every matching pair must show it.
        public var engineThreads: Int?
        public var intra: Int?

        public init(allocator: String, versus: String, metric: Metric = .rssAverageMiB,
                    atLeastPercent: Double, engineThreads: Int? = nil, intra: Int? = nil) {
            self.allocator = allocator
            self.versus = versus
            self.metric = metric
            self.atLeastPercent = atLeastPercent
            self.engineThreads = engineThreads
            self.intra = intra
        }
    }

    /// The key in the spec.
    public var name: String {
        switch self {
        case .allOK: "all_ok"
        case .digestsEqual: "digests_equal"
        case .fastestIntraAtMaxEngine: "fastest_intra_at_max_engine"
        case .oversubscription: "oversubscription"
        case .scaling: "scaling"
        case .allocatorRSSReduction: "allocator_rss_reduction"
        }
    }

    /// The claim in words, as check prints it.
    public var claim: String {
        switch self {
        case .allOK:
            return "every run finished ok"
        case .digestsEqual:
            return "every ok run produced the same output digest"
        case .fastestIntraAtMaxEngine(let e):
            let margin = e.marginPercent > 0 ? ", ahead of the next by >= \(NumberText.fixed(e.marginPercent, 0))%" : ""
            return "at the highest engine-thread count the best \(e.metric.column) has intra-op \(e.intra)\(margin)\(Self.scope(e.allocator))"
        case .oversubscription(let e):
            return "intra-op \(e.intra): engine \(e.engineFrom) -> \(e.engineTo) makes \(e.metric.column) worse by >= \(NumberText.fixed(e.atLeastPercent, 0))%\(Self.scope(e.allocator))"
        case .scaling(let e):
            return "intra-op \(e.intra): engine \(e.engineFrom) -> \(e.engineTo) makes \(e.metric.column) better by >= \(NumberText.fixed(e.atLeastPercent, 0))%\(Self.scope(e.allocator))"
        case .allocatorRSSReduction(let e):
            var cells: [String] = []
            if let engine = e.engineThreads { cells.append("engine \(engine)") }
            if let intra = e.intra { cells.append("intra-op \(intra)") }
            let scope = cells.isEmpty ? "every matching cell" : cells.joined(separator: ", ")
            return "\(e.allocator) \(e.metric.column) >= \(NumberText.fixed(e.atLeastPercent, 0))% below \(e.versus) (\(scope))"
        }
    }

    static func scope(_ allocator: String?) -> String {
        allocator.map { " (\($0))" } ?? " (every allocator)"
    }
}
