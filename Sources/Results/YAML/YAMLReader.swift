import Yams

/// Reads typed values out of YAML nodes and collects every problem instead of stopping at the first,
/// each naming its file, line and field, so one pass over a bad file shows all that is wrong. The one
/// reader behind experiment specs, their `expectations:` and thresholds files: unknown keys, keys
/// given twice and missing keys are caught the same way in all of them.
open class YAMLReader {
    public let file: String
    public private(set) var problems: [YAMLProblem] = []

    public init(file: String) {
        self.file = file
    }

    public func report(_ node: Node?, _ field: String, _ message: String) {
        problems.append(YAMLProblem(file: file, line: node?.mark?.line, field: field, message: message))
    }

    /// The document's root node; nil (with the problem reported) when the text is not YAML. Nil without
    /// a problem for an empty document.
    public func compose(_ text: String) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            // Yams' own text spans lines (it quotes the offending line); say it in one, at its line.
            switch error {
            case let .duplicatedKeysInMapping(duplicates, context):
                problems.append(YAMLProblem(file: file, line: context.mark.line, field: duplicates.sorted().joined(separator: ", "),
                                            message: "given twice (first on this line)"))
            case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
                 let .composer(context, problem, mark, _):
                let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
                problems.append(YAMLProblem(file: file, line: mark.line, field: "", message: "not valid YAML: \(detail)"))
            default:
                report(nil, "", "not valid YAML: \(Self.oneLine(error))")
            }
            return nil
        } catch {
            report(nil, "", "not valid YAML: \(Self.oneLine(error))")
            return nil
        }
    }

    static func oneLine(_ error: Error) -> String {
        "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// The known name a typo most likely meant: the closest by edit distance, at most 2 edits (and fewer than
    /// half the name's length) away.
    static func nearest(_ key: String, in known: [String]) -> String? {
        let typed = Array(key.lowercased())
        func distance(_ other: [Character]) -> Int {
            var previous = Array(0...other.count)
            for (i, a) in typed.enumerated() {
                var current = [i + 1]
                for (j, b) in other.enumerated() {
                    current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a == b ? 0 : 1)))
                }
                previous = current
            }
            return previous[other.count]
        }
        let scored = known.map { ($0, distance(Array($0.lowercased()))) }.filter { $0.1 <= 2 && $0.1 * 2 < max(typed.count, 2) }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// The mapping's entries by key. A key not in `allowed` + `required` (a typo must not be ignored),
    /// a key given twice (YAML parsers keep both; which one wins is not what the user meant) and a
    /// `required` key that is absent are each a problem. Nil only when the node is not a mapping.
    public func mapping(_ node: Node, field: String, allowed: [String], required: [String] = [],
                        expected: String = "expected a mapping (key: value lines)") -> [String: Node]? {
        guard let mapping = node.mapping else {
            report(node, field, expected)
            return nil
        }
        let known = required + allowed
        var entries: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? "\(keyNode)"
            let path = field.isEmpty ? key : "\(field).\(key)"
            if !known.contains(key) {
                let guess = Self.nearest(key, in: known).map { "did you mean `\($0)`? " } ?? ""
                report(keyNode, path, "unknown key (\(guess)allowed here: \(known.joined(separator: ", ")))")
            } else if entries[key] != nil {
                report(keyNode, path, "given twice")
            } else {
                entries[key] = value
            }
        }
        for key in required where entries[key] == nil {
            report(node, field.isEmpty ? key : "\(field).\(key)", "missing")
        }
        return entries
    }

    public func string(_ node: Node, field: String) -> String? {
        guard let scalar = node.scalar else {
            report(node, field, "expected a single value")
            return nil
        }
        return scalar.string
    }

    public func integer(_ node: Node, field: String, minimum: Int) -> Int? {
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

    public func number(_ node: Node, field: String, minimum: Double, maximum: Double = .infinity) -> Double? {
        guard node.scalar != nil, let value = node.float ?? node.int.map(Double.init), value.isFinite else {
            report(node, field, "expected a number, got \(describe(node))")
            return nil
        }
        guard value >= minimum, value <= maximum else {
            report(node, field, "\(value) is outside \(minimum)...\(maximum)")
            return nil
        }
        return value
    }

    /// `"4"`, `"a list"` or `"a mapping"`: what a message says was found instead.
    public func describe(_ node: Node) -> String {
        if let scalar = node.scalar { return "\"\(scalar.string)\"" }
        return node.sequence != nil ? "a list" : "a mapping"
    }
}
