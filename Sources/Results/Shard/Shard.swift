/// One share of N, written `K/N` (0 <= K < N): the multi-process engine's worker K takes every N-th
/// segment from K; a sharded sweep (`sweep --shard K/N`) takes its share of the grid's cells.
public struct Shard: Sendable, Hashable, Codable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// `K/N` of decimal digits with N >= 1 and K < N; nil for anything else (`0/0`, `3/3`, `a/2`, `-1/2`).
    public init?(text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, index < count else { return nil }
        self.init(index: index, count: count)
    }

    /// `K/N`.
    public var text: String { "\(index)/\(count)" }

    public var description: String { text }

    /// What a `--shard` value must be, for usage errors.
    public static let form = "K/N with 0 <= K < N"

    /// Every shard of `count`, in index order.
    public static func all(_ count: Int) -> [Shard] { (0..<max(0, count)).map { Shard(index: $0, count: count) } }
}
