import Foundation

/// Shell text for the generated launchers, with everything that comes from a spec, a path or a flag
/// single-quoted: a name holding quotes, `$()`, backticks, `;` or a newline stays one literal word.
/// The one exception is the shard index, which the scheduler supplies at run time: written as
/// `ShellScript.index` inside a word, it renders as `"$shard"` and nothing else expands.
public enum ShellScript {
    /// Stands for the shard index inside a word (NUL never occurs in a path or an argument).
    public static let index = "\u{0}index\u{0}"
    /// The shell variable the task scripts hold the index in.
    public static let indexVariable = "shard"

    /// One word: single-quoted literal parts, `"$shard"` where `index` stands.
    public static func word(_ text: String) -> String {
        let parts = text.components(separatedBy: index)
        return parts.enumerated().map { offset, part in
            (offset > 0 ? "\"$\(indexVariable)\"" : "") + (part.isEmpty && parts.count > 1 ? "" : quoted(part))
        }.joined()
    }

    /// `'text'` with each `'` as `'\''`.
    public static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The word as a person types it: as it is when nothing in it is special to the shell, else quoted.
    public static func typed(_ text: String) -> String {
        text.range(of: #"^[A-Za-z0-9_./:=@%+,-]+$"#, options: .regularExpression) != nil ? text : quoted(text)
    }

    /// A command line: each argument one word.
    public static func command(_ arguments: [String]) -> String {
        arguments.map(word).joined(separator: " ")
    }
}
