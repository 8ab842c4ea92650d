import Foundation
import Yams
import Results

/// Reads typed values out of YAML nodes and collects every problem (instead of stopping at the
/// first), each naming its field and line, so one run of a bad spec shows all that is wrong.
final class SpecReader {
    let file: String
    private(set) var problems: [SpecProblem] = []

    init(file: String) {
        self.file = file
    }

    func report(_ node: Node?, _ field: String, _ message: String) {
        problems.append(SpecProblem(file: file, line: node?.mark?.line, field: field, message: message))
    }

    /// The mapping's entries by key; a key not in `allowed` is a problem (typos must not be ignored).
    func mapping(_ node: Node, field: String, allowed: [String]) -> [String: Node]? {
        guard let mapping = node.mapping else {
            report(node, field, "expected a mapping (key: value lines)")
            return nil
        }
        var entries: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? "\(keyNode)"
            let path = field.isEmpty ? key : "\(field).\(key)"
            if !allowed.contains(key) {
                report(keyNode, path, "unknown key (allowed here: \(allowed.joined(separator: ", ")))")
            } else if entries[key] != nil {
                report(keyNode, path, "given twice")
            } else {
                entries[key] = value
            }
        }
        return entries
    }

    func string(_ node: Node, field: String) -> String? {
        guard let scalar = node.scalar else {
            report(node, field, "expected a single value")
            return nil
        }
        return scalar.string
    }

    func integer(_ node: Node, field: String, minimum: Int) -> Int? {
        guard node.scalar != nil, let value = node.int else {
            report(node, field, "expected a whole number, got \(describe(node))")
            return nil
        }
        guard value >= minimum else {
            report(node, field, "\(value) is too small (at least \(minimum))")
            return nil
        }
        return value
    }

    /// The items of a list, or the node itself when a single value stands for a one-item list.
    func items(_ node: Node, field: String) -> [(node: Node, field: String)] {
        if let sequence = node.sequence {
            if sequence.isEmpty { report(node, field, "must list at least one value") }
            return sequence.enumerated().map { ($1, "\(field)[\($0)]") }
        }
        return [(node, field)]
    }

    /// Thread counts: `4`, `"1-16"` (inclusive range), or a list mixing both. Each at least 1; with
    /// `allowsDefault`, also `default` (LibTorch's own choice, stored as IntraOpThreads.libTorchDefault).
    func threadCounts(_ node: Node, field: String, allowsDefault: Bool = false) -> [Int]? {
        var values: [Int] = []
        var ok = true
        for (item, path) in items(node, field: field) {
            guard let text = item.scalar?.string else {
                report(item, path, "expected a thread count or a range like 1-16")
                ok = false
                continue
            }
            if allowsDefault && text == IntraOpThreads.defaultName {
                values.append(IntraOpThreads.libTorchDefault)
            } else if let value = Int(text) {
                guard value >= 1 else {
                    report(item, path, "\(value) is not a thread count (at least 1)")
                    ok = false
                    continue
                }
                values.append(value)
            } else if let range = Self.range(text) {
                guard range.lowerBound >= 1 else {
                    report(item, path, "\(text): thread counts start at 1")
                    ok = false
                    continue
                }
                values.append(contentsOf: range)
            } else {
                report(item, path, "\"\(text)\" is neither a thread count nor a range like 1-16")
                ok = false
            }
        }
        for value in values where value > Self.maximumThreads {
            report(node, field, "\(value) threads is more than \(Self.maximumThreads)")
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

    func describe(_ node: Node) -> String {
        if let scalar = node.scalar { return "\"\(scalar.string)\"" }
        return node.sequence != nil ? "a list" : "a mapping"
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
