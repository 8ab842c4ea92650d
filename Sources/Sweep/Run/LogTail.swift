import Foundation
import Results

/// The line of a child's log that best says why it failed: the last line mentioning an error
/// (arbench prints `arbench: error: ...`, argument parsing too, before its usage text), else the
/// last non-empty line.
public enum LogTail {
    static let maximumLength = 300

    /// The child's log read once: its error line (from the end) and its allocator's complaint about the
    /// tuning (printed at the first malloc, so from the start); nil and "" when there is no log.
    public static func read(_ path: String) -> (errorLine: String, allocatorRejection: String?) {
        guard let data = FileManager.default.contents(atPath: path) else { return ("", nil) }
        // Only the end matters for the error, and a chatty child can write a lot.
        let tail = String(decoding: data.suffix(16_384), as: UTF8.self)
        let head = String(decoding: data.prefix(16_384), as: UTF8.self)
        return (errorLine(in: tail), AllocatorTuning.rejection(in: head.split(whereSeparator: \.isNewline)).map(shortened))
    }

    static func errorLine(in tail: String) -> String {
        let lines = tail.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let chosen = lines.last { $0.lowercased().contains("error") } ?? lines.last ?? ""
        return shortened(chosen)
    }

    static func shortened(_ line: String) -> String {
        line.count > maximumLength ? String(line.prefix(maximumLength)) + "..." : line
    }
}
