import Foundation

/// How `run --streams` plays its audio: K live streams at once, each delivering its file in chunks on a
/// clock, `pace` times faster than real time (LoadGen's Server scenario in streams rather than queries).
public struct StreamPlan: Sendable, Equatable, Codable {
    public var streams: Int
    /// 1 = real time; 10 = ten times real time: a stream's chunk of 100 ms arrives every 10 ms. The engine
    /// sees the load of 10x as many real-time streams' worth of audio per second (equivalent load), though
    /// each latency is still measured in wall time.
    public var pace: Double
    /// Audio per chunk (the feed's granularity: what a network or capture buffer delivers at once).
    public var chunkSeconds: Double
    /// When the feeder falls this far (wall seconds) behind its clock, the engine cannot keep up: feeding
    /// stops, the run is reported overloaded and ends (never a hang).
    public var maxLagSeconds: Double
    /// Width of the latency-over-time windows, in wall seconds.
    public var windowSeconds: Double
    /// A latency bound to count segments over (what `capacity` judges a load by).
    public var latencyBoundSeconds: Double?

    public init(streams: Int, pace: Double = 1, chunkSeconds: Double = 0.1, maxLagSeconds: Double = 5, windowSeconds: Double = 1,
                latencyBoundSeconds: Double? = nil) {
        self.latencyBoundSeconds = latencyBoundSeconds
        self.streams = streams
        self.pace = pace
        self.chunkSeconds = chunkSeconds
        self.maxLagSeconds = maxLagSeconds
        self.windowSeconds = windowSeconds
    }

    /// Wall seconds between two chunks of one stream.
    public var period: Double { chunkSeconds / pace }

    /// How far behind its clock the feeder may end and still have kept up: one period, but never less
    /// than one scheduling slice. The feeder is an ordinary thread; on a busy 2-core machine the kernel can
    /// leave it off the CPU for a CFS slice (several ms) whatever the engine does, and at pace 1000 a
    /// period is 0.1 ms, so one period alone judged a scheduler hiccup as an engine falling behind (seen in
    /// CI: 1 stream, p99 19 ms, "fell behind"). A backlog that really grows ends far beyond 20 ms.
    public var keptUpLagSeconds: Double { max(period, Self.schedulingSliceSeconds) }

    public static let schedulingSliceSeconds = 0.02

    /// When (wall seconds after the start) chunk `chunk` of stream `stream` has fully arrived: streams
    /// start staggered by period/K, so the K streams' chunks arrive evenly spread, never in one burst.
    public func arrival(stream: Int, chunk: Int) -> Double {
        (Double(stream) / Double(max(1, streams)) + Double(chunk + 1)) * period
    }

    /// Stream `stream` plays file `stream % files` (the files given, round robin).
    public func file(ofStream stream: Int, files: Int) -> Int { stream % max(1, files) }
}
