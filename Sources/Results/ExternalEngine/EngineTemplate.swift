/// One element of an external engine's command (or one environment value) split into literal text and
/// placeholders. `{name}` is a placeholder; `{{` and `}}` stand for literal braces (as in Python's format).
public struct EngineTemplate: Sendable, Equatable {
    public enum Piece: Sendable, Equatable {
        case text(String)
        case placeholder(EnginePlaceholder)
    }

    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    public let pieces: [Piece]

    public var placeholders: [EnginePlaceholder] {
        pieces.compactMap { if case .placeholder(let p) = $0 { return p } else { return nil } }
    }

    /// The whole element is one placeholder (what a list placeholder must be, outside a shell script).
    public var isSinglePlaceholder: Bool { pieces.count == 1 && placeholders.count == 1 }

    public static func parse(_ text: String) throws(Problem) -> EngineTemplate {
        var pieces: [Piece] = []
        var literal = ""
        var index = text.startIndex
        func next(_ i: String.Index) -> Character? { i < text.endIndex ? text[i] : nil }
        while index < text.endIndex {
            let character = text[index]
            let after = text.index(after: index)
            if character == "{" && next(after) == "{" || character == "}" && next(after) == "}" {
                literal.append(character)
                index = text.index(after: after)
            } else if character == "{" {
                guard let close = text[after...].firstIndex(of: "}") else {
                    throw Problem(description: "an unmatched { in \"\(text)\" (write {{ for a literal brace)")
                }
                let name = String(text[after..<close])
                guard let placeholder = EnginePlaceholder(name: name) else {
                    let valid = EnginePlaceholder.allCases.map(\.text).joined(separator: ", ")
                    throw Problem(description: "{\(name)} is not a placeholder (valid: \(valid); {{ and }} for literal braces)")
                }
                if !literal.isEmpty { pieces.append(.text(literal)) }
                literal = ""
                pieces.append(.placeholder(placeholder))
                index = text.index(after: close)
            } else if character == "}" {
                throw Problem(description: "an unmatched } in \"\(text)\" (write }} for a literal brace)")
            } else {
                literal.append(character)
                index = after
            }
        }
        if !literal.isEmpty { pieces.append(.text(literal)) }
        return EngineTemplate(pieces: pieces)
    }

    /// The element with its placeholders filled. A list placeholder that is the whole element gives one
    /// element per value; inside a longer element its values are joined by spaces (a shell script, where
    /// `quote` makes each value one word). `quote` is applied to every value (nil: values as they are).
    public func render(_ value: (EnginePlaceholder) -> [String], quote: ((String) -> String)? = nil) -> [String] {
        let q = quote ?? { $0 }
        if isSinglePlaceholder, let only = placeholders.first, only.isList, quote == nil {
            return value(only)
        }
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case .placeholder(let p): out += value(p).map(q).joined(separator: " ")
            }
        }
        return [out]
    }
}
