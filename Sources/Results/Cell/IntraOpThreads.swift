/// An intra-op thread count as users write it: a number, or `default` (whatever LibTorch picks on
/// that runtime; stored as 0).
public enum IntraOpThreads {
    public static let libTorchDefault = 0
    public static let defaultName = "default"

    public static func text(_ n: Int) -> String { n == libTorchDefault ? defaultName : String(n) }

    /// Nil when `text` is neither `default` nor a whole number of at least 1.
    public static func parse(_ text: String) -> Int? {
        if text == defaultName { return libTorchDefault }
        guard let n = Int(text), n >= 1 else { return nil }
        return n
    }
}
