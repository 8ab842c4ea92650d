import Foundation
#if !FUZZ_HARNESS
import Pipeline
#endif

/// One fuzz input run through validation (AudioReader) and segmentation (Segmenter), with the properties
/// both promise checked. Shared by the libFuzzer harness (Tests/Fuzz/fuzz.sh compiles this file into the
/// harness with `-D FUZZ_HARNESS`) and by FuzzRegressionTests, which replays Tests/Fuzz/crashers/.
///
/// Input layout: byte 0 picks the mode and options; bit 7 clear: file mode (bits 0-2 chunk size, bits 3-5
/// segmenter config, bit 6 target rate), the remaining bytes are an audio file, written to `scratchPath` and
/// opened by path as a user's file would be. Bit 7 set: segmenter mode (same chunk and config bits, bit 6 the
/// rate), the remaining bytes are (level, length) pairs drawn as tone bursts, so the segmenter meets every
/// pattern of events, gaps and levels near its threshold without a file in between.
enum FuzzInput {
    static let chunkSizes = [65_536, 1, 7, 160, 321, 1_024, 4_096, 16_000]
    static let targetRates = [16_000, 8_000]
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
                        maxSegmentSeconds: 0.001, minGapSeconds: 0.000_01, paddingSeconds: 0.000_01),
        SegmenterConfig(frameSeconds: 1, thresholdDB: -30, minSegmentSeconds: 0.1, maxSegmentSeconds: 100,
                        minGapSeconds: 0.001, paddingSeconds: 2),
        SegmenterConfig(frameSeconds: 0.01, thresholdDB: -45, minSegmentSeconds: 0.3, maxSegmentSeconds: 4,
                        minGapSeconds: 0.15, paddingSeconds: 0.05),
        SegmenterConfig(frameSeconds: 0.0031, thresholdDB: -20, minSegmentSeconds: 0.01, maxSegmentSeconds: 0.0311,
                        minGapSeconds: 0.02, paddingSeconds: 0.0007),
    ]
    /// Decoding stops here: a tiny FLAC can legally hold hours of audio, which is a timeout, not a finding.
    /// One-sample chunks get a smaller budget (each is a call and an array).
    static func sampleBudget(chunk: Int) -> Int { chunk < 100 ? 50_000 : 500_000 }

    /// Property violations; empty when the input was refused cleanly or processed correctly.
    static func run(_ bytes: UnsafeRawBufferPointer, scratchPath: String) -> [String] {
        guard let options = bytes.first else { return [] }
        let payload = UnsafeRawBufferPointer(rebasing: bytes.dropFirst())
        let chunk = chunkSizes[Int(options & 7)]
        let config = configs[Int(options >> 3 & 7)]
        let rate = targetRates[Int(options >> 6 & 1)]
        if options & 0x80 != 0 {
            return checkSegmenter(bursts(payload, sampleRate: rate), chunk: chunk, config: config, sampleRate: rate)
        }
        guard FileManager.default.createFile(atPath: scratchPath, contents: Data(payload)) else {
            return ["cannot write \(scratchPath)"]
        }
        return check(path: scratchPath, chunk: chunk, config: config, targetRate: rate)
    }

    /// (level, length) byte pairs as tone bursts: level 0...255 spans -90...0 dBFS RMS in 0.35 dB steps,
    /// length is (byte + 1) ms; the threshold levels of every config fall on or between steps.
    static func bursts(_ bytes: UnsafeRawBufferPointer, sampleRate: Int) -> [Float] {
        var samples: [Float] = []
        var index = 0
        while index + 1 < bytes.count && samples.count < 200_000 {
            let rms = pow(10, (-90 + Double(bytes[index]) * 90 / 255) / 20)
            let count = (Int(bytes[index + 1]) + 1) * sampleRate / 1_000
            let phase = samples.count
            for position in 0 ..< count {
                samples.append(Float(rms * 2.0.squareRoot() * sin(2 * Double.pi * 440 * Double(phase + position) / Double(sampleRate))))
            }
            index += 2
        }
        return samples
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
        var reachedEnd = false
        let budget = sampleBudget(chunk: chunk)
        do {
            while all.count < budget {
                guard let piece = try reader.readChunk(maxFrames: chunk) else {
                    reachedEnd = true
                    break
                }
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

        // Native-rate output is the file's samples: the same whatever the chunk size (when the chunked read
        // was not cut short by the budget).
        if info.sampleRate == targetRate && reachedEnd {
            do {
                let whole = try AudioReader.readAll(path: path, targetSampleRate: targetRate)
                if whole.count != all.count || !zip(whole, all).allSatisfy({ $0.bitPattern == $1.bitPattern }) {
                    problems.append("readAll (\(whole.count)) differs from chunks of \(chunk) (\(all.count))")
                }
            } catch {
                problems.append("readAll failed where chunked reading succeeded: \(error)")
            }
        }

        return problems + segmenterProblems(streamed, of: all, chunk: chunk, config: config, sampleRate: targetRate)
    }

    static func checkSegmenter(_ samples: [Float], chunk: Int, config: SegmenterConfig, sampleRate: Int) -> [String] {
        let segmenter = Segmenter(config: config, sampleRate: sampleRate)
        var streamed: [Segment] = []
        var start = 0
        while start < samples.count {
            let end = min(samples.count, start + chunk)
            streamed += segmenter.push(Array(samples[start ..< end]))
            start = end
        }
        streamed += segmenter.finish()
        return segmenterProblems(streamed, of: samples, chunk: chunk, config: config, sampleRate: sampleRate)
    }

    /// The streamed segments against their invariants, against one push of the whole audio (chunking must
    /// not matter) and against `referenceSpans`, a plain offline reading of the documented rules.
    static func segmenterProblems(_ streamed: [Segment], of audio: [Float], chunk: Int, config: SegmenterConfig,
                                  sampleRate: Int) -> [String] {
        var problems = segmentProblems(streamed, of: audio, config: config, sampleRate: sampleRate)
        let whole = Segmenter.segments(of: audio, sampleRate: sampleRate, config: config)
        if whole.count != streamed.count
            || !zip(whole, streamed).allSatisfy({ $0.startSample == $1.startSample && $0.samples == $1.samples }) {
            problems.append("segments differ: chunks of \(chunk) gave \(streamed.count), one push gave \(whole.count)")
        }
        let expected = referenceSpans(audio, config: config, sampleRate: sampleRate)
        let got = streamed.map { Span(start: $0.startSample, end: $0.startSample + $0.samples.count) }
        if got != expected {
            let firstDifference = zip(got, expected).first { $0 != $1 }.map { "\($0.0) vs reference \($0.1)" } ?? "count"
            problems.append("segments (\(got.count)) differ from the reference (\(expected.count)): \(firstDifference)")
        }
        return problems
    }

    struct Span: Equatable, CustomStringConvertible {
        let start: Int
        let end: Int
        var description: String { "\(start)..<\(end)" }
    }

    /// The segmentation rules applied offline to the whole signal at once: frames on a grid from sample 0
    /// (the last partial frame counts), active when mean square >= threshold; active frames less than the
    /// minimum gap apart form a region; a region spans from its first active frame minus the padding (but
    /// not before 0 or the previous region's padded end) to its last active frame plus the padding (but not
    /// past the end); it is cut into max-length pieces from its start, and pieces under the minimum dropped.
    static func referenceSpans(_ audio: [Float], config: SegmenterConfig, sampleRate: Int) -> [Span] {
        let rate = Double(sampleRate)
        let frameLength = max(1, Int((config.frameSeconds * rate).rounded()))
        let minGapFrames = max(1, Int((config.minGapSeconds * rate / Double(frameLength) - 1e-9).rounded(.up)))
        let padding = max(0, Int((config.paddingSeconds * rate).rounded()))
        let minLength = max(1, Int((config.minSegmentSeconds * rate).rounded()))
        let maxLength = max(minLength, Int((config.maxSegmentSeconds * rate).rounded()))
        let threshold = pow(10, Double(config.thresholdDB) / 10)

        // Active frames as (start, end) sample ranges.
        var active: [(start: Int, end: Int)] = []
        var frameStart = 0
        while frameStart < audio.count {
            let frameEnd = min(audio.count, frameStart + frameLength)
            var sum = 0.0
            for index in frameStart ..< frameEnd { sum += Double(audio[index]) * Double(audio[index]) }
            if sum / Double(frameEnd - frameStart) >= threshold { active.append((frameStart, frameEnd)) }
            frameStart = frameEnd
        }
        // Regions: a gap of at least minGapFrames inactive frames separates them.
        var regions: [(first: Int, voicedEnd: Int)] = []
        for frame in active {
            if let last = regions.last, (frame.start - last.voicedEnd) / frameLength < minGapFrames {
                regions[regions.count - 1].voicedEnd = frame.end
            } else {
                regions.append((frame.start, frame.end))
            }
        }
        var spans: [Span] = []
        var previousEnd = 0
        for region in regions {
            var cursor = max(0, region.first - padding, previousEnd)
            let end = min(audio.count, region.voicedEnd + padding)
            previousEnd = region.voicedEnd + padding
            while cursor < end {
                let pieceEnd = min(cursor + maxLength, end)
                if pieceEnd - cursor >= minLength { spans.append(Span(start: cursor, end: pieceEnd)) }
                cursor = pieceEnd
            }
        }
        return spans
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
