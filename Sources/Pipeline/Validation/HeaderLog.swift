/// Reads libsndfile's parse log (`SFC_GET_LOG_INFO`) for the one thing its API does not report: a header
/// that declares more audio than the file holds. libsndfile then quietly clamps the frame count to the
/// bytes present, so a cut copy would otherwise pass as a shorter, valid file.
///
/// The log lines used (libsndfile 1.x):
///   `data : 32000 (should be 15978)`   WAV/RF64 data chunk, W64 `data`
///   `SSND : 32008 (should be 15981)`   AIFF sound data chunk
///   `riff : 32104 (should be 16052)`   W64 container (its data line has no check)
///   `... does not match value from 'ds64' chunk of 16000.`   RF64 frame count
/// Sizes at or above 0x7FFF0000 are the placeholders streaming writers (sox, ffmpeg to a pipe) leave in
/// headers they cannot rewrite, meaning "unknown length", not truncation; a shortfall of up to 8 bytes is
/// a missing pad byte or an off-by-header writer, not lost audio.
enum HeaderLog {
    struct Shortfall: Equatable {
        /// What the header declares, and what the file holds, in the same unit.
        let declared: UInt64
        let present: UInt64
        let unit: Unit
        enum Unit { case bytes, frames }
    }

    static let placeholderSize: UInt64 = 0x7FFF_0000
    static let slackBytes: UInt64 = 8

    static func shortfall(in log: String) -> Shortfall? {
        for line in log.split(whereSeparator: \.isNewline) {
            if let found = sizeCheck(line) { return found }
            if let found = ds64Check(line) { return found }
        }
        return nil
    }

    /// `NAME : DECLARED (should be PRESENT)` for the audio data chunks.
    private static func sizeCheck(_ line: Substring) -> Shortfall? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard let name = ["data", "SSND", "riff"].first(where: { trimmed.hasPrefix($0 + " ") }) else { return nil }
        let rest = trimmed.dropFirst(name.count).drop { $0 == " " }
        guard rest.hasPrefix(":") else { return nil }
        let fields = rest.dropFirst().split(separator: " ")
        // ["32000", "(should", "be", "15978)"]
        guard fields.count >= 4, fields[1] == "(should", fields[2] == "be",
              let declared = UInt64(fields[0]), let present = UInt64(fields[3].prefix { $0.isNumber })
        else { return nil }
        guard declared < placeholderSize, declared > present + slackBytes else { return nil }
        return Shortfall(declared: declared, present: present, unit: .bytes)
    }

    /// `*** Calculated frame count 7974 does not match value from 'ds64' chunk of 16000.`
    private static func ds64Check(_ line: Substring) -> Shortfall? {
        guard line.contains("does not match value from 'ds64' chunk of") else { return nil }
        let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { UInt64($0) }
        // The "64" of "ds64" is a number too: calculated, 64, declared.
        guard numbers.count >= 3, let present = numbers.first, let declared = numbers.last,
              declared > present else { return nil }
        return Shortfall(declared: declared, present: present, unit: .frames)
    }
}
