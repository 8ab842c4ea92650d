import Foundation
import Results
import Yams

/// Reads a thresholds file. Every key is optional; what is left out keeps its default, so a file
/// can loosen one metric and leave the rest alone. Unknown keys are errors (a typo must not
/// silently keep the default). All problems are reported together, each with its line.
///
/// ```yaml
/// statistics:
///   min_repetitions: 5          # below this on either side: medians and few_reps_relative_pct
///   test: mann-whitney          # or bootstrap
///   alpha: 0.05                 # Mann-Whitney two-sided p below this = support
///   bootstrap: {confidence: 0.95, resamples: 2000, seed: 1}
/// metrics:
///   wall_time: {relative_pct: 10, few_reps_relative_pct: 20, absolute: 0.3, overall_relative_pct: 5}   # absolute in s
///   peak_rss: {relative_pct: 10, absolute: 30}                                # MiB
///   p99_latency: off                                                          # shown, not gated
/// ```
/// Metric names: wall_time, cpu_time, peak_rss, average_rss, throughput, p99_latency and
/// wall_time_normalised, cpu_time_normalised, throughput_normalised, p99_latency_normalised.
public enum ThresholdsLoader {
    public static func load(path: String) throws -> GateThresholds {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ThresholdsError(problems: ["\(path): cannot read the thresholds file"])
        }
        return try parse(yaml: text, file: path)
    }

    public static func parse(yaml: String, file: String = "thresholds") throws -> GateThresholds {
        let parser = Parser(file: file)
        let root = parser.compose(yaml)
        guard parser.problems.isEmpty else { throw ThresholdsError(problems: parser.problems.map(\.description)) }
        var thresholds = GateThresholds.default
        guard let root else { return thresholds }
        guard let top = parser.mapping(root, field: "", allowed: ["statistics", "metrics"]) else {
            throw ThresholdsError(problems: parser.problems.map(\.description))
        }
        if let node = top["statistics"] { parser.statistics(node, into: &thresholds) }
        if let node = top["metrics"] { parser.metrics(node, into: &thresholds) }
        guard parser.problems.isEmpty else { throw ThresholdsError(problems: parser.problems.map(\.description)) }
        return thresholds
    }

    /// YAMLReader's checks plus the thresholds file's sections.
    private final class Parser: YAMLReader {
        func statistics(_ node: Node, into thresholds: inout GateThresholds) {
            guard let entries = mapping(node, field: "statistics", allowed: ["min_repetitions", "test", "alpha", "bootstrap"]) else { return }
            if let n = entries["min_repetitions"] {
                if let value = n.int, value >= 2 { thresholds.minimumRepetitions = value } else {
                    report(n, "statistics.min_repetitions", "expected a whole number of at least 2 (a test needs two values a side), got \(describe(n))")
                }
            }
            if let n = entries["test"] {
                if let text = n.string, let test = StatisticalTest(rawValue: text) { thresholds.test = test } else {
                    report(n, "statistics.test", "\(describe(n)) is not one of: \(StatisticalTest.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            if let n = entries["alpha"], let value = number(n, field: "statistics.alpha", minimum: 0.0001, maximum: 0.5) {
                thresholds.alpha = value
            }
            if let n = entries["bootstrap"], let b = mapping(n, field: "statistics.bootstrap", allowed: ["confidence", "resamples", "seed"]) {
                if let c = b["confidence"], let value = number(c, field: "statistics.bootstrap.confidence", minimum: 0.5, maximum: 0.999) {
                    thresholds.bootstrapConfidence = value
                }
                if let r = b["resamples"] {
                    if let value = r.int, value >= 100 { thresholds.bootstrapResamples = value } else {
                        report(r, "statistics.bootstrap.resamples", "expected a whole number of at least 100, got \(describe(r))")
                    }
                }
                if let s = b["seed"] {
                    if let value = s.int, value >= 0 { thresholds.bootstrapSeed = UInt64(value) } else {
                        report(s, "statistics.bootstrap.seed", "expected a whole number >= 0, got \(describe(s))")
                    }
                }
            }
        }

        func metrics(_ node: Node, into thresholds: inout GateThresholds) {
            let names = CompareMetric.allCases.map(\.rawValue)
            guard let entries = mapping(node, field: "metrics", allowed: names) else { return }
            // In file order, so problems are listed top to bottom.
            for (name, value) in entries.sorted(by: { ($0.value.mark?.line ?? 0) < ($1.value.mark?.line ?? 0) }) {
                guard let metric = CompareMetric(rawValue: name) else { continue }
                let field = "metrics.\(name)"
                var threshold = thresholds.threshold(metric)
                if let text = value.scalar?.string {
                    switch text.lowercased() {
                    case "off", "false", "no": threshold.gated = false
                    case "on", "true", "yes": threshold.gated = true
                    default: report(value, field, "expected a mapping {relative_pct, few_reps_relative_pct, absolute, overall_relative_pct, gated} or off, got \(describe(value))")
                    }
                    thresholds.metrics[metric] = threshold
                    continue
                }
                guard let keys = mapping(value, field: field, allowed: ["relative_pct", "few_reps_relative_pct", "absolute", "overall_relative_pct", "gated"]) else { continue }
                let relative = keys["relative_pct"].flatMap { number($0, field: "\(field).relative_pct", minimum: 0, maximum: 1000) }
                let few = keys["few_reps_relative_pct"].flatMap { number($0, field: "\(field).few_reps_relative_pct", minimum: 0, maximum: 1000) }
                if let relative {
                    threshold.relativePercent = relative
                    // Few repetitions never get a tighter bar than many.
                    threshold.fewRepetitionsRelativePercent = max(threshold.fewRepetitionsRelativePercent, relative)
                }
                if let few {
                    if few < threshold.relativePercent, let n = keys["few_reps_relative_pct"] {
                        report(n, "\(field).few_reps_relative_pct", "\(few) is below relative_pct \(threshold.relativePercent): fewer repetitions are noisier, not more precise")
                    }
                    threshold.fewRepetitionsRelativePercent = few
                }
                if let n = keys["absolute"], let value = number(n, field: "\(field).absolute", minimum: 0) {
                    threshold.absolute = value
                }
                if let n = keys["overall_relative_pct"], let value = number(n, field: "\(field).overall_relative_pct", minimum: 0, maximum: 1000) {
                    threshold.overallRelativePercent = value
                }
                if let n = keys["gated"] {
                    if let flag = n.bool { threshold.gated = flag } else { report(n, "\(field).gated", "expected true or false, got \(describe(n))") }
                }
                thresholds.metrics[metric] = threshold
            }
        }
    }
}
