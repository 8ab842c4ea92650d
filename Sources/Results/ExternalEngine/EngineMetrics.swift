import Foundation

/// What an external engine may report about its own run, in a JSON file at the `{metrics}` path
/// (schema `arbench.engine-metrics/1`; every field optional):
///
/// ```json
/// {"schema": "arbench.engine-metrics/1",
///  "items": 180, "audio_seconds": 90.0,
///  "processing_seconds": 1.23, "model_load_seconds": 0.21,
///  "latency_ms": {"p50": 5.1, "p95": 8.0, "p99": 9.1},
///  "output_digest": "9f2c...",
///  "extra": {"gil_wait_s": 0.3}}
/// ```
/// Reading never fails a cell: a missing, unparseable or off-schema file leaves the cell on what arbench
/// measured from /proc, with the problem in its row (`engine_metrics_problem`). Fields of the wrong type
/// are left out one by one; any other numeric top-level field counts as an extra.
public struct EngineMetrics: Sendable, Equatable {
    public static let schema = "arbench.engine-metrics/1"

    public var items: Int?
    public var audioSeconds: Double?
    public var processingSeconds: Double?
    public var modelLoadSeconds: Double?
    public var latencyP50Ms: Double?
    public var latencyP95Ms: Double?
    public var latencyP99Ms: Double?
    public var outputDigest: String?
    /// Engine-specific figures, by name as reported: results.csv columns `x_<name>` (ExtraColumn).
    public var extra: [String: Double]

    public init(items: Int? = nil, audioSeconds: Double? = nil, processingSeconds: Double? = nil, modelLoadSeconds: Double? = nil,
                latencyP50Ms: Double? = nil, latencyP95Ms: Double? = nil, latencyP99Ms: Double? = nil, outputDigest: String? = nil,
                extra: [String: Double] = [:]) {
        self.items = items
        self.audioSeconds = audioSeconds
        self.processingSeconds = processingSeconds
        self.modelLoadSeconds = modelLoadSeconds
        self.latencyP50Ms = latencyP50Ms
        self.latencyP95Ms = latencyP95Ms
        self.latencyP99Ms = latencyP99Ms
        self.outputDigest = outputDigest
        self.extra = extra
    }

    /// What was read, and what was wrong with the file (nil: nothing).
    public struct Reading: Sendable, Equatable {
        public var metrics: EngineMetrics?
        public var problem: String?
    }

    /// Reads `path`; `expected` says whether the engine was handed the path (a missing file is then a problem).
    public static func read(path: String, expected: Bool) -> Reading {
        guard let data = FileManager.default.contents(atPath: path) else {
            return Reading(metrics: nil, problem: expected ? "metrics file not written (\(path))" : nil)
        }
        return parse(data)
    }

    public static func parse(_ data: Data) -> Reading {
        let top: [String: JSONValue]
        do {
            guard case .object(let object) = try JSONDecoder().decode(JSONValue.self, from: data) else {
                return Reading(metrics: nil, problem: "metrics file is not a JSON object")
            }
            top = object
        } catch {
            return Reading(metrics: nil, problem: "metrics file is not JSON")
        }
        var problems: [String] = []
        if let schema = top["schema"], schema != .string(Self.schema) {
            return Reading(metrics: nil, problem: "metrics file schema \(schema) is not \(Self.schema)")
        }
        func number(_ value: JSONValue?, _ field: String, minimum: Double = 0) -> Double? {
            guard let value else { return nil }
            guard case .number(let n) = value, n.isFinite, n >= minimum else {
                problems.append("\(field): expected a number" + (minimum == 0 ? " >= 0" : ""))
                return nil
            }
            return n
        }
        var m = EngineMetrics()
        if let items = number(top["items"], "items") {
            if items == items.rounded() { m.items = Int(items) } else { problems.append("items: expected a whole number") }
        }
        m.audioSeconds = number(top["audio_seconds"], "audio_seconds")
        m.processingSeconds = number(top["processing_seconds"], "processing_seconds")
        m.modelLoadSeconds = number(top["model_load_seconds"], "model_load_seconds")
        if let latency = top["latency_ms"] {
            if case .object(let l) = latency {
                m.latencyP50Ms = number(l["p50"], "latency_ms.p50")
                m.latencyP95Ms = number(l["p95"], "latency_ms.p95")
                m.latencyP99Ms = number(l["p99"], "latency_ms.p99")
            } else {
                problems.append("latency_ms: expected an object {p50, p95, p99}")
            }
        }
        if let digest = top["output_digest"] {
            if case .string(let text) = digest, !text.isEmpty, !text.contains(where: { $0.isNewline || $0 == "," || $0 == "\"" }) {
                m.outputDigest = text
            } else {
                problems.append("output_digest: expected one line of text without commas or quotes")
            }
        }
        var extras: [String: JSONValue] = [:]
        if let extra = top["extra"] {
            if case .object(let e) = extra { extras = e } else { problems.append("extra: expected an object of numbers") }
        }
        let known: Set<String> = ["schema", "items", "audio_seconds", "processing_seconds", "model_load_seconds", "latency_ms",
                                  "output_digest", "extra"]
        for (key, value) in top where !known.contains(key) { extras[key] = value }
        for (key, value) in extras {
            guard ExtraColumn.column(for: key) != nil else {
                problems.append("extra \(key): a name of letters, digits and _ is needed for a column")
                continue
            }
            if let n = number(value, key, minimum: -.infinity) { m.extra[key] = n }
        }
        return Reading(metrics: m, problem: problems.isEmpty ? nil : problems.sorted().joined(separator: "; "))
    }
}

/// Any JSON value, decoded strictly (a number is never read as a boolean, nor the reverse).
enum JSONValue: Decodable, Equatable, CustomStringConvertible {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let b): String(b)
        case .number(let n): String(n)
        case .string(let s): "\"\(s)\""
        case .array: "a list"
        case .object: "an object"
        }
    }
}
