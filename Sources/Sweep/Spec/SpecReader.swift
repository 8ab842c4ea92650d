import Foundation
import Yams
import Results

/// The experiment spec's reader: YAMLReader's checks plus the spec's own value kinds (thread counts,
/// closed vocabularies, allocators, runtimes, inputs).
final class SpecReader: YAMLReader {
    /// The items of a list, or the node itself when a single value stands for a one-item list.
    func items(_ node: Node, field: String) -> [(node: Node, field: String)] {
        if let sequence = node.sequence {
            if sequence.isEmpty { report(node, field, "must list at least one value") }
            return sequence.enumerated().map { ($1, "\(field)[\($0)]") }
        }
        return [(node, field)]
    }

    /// Thread counts: `4`, `"1-16"` (inclusive range), or a list mixing both. Each at least 1; with
    /// `allowsDefault`, also `default` (LibTorch's own choice, stored as IntraOpThreads.libTorchDefault)
    /// and `budget` (the cell's CPU budget per engine thread, IntraOpThreads.budget).
    func threadCounts(_ node: Node, field: String, allowsDefault: Bool = false, noun: String = "thread count") -> [Int]? {
        var values: [Int] = []
        var ok = true
        for (item, path) in items(node, field: field) {
            guard let text = item.scalar?.string else {
                report(item, path, "expected a \(noun) or a range like 1-16")
                ok = false
                continue
            }
            if allowsDefault && text == IntraOpThreads.defaultName {
                values.append(IntraOpThreads.libTorchDefault)
            } else if allowsDefault && text == IntraOpThreads.budgetName {
                values.append(IntraOpThreads.budget)
            } else if let value = Int(text) {
                guard value >= 1 else {
                    report(item, path, "\(value) is not a \(noun) (at least 1)")
                    ok = false
                    continue
                }
                values.append(value)
            } else if let range = Self.range(text) {
                // Checked before the range is spelled out: `1-100000` is one problem, not 100,000 values.
                guard range.upperBound <= Self.maximumThreads else {
                    report(item, path, "\(text): \(noun)s go up to \(Self.maximumThreads)")
                    ok = false
                    continue
                }
                guard range.lowerBound >= 1 else {
                    report(item, path, "\(text): \(noun)s start at 1")
                    ok = false
                    continue
                }
                values.append(contentsOf: range)
            } else {
                report(item, path, "\"\(text)\" is neither a \(noun) nor a range like 1-16")
                ok = false
            }
        }
        let over = values.filter { $0 > Self.maximumThreads }
        if !over.isEmpty {
            report(node, field, "\(over.count == 1 ? "\(over[0]) is" : "\(over.count) values are") more than \(Self.maximumThreads)")
            ok = false
        }
        if Set(values).count != values.count {
            report(node, field, "lists a value twice: \(values.map(String.init).joined(separator: ", "))")
            ok = false
        }
        return ok && !values.isEmpty ? values : nil
    }

    /// Values of a closed vocabulary (`[default, passive]`, `threads`).
    func choices<Choice: RawRepresentable & CaseIterable>(_ node: Node, field: String, of type: Choice.Type) -> [Choice]?
        where Choice.RawValue == String {
        var values: [Choice] = []
        var ok = true
        for (item, path) in items(node, field: field) {
            guard let text = item.scalar?.string, let value = Choice(rawValue: text.lowercased()) else {
                let known = Choice.allCases.map(\.rawValue).joined(separator: ", ")
                report(item, path, "\(describe(item)) is not one of: \(known)")
                ok = false
                continue
            }
            values.append(value)
        }
        return ok && !values.isEmpty ? values : nil
    }

    static let maximumThreads = 1024

    /// `"1-16"` -> 1...16; nil for anything else.
    static func range(_ text: String) -> ClosedRange<Int>? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let low = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let high = Int(parts[1].trimmingCharacters(in: .whitespaces)),
              low <= high else { return nil }
        return low...high
    }
}
