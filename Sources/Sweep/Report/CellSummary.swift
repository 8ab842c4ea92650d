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
            let id = row[.cellID]
            if groups[id] == nil { order.append(id) }
            groups[id, default: []].append(row)
        }
        return order.compactMap { id in groups[id].map { CellSummary(id: id, rows: $0) } }
    }

    init(id: String, rows: [ResultRow]) {
        let first = rows[0]
        let ok = rows.filter(\.isOK)
        func median(_ metric: Metric) -> Double? { Descriptive.median(ok.compactMap { $0.number(metric) }) }
        cellID = id
        engineMode = first[.engineMode]
        engineThreads = Int(first[.engineThreads]) ?? 0
        intraOpThreads = Int(first[.intraOpThreads]) ?? 0
        allocator = first[.allocator]
        mallocConf = first[.mallocConf]
        ompWaitPolicy = first[.ompWaitPolicy]
        runs = rows.count
        okRuns = ok.count
        processingSeconds = median(.processingSeconds)
        wallSeconds = median(.wallSeconds)
        coresUsed = median(.coresUsed)
        cpuUtilPercent = median(.cpuUtilPercent)
        peakRSSMiB = median(.rssPeakMiB)
        averageRSSMiB = median(.rssAverageMiB)
        rssSlopeMiBPerHour = median(.rssSlopeMiBPerHour)
        rssLateSlopeMiBPerHour = median(.rssLateSlopeMiBPerHour)
        throughput = median(.throughput)
        latencyP99Ms = median(.latencyP99Ms)
    }
}
