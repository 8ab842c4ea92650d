/// Why an input file cannot feed the pipeline. One value per file problem, always naming the file,
/// so a run over many files can report every bad one on its own line and carry on.
public struct AudioInputError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: String, Sendable {
        case missing, unreadable, notAudio, empty, nonFinite, unsupported, resampleFailed
        /// The header promises more audio than the file holds (a cut copy, an interrupted write).
        case truncated
        /// The decoder gave up part-way (a damaged FLAC/MP3/Vorbis stream).
        case corrupt
    }

    public let path: String
    public let kind: Kind
    /// Short human text; never contains a line break.
    public let reason: String

    public init(path: String, kind: Kind, reason: String) {
        self.path = path
        self.kind = kind
        // Library messages (libsndfile, libsamplerate) sometimes carry newlines; a report line must stay one line.
        self.reason = reason
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    public var description: String { "\(path): \(reason)" }
}
