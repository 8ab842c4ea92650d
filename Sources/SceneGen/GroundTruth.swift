import Foundation
import Results

/// Ground-truth label files: CSV with header `start_s,end_s,class` and one row per event,
/// times with 3 decimals.
public enum GroundTruth {
    public static let header = "start_s,end_s,class"

    /// The CSV text of `events` (header line, then one row per event, each line ending in "\n").
    public static func csv(_ events: [SceneEvent]) -> String {
        var text = header + "\n"
        for e in events {
            text += "\(seconds(e.start)),\(seconds(e.end)),\(e.soundClass.rawValue)\n"
        }
        return text
    }

    /// Reads a labels CSV; rejects a missing header, malformed rows, unknown classes and events
    /// with end <= start, naming the file and line.
    public static func read(csvPath: String) throws -> [SceneEvent] {
        let text: String
        do {
            text = try String(contentsOfFile: csvPath, encoding: .utf8)
        } catch {
            throw SceneGenError(path: csvPath, problem: "cannot read labels: \(FileErrorText.of(error))")
        }
        var events: [SceneEvent] = []
        var sawHeader = false
        // "\r\n" is a single Character in Swift, so split on any newline, not just "\n".
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNo = index + 1
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            if !sawHeader {
                guard line.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
                    == ["start_s", "end_s", "class"] else {
                    throw SceneGenError(path: csvPath, problem: "line \(lineNo): expected header '\(header)', found '\(line)'")
                }
                sawHeader = true
                continue
            }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 3 else {
                throw SceneGenError(path: csvPath, problem: "line \(lineNo): expected 3 fields (start_s,end_s,class), found \(fields.count)")
            }
            guard let start = Double(fields[0]), start.isFinite, start >= 0 else {
                throw SceneGenError(path: csvPath, problem: "line \(lineNo): start_s '\(fields[0])' is not a non-negative number")
            }
            guard let end = Double(fields[1]), end.isFinite else {
                throw SceneGenError(path: csvPath, problem: "line \(lineNo): end_s '\(fields[1])' is not a number")
            }
            guard end > start else {
                throw SceneGenError(path: csvPath, problem: "line \(lineNo): end_s \(fields[1]) is not after start_s \(fields[0])")
            }
            guard let c = SoundClass(rawValue: fields[2]) else {
                let known = SoundClass.allCases.map(\.rawValue).joined(separator: ", ")
                throw SceneGenError(path: csvPath, problem: "line \(lineNo): unknown class '\(fields[2])' (known: \(known))")
            }
            events.append(SceneEvent(start: start, end: end, soundClass: c))
        }
        guard sawHeader else {
            throw SceneGenError(path: csvPath, problem: "empty labels file (expected header '\(header)')")
        }
        return events
    }

    /// Seconds with exactly 3 decimals, locale-independent ("12.345", "0.500").
    static func seconds(_ s: Double) -> String {
        let ms = (s * 1000).rounded()
        guard ms.isFinite, ms.magnitude < 9.0e15 else { return "\(s)" }
        let v = Int(ms)
        let sign = v < 0 ? "-" : ""
        let a = v.magnitude
        let frac = String(a % 1000)
        return "\(sign)\(a / 1000).\(String(repeating: "0", count: 3 - frac.count))\(frac)"
    }
}
