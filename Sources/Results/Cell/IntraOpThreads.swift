/// An intra-op thread count as users write it: a number, `default` (whatever LibTorch picks on
/// that runtime; stored as 0) or, in a spec, `budget` (the cell's CPU budget shared among its engine
/// threads, see CPUBudget; stored as -1 and resolved per cell before its child starts).
public enum IntraOpThreads {
    public static let libTorchDefault = 0
    public static let defaultName = "default"
    public static let budget = -1
    public static let budgetName = "budget"

    public static func text(_ n: Int) -> String {
        n == libTorchDefault ? defaultName : n == budget ? budgetName : String(n)
    }

    /// Nil when `text` is neither `default`, `budget` nor a whole number of at least 1.
    public static func parse(_ text: String) -> Int? {
        if text == defaultName { return libTorchDefault }
        if text == budgetName { return budget }
        guard let n = Int(text), n >= 1 else { return nil }
        return n
    }
}
