import Foundation
import Pipeline
import Results

/// How many streams this process can carry at once: each holds an open audio file (a descriptor) and its
/// buffers (the segmenter's longest segment plus a chunk, and the reader's block, as floats). A request
/// beyond either is refused before anything runs, with the limit.
public enum StreamLimits {
    /// Bytes one stream holds at most, roughly: buffers at 16 kHz float, three copies in flight, plus the
    /// decoder's own state (libsndfile and libsamplerate, ~256 KiB).
    public static func bytesPerStream(plan: StreamPlan, segmenter: SegmenterConfig = .init(), sampleRate: Int = 16_000) -> Int {
        Int((segmenter.maxSegmentSeconds + plan.chunkSeconds) * Double(sampleRate) * 4 * 3) + 256 * 1024
    }

    /// The largest stream count, and why: half of MemAvailable over the per-stream bytes, and the open-file
    /// limit (raised to its hard limit first) less 64 for everything else.
    public static func maximum(plan: StreamPlan) -> (streams: Int, reason: String) {
        // Glibc's header types the resource as an enum Swift does not convert by itself.
        let files = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        var limit = rlimit()
        getrlimit(files, &limit)
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            setrlimit(files, &limit)
            getrlimit(files, &limit)
        }
        let byFiles = Int(min(limit.rlim_cur, 1 << 30)) - 64
        let available = ProcMeminfo.bytes("MemAvailable").map { Int($0) }
        let byMemory = available.map { $0 / 2 / bytesPerStream(plan: plan) } ?? Int.max
        return byFiles <= byMemory
            ? (max(0, byFiles), "open-file limit \(limit.rlim_cur)")
            : (byMemory, "half of MemAvailable (\(available! >> 20) MiB) at ~\(bytesPerStream(plan: plan) >> 10) KiB a stream")
    }
}
