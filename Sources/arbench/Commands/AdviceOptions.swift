import ArgumentParser
import Gate
import Results

/// The objective and limits `advise` ranks by and `tune` searches under: one set of flags for both.
struct AdviceOptions: ParsableArguments {
    @Option(help: "What to optimise: throughput or capacity (highest), processing, p99, load-p99 or cpu (lowest). Default: what the run is for: capacity for capacity cells, load-p99 under a fixed load (streams, rate), throughput offline.")
    var objective: AdviceObjective?

    @Option(name: .customLong("max-rss"), help: ArgumentHelp("Peak RSS at most this (e.g. 800MiB, 1GiB).", valueName: "SIZE"))
    var maxRSS: String?

    @Option(name: .customLong("max-p99"), help: ArgumentHelp("p99 segment latency at most this (e.g. 50ms).", valueName: "TIME"))
    var maxP99: String?

    @Option(name: .customLong("min-throughput"), help: ArgumentHelp("Throughput at least this (e.g. 500x real time).", valueName: "RATE"))
    var minThroughput: String?

    @Option(name: .customLong("max-cpu-util"), help: ArgumentHelp("CPU utilisation at most this (e.g. 80%).", valueName: "PERCENT"))
    var maxCPUUtil: String?

    @Option(name: .customLong("limit"), help: ArgumentHelp("Any column: 'COLUMN<=VALUE' or 'COLUMN>=VALUE' (repeat the option).", valueName: "CONSTRAINT"))
    var limits: [String] = []

    @Option(help: "Below this p a cell is worse than the pick; at or above, a tie within noise.")
    var alpha: Double = 0.05

    /// The constraints as given, or a one-line error and exit 64.
    func constraints() throws -> [AdviceConstraint] {
        guard (0...1).contains(alpha) else {
            printError("--alpha \(alpha): must be within 0...1")
            throw ExitCodes.usage
        }
        do {
            var parsed: [AdviceConstraint] = []
            if let maxRSS { parsed.append(try AdviceConstraint.make(.rssPeakMiB, .atMost, maxRSS, given: "--max-rss \(maxRSS)")) }
            if let maxP99 { parsed.append(try AdviceConstraint.make(.latencyP99Ms, .atMost, maxP99, given: "--max-p99 \(maxP99)")) }
            if let minThroughput { parsed.append(try AdviceConstraint.make(.throughput, .atLeast, minThroughput, given: "--min-throughput \(minThroughput)")) }
            if let maxCPUUtil { parsed.append(try AdviceConstraint.make(.cpuUtilPercent, .atMost, maxCPUUtil, given: "--max-cpu-util \(maxCPUUtil)")) }
            for limit in limits { parsed.append(try AdviceConstraint.parse(limit)) }
            return parsed
        } catch {
            printError(error.description)
            throw ExitCodes.usage
        }
    }

    /// `objective` stands for the one the caller resolved (the run's own when --objective is absent).
    func advisor(_ constraints: [AdviceConstraint], objective: AdviceObjective) -> Advisor {
        Advisor(objective: objective, constraints: constraints, alpha: alpha)
    }
}

extension AdviceObjective: ExpressibleByArgument {}
