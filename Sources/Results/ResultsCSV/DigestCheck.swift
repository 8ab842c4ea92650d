/// Whether the ok runs of a sweep produced the same output (results.csv's output_digest), so their
/// timings compare the same work. Runs compare within the work they did: the files once (offline, rate
/// requests), or K streams playing them round robin (streams, and a capacity cell's load at capacity),
/// whose output holds K files' tags.
public struct DigestCheck: Sendable, Equatable {
    public struct Group: Sendable, Equatable {
        /// `` for the files once, `2 streams` for two streams, `engine python` for an external engine's.
        public var work: String
        public var digest: String
        public var runs: [RunKey]

        /// The work in words: `the files once`, `engine python`, `2 streams`.
        public var workLabel: String { work.isEmpty ? "the files once" : work }
    }

    /// Each distinct (work, digest) with the runs that produced it, most common first.
    public var groups: [Group]

    public init(rows: [ResultRow]) {
        var byDigest: [String: [String: [RunKey]]] = [:]
        var order: [(String, String)] = []
        for row in rows where row.isOK {
            guard let key = row.key else { continue }
            let digest = row[.outputDigest]
            let work = Self.work(row)
            if byDigest[work]?[digest] == nil { order.append((work, digest)) }
            byDigest[work, default: [:]][digest, default: []].append(key)
        }
        groups = order.map { Group(work: $0.0, digest: $0.1, runs: byDigest[$0.0]?[$0.1] ?? []) }.sorted { $0.runs.count > $1.runs.count }
    }

    /// Every work has one output.
    public var isConsistent: Bool { Set(groups.map(\.work)).count == groups.count }

    /// The digest when every run produced the same.
    /// The most common digest.
    public var digest: String? { groups.first?.digest }

    /// Each engine has its own output (an external engine its own digest, or none): compared within the engine.
    static func work(_ row: ResultRow) -> String {
        let engine = row[.engine].isEmpty || row[.engine] == CellEngine.builtInName ? "" : "engine \(row[.engine])"
        guard let load = CellLoad(row: row) else { return engine }
        let streams: String
        switch load.scenario {
        case .offline, .rate: streams = ""
        case .streams: streams = CountText.of(load.streams ?? 1, "stream")
        case .capacity: streams = CountText.of(max(1, Int(row[.capacityStreams]) ?? 1), "stream")
        }
        return [engine, streams].filter { !$0.isEmpty }.joined(separator: ", ")
    }
}
