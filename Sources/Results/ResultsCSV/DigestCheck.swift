/// Every ok run of a sweep processed the same audio with the same model, so all must produce the
/// same tags: a different output digest means some configuration changed the results, and then
/// its timings compare different work.
public struct DigestCheck: Sendable, Equatable {
    public struct Group: Sendable, Equatable {
        public var digest: String
        public var runs: [RunKey]
    }

    /// Each distinct digest with the runs that produced it, most common first.
    public var groups: [Group]

    public init(rows: [ResultRow]) {
        var byDigest: [String: [RunKey]] = [:]
        var order: [String] = []
        for row in rows where row.isOK {
            guard let key = row.key else { continue }
            let digest = row[.outputDigest]
            if byDigest[digest] == nil { order.append(digest) }
            byDigest[digest, default: []].append(key)
        }
        groups = order.map { Group(digest: $0, runs: byDigest[$0] ?? []) }.sorted { $0.runs.count > $1.runs.count }
    }

    public var isConsistent: Bool { groups.count <= 1 }

    public var digest: String? { groups.first?.digest }
}
