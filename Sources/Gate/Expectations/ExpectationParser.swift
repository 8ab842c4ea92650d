import Results
import Yams

/// Reads the `expectations:` block of an experiment spec. Either a mapping (one of each kind) or a
/// list of one-key mappings (when a kind is needed twice, e.g. two allocator comparisons).
///
/// ```yaml
/// expectations:
///   all_ok: true                        # every run finished ok
///   digests_equal: true                 # every ok run produced the same output
///   fastest_intra_at_max_engine: 1      # or {intra: 1, metric: processing_s, margin_pct: 20, allocator: glibc}
///   oversubscription: {intra: 4, engine_from: 1, engine_to: 4, slower_by_at_least_pct: 15}
///   scaling: {intra: 1, engine_from: 1, engine_to: 2, faster_by_at_least_pct: 25}
///   allocator_rss_reduction: {allocator: jemalloc, versus: glibc, metric: rss_avg_mb, at_least_pct: 10,
///                             engine_threads: 4, intra: 1}
/// ```
/// `metric` is any numeric results.csv column (default processing_s for the speed claims,
/// rss_avg_mb for the allocator); `throughput_x` is the one where more is better. `allocator`
/// limits a speed claim to one allocator's cells; without it every allocator must show it.
public enum ExpectationParser {
    public static let vocabulary = ["all_ok", "digests_equal", "fastest_intra_at_max_engine", "oversubscription", "scaling",
                                    "allocator_rss_reduction"]

    /// The expectations of a spec given as YAML text; empty when it has no `expectations:` key. Every top-level
    /// key is checked against the spec's (`expectation:` for `expectations:` would otherwise check nothing).
    public static func parse(specYAML: String, file: String) throws -> [Expectation] {
        let reader = YAMLReader(file: file)
        let root = reader.compose(specYAML)
        let top = root.flatMap { reader.mapping($0, field: "", allowed: ExperimentSpec.keys, expected: "expected a spec (a mapping of key: value lines)") }
        guard reader.problems.isEmpty else { throw ExpectationsError(problems: reader.problems.map(\.description)) }
        guard let node = top?["expectations"] else { return [] }
        return try parse(node: node, file: file)
    }

    public static func parse(node: Node, file: String) throws -> [Expectation] {
        let reader = Reader(file: file)
        var entries: [(key: Node, value: Node)] = []
        if let mapping = node.mapping {
            entries = mapping.map { ($0.key, $0.value) }
        } else if let sequence = node.sequence {
            for item in sequence {
                guard let mapping = item.mapping, mapping.count == 1, let entry = mapping.first else {
                    reader.report(item, "expectations", "each list item must be one `kind: settings` pair")
                    continue
                }
                entries.append((entry.key, entry.value))
            }
        } else if node.scalar?.string.isEmpty == false {
            reader.report(node, "expectations", "expected a mapping or a list of expectations")
        }
        var expectations: [Expectation] = []
        for (key, value) in entries {
            if let expectation = reader.expectation(name: key.string ?? "", node: value, keyNode: key) {
                expectations.append(expectation)
            }
        }
        guard reader.problems.isEmpty else { throw ExpectationsError(problems: reader.problems.map(\.description)) }
        return expectations
    }

    /// YAMLReader's checks plus the expectation kinds.
    private final class Reader: YAMLReader {

        func expectation(name: String, node: Node, keyNode: Node) -> Expectation? {
            let field = "expectations.\(name)"
            switch name {
            case "all_ok", "digests_equal":
                guard node.bool == true else {
                    report(node, field, "expected true (leave the line out to not check it)")
                    return nil
                }
                return name == "all_ok" ? .allOK : .digestsEqual
            case "fastest_intra_at_max_engine":
                if node.scalar != nil {
                    guard let intra = node.int, intra >= 1 else {
                        report(node, field, "expected an intra-op thread count, or a mapping {intra, metric, margin_pct, allocator}")
                        return nil
                    }
                    return .fastestIntraAtMaxEngine(.init(intra: intra, metric: .processingSeconds, marginPercent: 0, allocator: nil))
                }
                guard let keys = mapping(node, field: field, required: ["intra"], optional: ["metric", "margin_pct", "allocator"]) else { return nil }
                let intra = keys["intra"].flatMap { count($0, "\(field).intra") }
                let metric = metric(keys["metric"], field: field, default: .processingSeconds)
                let margin = percent(keys["margin_pct"], "\(field).margin_pct", default: 0)
                guard let intra, let metric, let margin else { return nil }
                return .fastestIntraAtMaxEngine(.init(intra: intra, metric: metric, marginPercent: margin, allocator: keys["allocator"]?.string))
            case "oversubscription", "scaling":
                let percentKey = name == "oversubscription" ? "slower_by_at_least_pct" : "faster_by_at_least_pct"
                guard let keys = mapping(node, field: field, required: ["intra", "engine_from", "engine_to", percentKey],
                                         optional: ["metric", "allocator"]) else { return nil }
                let intra = keys["intra"].flatMap { count($0, "\(field).intra") }
                let from = keys["engine_from"].flatMap { count($0, "\(field).engine_from") }
                let to = keys["engine_to"].flatMap { count($0, "\(field).engine_to") }
                let pct = percent(keys[percentKey], "\(field).\(percentKey)", default: 0)
                let metric = metric(keys["metric"], field: field, default: .processingSeconds)
                guard let intra, let from, let to, let pct, let metric else { return nil }
                if from == to { report(node, field, "engine_from and engine_to are both \(from)") }
                let step = Expectation.EngineStep(intra: intra, engineFrom: from, engineTo: to, atLeastPercent: pct, metric: metric,
                                                  allocator: keys["allocator"]?.string)
                return name == "oversubscription" ? .oversubscription(step) : .scaling(step)
            case "allocator_rss_reduction":
                guard let keys = mapping(node, field: field, required: ["allocator", "versus", "at_least_pct"],
                                         optional: ["metric", "engine_threads", "intra"]) else { return nil }
                let pct = percent(keys["at_least_pct"], "\(field).at_least_pct", default: 0)
                let metric = metric(keys["metric"], field: field, default: .rssAverageMiB)
                var engine: Int?, intra: Int?
                if let n = keys["engine_threads"] {
                    guard let value = count(n, "\(field).engine_threads") else { return nil }
                    engine = value
                }
                if let n = keys["intra"] {
                    guard let value = count(n, "\(field).intra") else { return nil }
                    intra = value
                }
                guard let allocator = keys["allocator"]?.string, let versus = keys["versus"]?.string, let pct, let metric else { return nil }
                return .allocatorRSSReduction(.init(allocator: allocator, versus: versus, metric: metric, atLeastPercent: pct,
                                                    engineThreads: engine, intra: intra))
            default:
                report(keyNode, field, "unknown expectation (known: \(ExpectationParser.vocabulary.joined(separator: ", ")))")
                return nil
            }
        }

        /// The known keys' values; unknown, doubled and missing keys are reported (the caller still reads
        /// the rest, so one pass shows every problem). Nil only when the node is not a mapping.
        func mapping(_ node: Node, field: String, required: [String], optional: [String]) -> [String: Node]? {
            mapping(node, field: field, allowed: optional, required: required,
                    expected: "expected a mapping with \(required.joined(separator: ", "))")
        }

        func count(_ node: Node, _ field: String) -> Int? {
            guard let value = node.int, value >= 1 else {
                report(node, field, "expected a thread count (a whole number >= 1)")
                return nil
            }
            return value
        }

        func percent(_ node: Node?, _ field: String, default value: Double) -> Double? {
            guard let node else { return value }
            guard let number = node.float ?? node.int.map(Double.init), number >= 0, number < 1000 else {
                report(node, field, "expected a percentage >= 0")
                return nil
            }
            return number
        }

        func metric(_ node: Node?, field: String, default fallback: Metric) -> Metric? {
            guard let node else { return fallback }
            guard let name = node.string, let metric = Metric.named(name), metric.isNumeric else {
                let examples = [Metric.processingSeconds, .wallSeconds, .throughput, .rssAverageMiB, .rssPeakMiB].map(\.column)
                report(node, "\(field).metric", "not a numeric results.csv column (e.g. \(examples.joined(separator: ", ")); `arbench metrics` lists them)")
                return nil
            }
            guard metric.isComparable else {
                report(node, "\(field).metric", "\(name) has no better direction (neither more nor less is better); pick a column `arbench metrics` lists with a polarity")
                return nil
            }
            return metric
        }
    }
}
