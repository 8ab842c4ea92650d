import Results

/// One cell's repetitions folded into the figures a person compares: medians of the ok runs
/// (robust to one disturbed repetition), with how many runs were ok.
public struct CellSummary: Sendable, Equatable {
    public var cellID: String
    public var engineMode: String
    public var engineThreads: Int
    public var intraOpThreads: Int
    public var allocator: String
    public var mallocConf: String
    public var ompWaitPolicy: String
    public var runs: Int
    public var okRuns: Int
    public var processingSeconds: Double?
    public var wallSeconds: Double?
    public var coresUsed: Double?
    public var cpuUtilPercent: Double?
    public var peakRSSMiB: Double?
    public var averageRSSMiB: Double?
    public var rssSlopeMiBPerHour: Double?
    public var rssLateSlopeMiBPerHour: Double?
    public var throughput: Double?
    public var latencyP99Ms: Double?

    /// Summaries in first-seen row order (the grid order of the first repetition).
    public static func of(_ rows: [ResultRow]) -> [CellSummary] {
        var order: [String] = []
        var groups: [String: [ResultRow]] = [:]
        for row in rows {
            let id = row["cell_id"]
            if groups[id] == nil { order.append(id) }
            groups[id, default: []].append(row)
        }
        return order.compactMap { id in groups[id].map { CellSummary(id: id, rows: $0) } }
    }

    init(id: String, rows: [ResultRow]) {
        let first = rows[0]
        let ok = rows.filter(\.isOK)
        func median(_ column: String) -> Double? { Descriptive.median(ok.compactMap { $0.number(column) }) }
        cellID = id
        engineMode = first["engine_mode"]
        engineThreads = Int(first["engine_threads"]) ?? 0
        intraOpThreads = Int(first["intra_op_threads"]) ?? 0
        allocator = first["allocator"]
        mallocConf = first["malloc_conf"]
        ompWaitPolicy = first["omp_wait_policy"]
        runs = rows.count
        okRuns = ok.count
        processingSeconds = median("processing_s")
        wallSeconds = median("wall_s")
        coresUsed = median("cores_used")
        cpuUtilPercent = median("cpu_util_pct")
        peakRSSMiB = median("rss_peak_mb")
        averageRSSMiB = median("rss_avg_mb")
        rssSlopeMiBPerHour = median("rss_slope_mb_per_h")
        rssLateSlopeMiBPerHour = median("rss_slope_late_mb_per_h")
        throughput = median("throughput_x")
        latencyP99Ms = median("latency_p99_ms")
    }
}
