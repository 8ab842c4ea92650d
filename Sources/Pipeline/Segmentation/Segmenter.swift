import Foundation

/// Energy-based segmentation (a simple VAD), fed incrementally: push chunks, collect finished segments,
/// then `finish()` for the rest.
///
/// Frames sit on a fixed grid from sample 0 and each is classified by its RMS against an absolute dBFS
/// threshold. Active frames separated by less than the minimum gap form one region, which is padded on
/// both sides (never into a neighbour), cut into max-length pieces from its start, and pieces shorter
/// than the minimum are dropped. All decisions depend only on the frame grid, never on where chunks
/// begin or end, so the same audio gives identical segments for any chunking. Long activity is emitted
/// piece by piece as soon as a full piece is certain, so memory stays bounded by about one max-length
/// segment plus a chunk.
public final class Segmenter {
    public let config: SegmenterConfig
    public let sampleRate: Int

    private let frameLength: Int
    private let minGapFrames: Int
    private let padding: Int
    private let minLength: Int
    private let maxLength: Int
    /// Threshold as mean square, so classifying a frame needs no logarithm.
    private let thresholdMeanSquare: Double

    /// Samples from absolute position `bufferStart` onward, kept while a segment or frame may need them.
    private var buffer: [Float] = []
    private var bufferStart = 0
    private var received = 0
    private var nextFrame = 0
    private var open: ActivityRegion?
    /// Closed regions still waiting for samples (the trailing padding) or for emission, in order.
    private var closed: [ActivityRegion] = []
    private var lastRegionEnd = 0
    private var nextIndex = 0

    public init(config: SegmenterConfig = .init(), sampleRate: Int = 16_000) {
        precondition(sampleRate > 0, "sample rate must be positive")
        precondition(config.frameSeconds > 0, "frameSeconds must be positive")
        precondition(config.maxSegmentSeconds >= config.minSegmentSeconds && config.maxSegmentSeconds > 0,
                     "maxSegmentSeconds must be positive and at least minSegmentSeconds")
        self.config = config
        self.sampleRate = sampleRate
        let rate = Double(sampleRate)
        frameLength = max(1, Int((config.frameSeconds * rate).rounded()))
        // Round up: a gap must really be as long as the minimum to split (tolerating float noise like 5.0000001).
        minGapFrames = max(1, Int((config.minGapSeconds * rate / Double(frameLength) - 1e-9).rounded(.up)))
        padding = max(0, Int((config.paddingSeconds * rate).rounded()))
        minLength = max(1, Int((config.minSegmentSeconds * rate).rounded()))
        maxLength = max(minLength, Int((config.maxSegmentSeconds * rate).rounded()))
        thresholdMeanSquare = pow(10, Double(config.thresholdDB) / 10)
    }

    /// Segments completed by this chunk (possibly none).
    public func push(_ chunk: [Float]) -> [Segment] {
        buffer.append(contentsOf: chunk)
        received += chunk.count
        while (nextFrame + 1) * frameLength <= received {
            classifyFrame(from: nextFrame * frameLength, to: (nextFrame + 1) * frameLength)
            nextFrame += 1
        }
        var segments: [Segment] = []
        emitReady(into: &segments)
        trimBuffer()
        return segments
    }

    /// Everything still held back, ending the stream. The segmenter is then ready for a new stream.
    public func finish() -> [Segment] {
        let lastFrameStart = nextFrame * frameLength
        // The final partial frame counts too, so activity running to the end of the file is kept.
        if received > lastFrameStart {
            classifyFrame(from: lastFrameStart, to: received)
            nextFrame += 1
        }
        if var region = open {
            region.end = region.voicedEnd + padding
            closed.append(region)
            open = nil
        }
        for index in closed.indices {
            closed[index].end = min(closed[index].end ?? received, received)
        }
        var segments: [Segment] = []
        emitReady(into: &segments)
        reset()
        return segments
    }

    public static func segments(of samples: [Float], sampleRate: Int,
                                config: SegmenterConfig = .init()) -> [Segment] {
        let segmenter = Segmenter(config: config, sampleRate: sampleRate)
        return segmenter.push(samples) + segmenter.finish()
    }

    private func classifyFrame(from start: Int, to end: Int) {
        var sumOfSquares = 0.0
        for position in (start - bufferStart) ..< (end - bufferStart) {
            let sample = Double(buffer[position])
            sumOfSquares += sample * sample
        }
        let active = sumOfSquares / Double(end - start) >= thresholdMeanSquare
        if active {
            if open == nil {
                open = ActivityRegion(cursor: max(0, start - padding, lastRegionEnd), voicedEnd: end)
            } else {
                open?.voicedEnd = end
                open?.silentFrames = 0
            }
        } else if var region = open {
            region.silentFrames += 1
            if region.silentFrames >= minGapFrames {
                let end = region.voicedEnd + padding
                region.end = end
                lastRegionEnd = end
                closed.append(region)
                open = nil
            } else {
                open = region
            }
        }
    }

    private func emitReady(into segments: inout [Segment]) {
        while var region = closed.first, let end = region.end {
            let exhausted = emitPieces(of: &region, upTo: end, into: &segments)
            closed[0] = region
            guard exhausted else { return }
            closed.removeFirst()
        }
        // An open region's final end is at least voicedEnd + padding (or the end of input, which is
        // further still), so a full max-length piece below that bound is already final.
        if var region = open {
            let certainEnd = min(region.voicedEnd + padding, received)
            while region.cursor + maxLength <= certainEnd {
                segments.append(makeSegment(from: region.cursor, to: region.cursor + maxLength))
                region.cursor += maxLength
            }
            open = region
        }
    }

    /// Emits the region's remaining pieces whose samples have arrived; true when none are left.
    private func emitPieces(of region: inout ActivityRegion, upTo end: Int,
                            into segments: inout [Segment]) -> Bool {
        while region.cursor < end {
            let pieceEnd = min(region.cursor + maxLength, end)
            guard pieceEnd <= received else { return false }
            if pieceEnd - region.cursor >= minLength {
                segments.append(makeSegment(from: region.cursor, to: pieceEnd))
            }
            region.cursor = pieceEnd
        }
        return true
    }

    private func makeSegment(from start: Int, to end: Int) -> Segment {
        defer { nextIndex += 1 }
        return Segment(index: nextIndex, startSample: start, sampleRate: sampleRate,
                       samples: Array(buffer[(start - bufferStart) ..< (end - bufferStart)]))
    }

    /// Drops samples no frame or segment can need any more. Removal happens only once the dead prefix
    /// is at least half the buffer, so the copying stays linear in the input overall.
    private func trimBuffer() {
        let nextFrameStart = nextFrame * frameLength
        let neededBySegments: Int
        if let region = closed.first ?? open {
            neededBySegments = region.cursor
        } else {
            // A region starting at the next frame would reach back by the padding, but not past the last region.
            neededBySegments = max(0, lastRegionEnd, nextFrameStart - padding)
        }
        let keepFrom = min(nextFrameStart, neededBySegments)
        let dead = keepFrom - bufferStart
        guard dead > 0, dead * 2 >= buffer.count else { return }
        buffer.removeFirst(dead)
        bufferStart = keepFrom
    }

    private func reset() {
        buffer = []
        bufferStart = 0
        received = 0
        nextFrame = 0
        open = nil
        closed = []
        lastRegionEnd = 0
        nextIndex = 0
    }
}
