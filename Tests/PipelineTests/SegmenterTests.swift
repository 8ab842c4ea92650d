import Foundation
import Testing
@testable import Pipeline

@Suite("Segmenter: energy segmentation")
struct SegmenterTests {
    private let rate = 16_000
    /// Boundaries are decided on a 20 ms frame grid, so 30 ms is the promised accuracy.
    private let tolerance = 0.030

    private func expectSpans(_ segments: [Segment], _ spans: [(Double, Double)],
                             sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(segments.count == spans.count, "\(segments.map { ($0.startSeconds, $0.endSeconds) })",
                sourceLocation: sourceLocation)
        for (segment, span) in zip(segments, spans) {
            #expect(abs(segment.startSeconds - span.0) <= tolerance,
                    "start \(segment.startSeconds) vs \(span.0)", sourceLocation: sourceLocation)
            #expect(abs(segment.endSeconds - span.1) <= tolerance,
                    "end \(segment.endSeconds) vs \(span.1)", sourceLocation: sourceLocation)
        }
    }

    private func expectIdentical(_ lhs: [Segment], _ rhs: [Segment], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(lhs.count == rhs.count, sourceLocation: sourceLocation)
        for (a, b) in zip(lhs, rhs) {
            #expect(a.index == b.index && a.startSample == b.startSample && a.samples == b.samples,
                    "segment \(a.index)", sourceLocation: sourceLocation)
        }
    }

    @Test("tones separated by silence give one segment each, boundaries within 30 ms")
    func tonesWithoutPadding() {
        let events = [(0.5, 1.3), (1.8, 2.4), (3.0, 4.1)]
        let audio = Signals.scene(seconds: 5, events: events.map { (start: $0.0, end: $0.1) })
        var config = SegmenterConfig()
        config.paddingSeconds = 0
        let segments = Segmenter.segments(of: audio, sampleRate: rate, config: config)
        expectSpans(segments, events)
        #expect(segments.map(\.index) == [0, 1, 2])
        for segment in segments {
            #expect(segment.samples.count == Int(((segment.endSeconds - segment.startSeconds) * 16_000).rounded()))
            #expect(Array(audio[segment.startSample ..< segment.startSample + segment.samples.count]) == segment.samples)
        }
    }

    @Test("default padding widens each segment by 50 ms on both sides")
    func tonesWithPadding() {
        let events = [(0.5, 1.3), (1.8, 2.4)]
        let segments = Segmenter.segments(of: Signals.scene(seconds: 3, events: events.map { (start: $0.0, end: $0.1) }),
                                          sampleRate: rate)
        expectSpans(segments, events.map { ($0.0 - 0.05, $0.1 + 0.05) })
    }

    @Test("a gap shorter than the minimum does not split an event")
    func shortGapMerges() {
        let segments = Segmenter.segments(of: Signals.scene(seconds: 2, events: [(0.3, 0.8), (0.9, 1.5)]),
                                          sampleRate: rate)
        expectSpans(segments, [(0.25, 1.55)])
    }

    @Test("activity longer than the maximum is cut into max-length pieces")
    func longActivitySplits() {
        let segments = Segmenter.segments(of: Signals.scene(seconds: 11, events: [(0.5, 10.0)]), sampleRate: rate)
        #expect(segments.count == 3)
        #expect(segments.prefix(2).allSatisfy { $0.samples.count == 4 * 16_000 })
        expectSpans(segments, [(0.45, 4.45), (4.45, 8.45), (8.45, 10.05)])
        for (previous, next) in zip(segments, segments.dropFirst()) {
            #expect(previous.startSample + previous.samples.count == next.startSample)
        }
    }

    @Test("a trailing piece shorter than the minimum is dropped")
    func shortTailDropped() {
        // Padded span 0.45 ... 8.55 = 8.1 s: two 4 s pieces and a 0.1 s tail under the 0.3 s minimum.
        let segments = Segmenter.segments(of: Signals.scene(seconds: 10, events: [(0.5, 8.5)]), sampleRate: rate)
        expectSpans(segments, [(0.45, 4.45), (4.45, 8.45)])
    }

    @Test("events shorter than the minimum are dropped, silence gives nothing")
    func shortEventsDropped() {
        let audio = Signals.scene(seconds: 3, events: [(0.5, 0.6), (1.5, 2.2)])
        expectSpans(Segmenter.segments(of: audio, sampleRate: rate), [(1.45, 2.25)])
        #expect(Segmenter.segments(of: Signals.noise(rms: 0.001, count: 32_000), sampleRate: rate).isEmpty)
        #expect(Segmenter.segments(of: [], sampleRate: rate).isEmpty)
    }

    @Test("activity running into the end of the input is closed at the end")
    func activityAtEnd() {
        let audio = Signals.scene(seconds: 2.01, events: [(1.0, 2.01)])
        expectSpans(Segmenter.segments(of: audio, sampleRate: rate), [(0.95, 2.01)])
    }

    @Test("identical segments for any chunking", arguments: [
        SegmenterConfig(),
        SegmenterConfig(maxSegmentSeconds: 1.0, paddingSeconds: 0.3),
        SegmenterConfig(frameSeconds: 0.032, minSegmentSeconds: 0.1, minGapSeconds: 0.05, paddingSeconds: 0),
    ])
    func chunkingIndependence(config: SegmenterConfig) {
        let audio = Signals.scene(seconds: 12, events: [
            (0.02, 0.4), (0.7, 0.75), (1.0, 1.5), (1.6, 2.2), (2.6, 8.9), (9.1, 9.5), (10.2, 12.0),
        ])
        let reference = Segmenter.segments(of: audio, sampleRate: rate, config: config)
        #expect(reference.count >= 5)
        var sizes = Signals.noise(rms: 1, count: 64, seed: 3).map { 1 + Int(abs($0) * 3_000) }
        sizes.append(1)
        for pattern in [[1], [7], [320], [1_000], [4_096], [100_000], sizes] {
            let segmenter = Segmenter(config: config, sampleRate: rate)
            var segments: [Segment] = []
            var position = 0
            var step = 0
            while position < audio.count {
                let size = pattern[step % pattern.count]
                let end = min(audio.count, position + size)
                segments += segmenter.push(Array(audio[position ..< end]))
                position = end
                step += 1
            }
            segments += segmenter.finish()
            expectIdentical(segments, reference)
        }
    }

    @Test("long activity is emitted before the stream ends, and the segmenter is reusable after finish")
    func streamingEmission() {
        let audio = Signals.scene(seconds: 20, events: [(0.5, 20)])
        let segmenter = Segmenter()
        var early: [Segment] = []
        for start in stride(from: 0, to: audio.count, by: 16_000) {
            early += segmenter.push(Array(audio[start ..< min(audio.count, start + 16_000)]))
        }
        #expect(early.count == 4)
        let rest = segmenter.finish()
        #expect(rest.count == 1)
        let again = segmenter.push(audio) + segmenter.finish()
        expectIdentical(again, early + rest)
    }
}
