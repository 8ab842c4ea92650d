import CPlot
import Foundation
import Gate
import Results

/// `capacity`'s loads drawn: p99 latency against the number of streams (the hockey stick), loads that
/// passed and those that did not apart, the bound as a line, the capacity marked.
public enum CapacityChart {
    public static let name = "capacity-latency"

    public static func plan(_ outcome: CapacitySearch.Outcome, setting: String, boundMs: Double, pace: Double) -> ChartPlan? {
        let probes = outcome.probes.filter { $0.p99Ms.isFinite }.sorted { $0.streams < $1.streams }
        guard !probes.isEmpty, let most = probes.map(\.streams).max() else { return nil }
        let passed = probes.filter(\.passed)
        let failed = probes.filter { !$0.passed }
        var series = [Series(name: "p99 latency of each load", kind: .lines, style: 1, x: probes.map { Double($0.streams) }, y: probes.map(\.p99Ms))]
        if !passed.isEmpty {
            series.append(Series(name: "passed", kind: .points, style: 3, x: passed.map { Double($0.streams) }, y: passed.map(\.p99Ms)))
        }
        if !failed.isEmpty {
            series.append(Series(name: "did not pass", kind: .points, style: 2, x: failed.map { Double($0.streams) }, y: failed.map(\.p99Ms)))
        }
        series.append(Series(name: "bound \(NumberText.adaptive(boundMs)) ms", kind: .lines, style: 8, x: [1, Double(max(most, 2))], y: [boundMs, boundMs]))
        if outcome.capacity > 0, let at = outcome.probe(outcome.capacity) {
            series.append(Series(name: "capacity: \(outcome.capacity)\(outcome.atLimit ? "+" : "") streams", kind: .points,
                                 style: Int(ARB_STYLE_EMPHASIS), x: [Double(at.streams)], y: [at.p99Ms]))
        }
        let panel = Panel(title: "\(setting), pace \(String(format: "%g", pace))x", x: Axis(label: "concurrent streams"),
                          y: Axis(label: "p99 segment latency (ms)", min: 0), key: .insideTopLeft, series: series)
        return ChartPlan(
            name: name,
            caption: "p99 latency (from the arrival of a segment's last sample to its scores) of each load tried, against its "
                + "number of streams; a load passes when it kept up with its clock and fewer than 1% of its segments exceed the bound "
                + "at 99% confidence. Capacity: \(outcome.capacity)\(outcome.atLimit ? " or more" : "") streams.",
            figure: Figure(title: "Latency against load: \(setting)", footer: "\(outcome.probes.count) loads", panels: [panel]))
    }
}
