import Foundation
import Results

/// How `run --rate` sends its audio: requests with Poisson arrivals at `rate` per second (MLPerf LoadGen's
/// Server scenario). A request is a whole file, or a fixed length of it (`requestSeconds`); its latency is
/// from its arrival to the tags of its last segment, as a query's is in LoadGen.
public struct RequestPlan: Sendable, Equatable {
    /// Mean arrivals per wall second.
    public var rate: Double
    /// Audio per request: 0 = each file is one request; otherwise each file is cut into pieces this long
    /// (a segment belongs to the piece it starts in).
    public var requestSeconds: Double
    /// Seeds the arrival times, so two runs of one plan send on the same schedule.
    public var seed: UInt64
    /// When the sender falls this far (wall seconds) behind its schedule the engine cannot keep up:
    /// sending stops, the run is reported overloaded and ends (never a hang).
    public var maxLagSeconds: Double
    public var windowSeconds: Double
    public var latencyBoundSeconds: Double?

    public init(rate: Double, requestSeconds: Double = 0, seed: UInt64 = 1, maxLagSeconds: Double = 5, windowSeconds: Double = 1,
                latencyBoundSeconds: Double? = nil) {
        self.rate = rate
        self.requestSeconds = requestSeconds
        self.seed = seed
        self.maxLagSeconds = maxLagSeconds
        self.windowSeconds = windowSeconds
        self.latencyBoundSeconds = latencyBoundSeconds
    }

    /// Arrival times (wall seconds after the start) of `count` requests: exponential gaps of mean 1/rate,
    /// drawn by inversion from the seeded generator.
    public func arrivals(count: Int) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        var t = 0.0
        return (0..<count).map { _ in
            t += -log(1 - generator.unit()) / rate
            return t
        }
    }

    /// The request a segment starting at `startSample` belongs to within its file (0 for whole files).
    public func piece(startSample: Int, sampleRate: Int) -> Int {
        requestSeconds > 0 ? Int(Double(startSample) / (requestSeconds * Double(sampleRate))) : 0
    }

    /// How far behind its schedule the sender may end and still have kept up: one scheduling slice (see
    /// StreamPlan.keptUpLagSeconds).
    public var keptUpLagSeconds: Double { StreamPlan.schedulingSliceSeconds }
}
