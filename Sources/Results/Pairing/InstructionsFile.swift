import Foundation

/// DIR/instructions.csv of an instruction-count A/B (`ab --measure instructions`): the counts it judged,
/// one line per run and object (program or library), so the verdict can be recomputed, and `ab-power`
/// replayed, from plain CSV after the runs' callgrind files (about 0.5 MB each) are gone.
public enum InstructionsFile {
    public static let header = ["side", "cell_id", "repetition", "object", "instructions"]

    /// Per side and run: instructions by object.
    public typealias Counts = [BuildSide: [RunKey: [String: UInt64]]]

    public static func text(_ counts: Counts) -> String {
        var text = CSVText.line(header) + "\n"
        for side in BuildSide.allCases {
            let runs = counts[side] ?? [:]
            for key in runs.keys.sorted(by: { ($0.cellID, $0.repetition) < ($1.cellID, $1.repetition) }) {
                for (object, count) in runs[key]!.sorted(by: { $0.key < $1.key }) {
                    text += CSVText.line([side.rawValue, key.cellID, String(key.repetition), object, String(count)]) + "\n"
                }
            }
        }
        return text
    }

    public static func write(_ counts: Counts, to path: String) throws {
        try AtomicFile.write(text(counts), to: path)
    }

    /// Nil when the file is missing or is not an instructions file; lines that do not parse are skipped.
    public static func read(path: String) -> Counts? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let lines = CSVLines(text: String(decoding: data, as: UTF8.self))
        guard lines.header == header else { return nil }
        var counts: Counts = [:]
        for record in lines.records {
            let f = record.fields
            guard f.count == header.count, let side = BuildSide(rawValue: f[0]), let repetition = Int(f[2]),
                  let count = UInt64(f[4]) else { continue }
            counts[side, default: [:]][RunKey(cellID: f[1], repetition: repetition), default: [:]][f[3]] = count
        }
        return counts
    }
}
