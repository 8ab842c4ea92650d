import ArgumentParser
import Results

/// A thread-count option's value, refused in the words a spec uses for the same mistake
/// (`engine_threads: 0 is not a thread count (at least 1)`).
enum ThreadCountOption {
    /// Nil when `text` is not a count (at least 1), or `default` where that is allowed.
    static func parse(_ text: String, allowsDefault: Bool) -> Int? {
        // `budget` is a sweep's value (resolved per cell before its child starts), not a run's.
        if allowsDefault { return IntraOpThreads.parse(text).flatMap { $0 == IntraOpThreads.budget ? nil : $0 } }
        guard let n = Int(text), n >= 1 else { return nil }
        return n
    }

    static func check(_ text: String, option: String, allowsDefault: Bool) throws {
        guard parse(text, allowsDefault: allowsDefault) == nil else { return }
        throw ValidationError("\(option): \(text) is not a thread count (at least 1\(allowsDefault ? ", or \(IntraOpThreads.defaultName)" : ""))")
    }

    /// The value after `check` passed.
    static func value(_ text: String, allowsDefault: Bool) -> Int {
        parse(text, allowsDefault: allowsDefault) ?? 1
    }
}
