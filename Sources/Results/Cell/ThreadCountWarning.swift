/// Large thread counts are allowed (oversubscription is what arbench studies), but a count far beyond
/// the cores is more often a typo than a plan, and its cells can take 100x longer: say so once.
public enum ThreadCountWarning {
    /// A count above this multiple of the usable cores is warned about.
    public static let coresMultiple = 8

    /// One line naming the largest count beyond the limit, or nil. `intraOpThreads` may hold
    /// `IntraOpThreads.libTorchDefault` (0), which is never large.
    public static func text(engineThreads: [Int], intraOpThreads: [Int], cores: Int) -> String? {
        let limit = coresMultiple * max(cores, 1)
        let large = [("engine threads", engineThreads.max() ?? 0), ("intra-op threads", intraOpThreads.max() ?? 0)]
            .filter { $0.1 > limit }
        guard !large.isEmpty else { return nil }
        let named = large.map { "\($0.1) \($0.0)" }.joined(separator: " and ")
        return "warning: \(named) on \(cores) usable \(cores == 1 ? "core" : "cores") (more than \(coresMultiple)x): heavy oversubscription, runs may take far longer"
    }
}
