import Foundation

/// Machine-readable output (`--format json`): the whole comparison or check as it was decided. Keys are
/// snake_case like results.csv's columns (`cell_id`, `ok_runs`), whatever the Swift names (a key already
/// spelled snake_case stays as it is, so baseline.json reads back unchanged).
public enum JSONReport {
    public static func encode<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
