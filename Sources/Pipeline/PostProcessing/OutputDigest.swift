import Results

/// A fingerprint of an engine's output that must not change with thread counts or allocators.
/// It covers tag spans (ms) and labels but not scores: scores differ in the last float bits between
/// intra-op settings (summation order), and rounding them would make the digest flip at boundaries.
/// Score agreement is checked separately, with a tolerance.
public enum OutputDigest {
    public static func of(_ tags: [Tag]) -> String {
        fnv1a(tags.map { tag in
            "\(Int((tag.startSeconds * 1000).rounded())),\(Int((tag.endSeconds * 1000).rounded())),\(tag.label)\n"
        }.joined())
    }

    /// Combines per-file digests in file order.
    public static func combine(_ digests: [String]) -> String {
        fnv1a(digests.joined(separator: ";"))
    }

    private static func fnv1a(_ text: String) -> String { ContentDigest.of(text: text) }
}
