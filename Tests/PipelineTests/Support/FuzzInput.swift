import Foundation
#if !FUZZ_HARNESS
import Pipeline
#endif

/// One fuzz input run through validation (AudioReader) and segmentation (Segmenter), with the properties
/// both promise checked. Shared by the libFuzzer harness (Tests/Fuzz/fuzz.sh compiles this file into the
/// harness with `-D FUZZ_HARNESS`) and by FuzzRegressionTests, which replays Tests/Fuzz/crashers/.
///
/// Input layout: byte 0 picks the options (bits 0-2 chunk size, bits 3-5 segmenter config, bits 6-7 target
/// rate); the remaining bytes are the audio file, written to `scratchPath` and opened by path as a user's
/// file would be.
enum FuzzInput {
    static let chunkSizes = [65_536, 1, 7, 160, 321, 1_024, 4_096, 16_000]
    static let targetRates = [16_000, 16_000, 8_000, 44_100]
    /// Legal configurations (the initialiser's preconditions hold) spanning the edge cases: one-sample frames,
    /// no padding, padding wider than a segment, min == max length, a threshold every frame passes, one none do.
    static let configs: [SegmenterConfig] = [
        SegmenterConfig(),
        SegmenterConfig(frameSeconds: 0.001, thresholdDB: -60, minSegmentSeconds: 0.001, maxSegmentSeconds: 0.01,
                        minGapSeconds: 0, paddingSeconds: 0),
        SegmenterConfig(frameSeconds: 0.02, thresholdDB: -200, minSegmentSeconds: 0.05, maxSegmentSeconds: 0.05,
                        minGapSeconds: 0.15, paddingSeconds: 0.5),
        SegmenterConfig(frameSeconds: 0.05, thresholdDB: 0, minSegmentSeconds: 0, maxSegmentSeconds: 0.2,
                        minGapSeconds: 1, paddingSeconds: 0.3),
        SegmenterConfig(frameSeconds: 0.000_01, thresholdDB: -45, minSegmentSeconds: 0.000_01,
                        maxSegmentSeconds: 0.000_01, minGapSeconds: 0.000_01, paddingSeconds: 0.000_01),
        SegmenterConfig(frameSeconds: 1, thresholdDB: -30, minSegmentSeconds: 0.1, maxSegmentSeconds: 100,
                        minGapSeconds: 0.001, paddingSeconds: 2),
        SegmenterConfig(frameSeconds: 0.01, thresholdDB: -45, minSegmentSeconds: 0.3, maxSegmentSeconds: 4,
                        minGapSeconds: 0.15, paddingSeconds: 0.05),
        SegmenterConfig(frameSeconds: 0.0031, thresholdDB: -20, minSegmentSeconds: 0.01, maxSegmentSeconds: 0.0311,
                        minGapSeconds: 0.02, paddingSeconds: 0.0007),
    ]
    /// Decoding stops here: a tiny FLAC can legally hold hours of audio, which is a timeout, not a finding.
    static let sampleBudget = 1_000_000

    /// Property violations; empty when the input was refused cleanly or processed correctly.
    static func run(_ bytes: UnsafeRawBufferPointer, scratchPath: String) -> [String] {
        guard let options = bytes.first else { return [] }
        let file = UnsafeRawBufferPointer(rebasing: bytes.dropFirst())
        guard FileManager.default.createFile(atPath: scratchPath, contents: Data(file)) else {
            return ["cannot write \(scratchPath)"]
        }
        return check(path: scratchPath, chunk: chunkSizes[Int(options & 7)], config: configs[Int(options >> 3 & 7)],
                     targetRate: targetRates[Int(options >> 6)])
    }

    static func check(path: String, chunk: Int, config: SegmenterConfig, targetRate: Int) -> [String] {
        var problems: [String] = []
        func checkError(_ error: AudioInputError) {
            if error.path != path { problems.append("error names \(error.path), not \(path)") }
            if error.reason.isEmpty { problems.append("empty reason (\(error.kind))") }
            if error.description.contains(where: \.isNewline) { problems.append("multi-line error: \(error.description)") }
            if error.description != "\(path): \(error.reason)" { problems.append("odd description: \(error.description)") }
        }

        let reader: AudioReader
        do {
            reader = try AudioReader(path: path, targetSampleRate: targetRate)
        } catch {
            checkError(error)
            return problems
        }
        let info = reader.info
        if info.sampleRate <= 0 || info.channels <= 0 || info.frames <= 0 {
            problems.append("accepted a file with \(info.channels) channels, \(info.sampleRate) Hz, \(info.frames) frames")
        }

        // Stream it as the engine does: chunks into the segmenter as they arrive.
        let segmenter = Segmenter(config: config, sampleRate: targetRate)
        var all: [Float] = []
        var streamed: [Segment] = []
        var failed = false
        do {
            while all.count < sampleBudget, let piece = try reader.readChunk(maxFrames: chunk) {
                if piece.isEmpty || piece.count > chunk {
                    problems.append("chunk of \(piece.count) samples for maxFrames \(chunk)")
                }
                if let bad = piece.first(where: { !$0.isFinite }) {
                    problems.append("non-finite sample \(bad) handed out")
                    return problems
                }
                all += piece
                streamed += segmenter.push(piece)
            }
        } catch {
            checkError(error)
            failed = true
            // The failure must stick: a second read reports it again instead of resuming.
            do {
                _ = try reader.readChunk(maxFrames: chunk)
                problems.append("read after a failure succeeded")
            } catch {}
        }
        streamed += segmenter.finish()
        if failed { return problems }

        // Native-rate output is the file's samples: the same whatever the chunk size.
        if info.sampleRate == targetRate && all.count < 1_000_000 {
            do {
                let whole = try AudioReader.readAll(path: path, targetSampleRate: targetRate)
                if whole.count != all.count || !zip(whole, all).allSatisfy({ $0.bitPattern == $1.bitPattern }) {
                    problems.append("readAll (\(whole.count)) differs from chunks of \(chunk) (\(all.count))")
                }
            } catch {
                problems.append("readAll failed where chunked reading succeeded: \(error)")
            }
        }

        problems += segmentProblems(streamed, of: all, config: config, sampleRate: targetRate)
        // Segmentation must not depend on the chunking.
        let whole = Segmenter.segments(of: all, sampleRate: targetRate, config: config)
        if whole.count != streamed.count
            || !zip(whole, streamed).allSatisfy({ $0.startSample == $1.startSample && $0.samples == $1.samples }) {
            problems.append("segments differ: chunks of \(chunk) gave \(streamed.count), one push gave \(whole.count)")
        }
        return problems
    }

    /// In order, not overlapping, inside the audio, between the min and max length, holding the audio's samples.
    static func segmentProblems(_ segments: [Segment], of audio: [Float], config: SegmenterConfig,
                                sampleRate: Int) -> [String] {
        let rate = Double(sampleRate)
        let minLength = max(1, Int((config.minSegmentSeconds * rate).rounded()))
        let maxLength = max(minLength, Int((config.maxSegmentSeconds * rate).rounded()))
        var problems: [String] = []
        var previousEnd = 0
        for (position, segment) in segments.enumerated() {
            let start = segment.startSample
            let end = start + segment.samples.count
            if segment.index != position { problems.append("segment \(position) has index \(segment.index)") }
            if segment.sampleRate != sampleRate { problems.append("segment \(position) at \(segment.sampleRate) Hz") }
            if start < previousEnd { problems.append("segment \(position) starts at \(start), before \(previousEnd)") }
            if end > audio.count { problems.append("segment \(position) ends at \(end), past \(audio.count)") }
            if segment.samples.count < minLength || segment.samples.count > maxLength {
                problems.append("segment \(position) has \(segment.samples.count) samples, outside \(minLength)...\(maxLength)")
            }
            if start >= 0 && end <= audio.count && start <= end && Array(audio[start ..< end]) != segment.samples {
                problems.append("segment \(position) does not hold the audio's samples")
            }
            previousEnd = max(previousEnd, end)
            if problems.count > 10 { break }
        }
        return problems
    }
}
