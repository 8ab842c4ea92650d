/// Prose broken at spaces to fit a terminal: answers read at 100 columns without a pager. A word longer
/// than the width (a path, a cell id) stays whole on its own line: cut, it could not be copied.
public enum TextWrap {
    public static let width = 100

    public static func lines(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = String(word)
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        lines.append(line)
        return lines
    }

    /// A shell command longer than `width` as continued lines (`\\` at each end), broken only before an
    /// option (` --`) or the command after its environment, so every line still pastes as one command.
    public static func shell(_ command: String, width: Int) -> [String] {
        guard command.count > width else { return [command] }
        var pieces: [String] = []
        for word in command.split(separator: " ") {
            if word.hasPrefix("--") || word == "arbench" || pieces.isEmpty {
                pieces.append(String(word))
            } else {
                pieces[pieces.count - 1] += " " + word
            }
        }
        var lines: [String] = []
        var line = ""
        for piece in pieces {
            if !line.isEmpty, line.count + 1 + piece.count + 2 > width {
                lines.append(line + " \\")
                line = "  " + piece
            } else {
                line += (line.isEmpty ? "" : " ") + piece
            }
        }
        lines.append(line)
        return lines
    }
}
