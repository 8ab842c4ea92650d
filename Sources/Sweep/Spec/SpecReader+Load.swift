import Yams
import Results

extension SpecReader {
    /// The load axes: `scenario` (offline, streams, rate, capacity; default offline, or capacity when a
    /// `capacity:` block is given alone), `streams` (counts, with streams), `pace` (speed-ups, with streams
    /// or capacity), `rate` (per second, with rate), `request_seconds` (one value, with rate), and
    /// `capacity: {p99: 300ms, max_streams: 64}` (with capacity). A parameter given without the scenario
    /// that uses it, or a scenario without its parameter, is refused naming both.
    func loads(_ top: [String: Node], root: Node, context: SpecValidationContext) -> (loads: [CellLoad], capacity: CapacitySetting?)? {
        let capacity = top["capacity"].flatMap { capacitySetting($0) }
        let scenarios: [CellLoad.Scenario]? = top["scenario"].map { choices($0, field: "scenario", of: CellLoad.Scenario.self) }
            ?? (top["capacity"] != nil ? [.capacity] : [.offline])
        guard let scenarios else { return nil }
        if Set(scenarios).count != scenarios.count { report(top["scenario"]!, "scenario", "lists a scenario twice") }
        func needs(_ key: String, for scenario: CellLoad.Scenario, _ hint: String) {
            if scenarios.contains(scenario) && top[key] == nil {
                report(top["scenario"] ?? root, "scenario", "\(scenario.rawValue) needs `\(key):` (\(hint))")
            }
        }
        func unused(_ key: String, by users: [CellLoad.Scenario]) {
            if let node = top[key], !scenarios.contains(where: users.contains) {
                report(node, key, "applies with scenario \(users.map(\.rawValue).joined(separator: " or ")), which the spec does not have")
            }
        }
        needs("streams", for: .streams, "e.g. [1, 2, 4, 8]")
        needs("rate", for: .rate, "requests per second, e.g. [5, 10, 20]")
        needs("capacity", for: .capacity, "e.g. {p99: 300ms}")
        unused("streams", by: [.streams])
        unused("pace", by: [.streams, .capacity])
        unused("rate", by: [.rate])
        unused("request_seconds", by: [.rate])
        unused("capacity", by: [.capacity])

        let streams = top["streams"].flatMap { threadCounts($0, field: "streams", noun: "stream count") }
        let paces = top["pace"].map { numbers($0, field: "pace", minimum: 0.01, maximum: 10_000) } ?? [1]
        let rates = top["rate"].map { numbers($0, field: "rate", minimum: 0.001, maximum: 100_000) }
        let requestSeconds = top["request_seconds"].map { number($0, field: "request_seconds", minimum: 0, maximum: 86_400) } ?? 0
        guard problems.isEmpty, let paces, let requestSeconds else { return nil }
        var loads: [CellLoad] = []
        for scenario in scenarios {
            switch scenario {
            case .offline: loads.append(.offline)
            case .streams: for pace in paces { for k in streams ?? [] { loads.append(.streams(k, pace: pace)) } }
            case .rate: for rate in (rates ?? nil) ?? [] { loads.append(.rate(rate, requestSeconds: requestSeconds)) }
            case .capacity: for pace in paces { loads.append(.capacity(pace: pace)) }
            }
        }
        return (loads, capacity)
    }

    /// `capacity: {p99: 300ms, max_streams: 64}`: the bound (a time: 300ms, 0.5s, or ms as a bare number)
    /// and where the search stops (default 256).
    func capacitySetting(_ node: Node) -> CapacitySetting? {
        guard let fields = mapping(node, field: "capacity", allowed: ["p99", "max_streams"], required: ["p99"]) else { return nil }
        var bound: Double?
        if let p99 = fields["p99"], let text = string(p99, field: "capacity.p99") {
            switch Metric.loadP99Ms.value(text) {
            case .success(let value) where value > 0: bound = value
            case .success: report(p99, "capacity.p99", "\(text): a bound above 0")
            case .failure(let problem): report(p99, "capacity.p99", "\(text): \(problem.description)")
            }
        }
        let maxStreams = fields["max_streams"].map { integer($0, field: "capacity.max_streams", minimum: 1) } ?? 256
        guard let bound, let maxStreams else { return nil }
        return CapacitySetting(p99Ms: bound, maxStreams: maxStreams)
    }

    /// Positive numbers within bounds, one or a list, none twice.
    func numbers(_ node: Node, field: String, minimum: Double, maximum: Double) -> [Double]? {
        var values: [Double] = []
        var ok = true
        for (item, path) in items(node, field: field) {
            guard let value = number(item, field: path, minimum: minimum, maximum: maximum) else {
                ok = false
                continue
            }
            if values.contains(value) {
                report(item, path, "\(value) is listed twice")
                ok = false
            }
            values.append(value)
        }
        return ok && !values.isEmpty ? values : nil
    }
}
