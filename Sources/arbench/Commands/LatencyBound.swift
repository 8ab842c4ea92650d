import ArgumentParser
import Results

/// A latency bound as options take it, with its unit like every other time (300ms, 1s), a plain number
/// being milliseconds (what `arbench run --latency-bound` always took, and what sweeps pass their children).
struct LatencyBound: ExpressibleByArgument {
    let milliseconds: Double

    init?(argument: String) {
        guard case .success(let value) = Metric.loadP99Ms.value(argument), value > 0 else { return nil }
        milliseconds = value
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
