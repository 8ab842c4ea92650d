import Foundation

/// Streams any libsndfile-readable file as mono Float chunks at `targetSampleRate` (16 kHz by default):
/// channels are averaged, the rate is converted with libsamplerate (SRC_SINC_MEDIUM_QUALITY, streaming
/// `src_process` with a final `end_of_input` flush), NaN/Inf samples stop the read with `.nonFinite`
/// naming the time of the first bad sample, and a file without frames is `.empty`.
///
/// A file is used whole or not at all: a header that declares more audio than the file holds is
/// `.truncated` (at open for WAV/AIFF/W64/RF64, at the end for formats that state a frame count, such as
/// FLAC and Ogg), and a decoder that gives up part-way is `.corrupt`. Segments already handed out for
/// such a file must then be discarded by the caller, as the engine does.
///
/// Memory stays bounded by the chunk size (and at most 2^20 interleaved samples per read) whatever the
/// header claims, so a lying header costs neither memory nor time.
public final class AudioReader {
    public let info: AudioFormatInfo
    public let targetSampleRate: Int

    private let file: SoundFile
    /// nil when the file is already at the target rate: no filter delay, bit-exact samples.
    private let resampler: StreamingResampler?
    private var interleaved: UnsafeMutablePointer<Float>
    /// Capacity of `interleaved` in frames (tests check it stays bounded).
    private(set) var interleavedFrames = 0
    /// Converted samples not yet handed out; `pendingStart` avoids shifting the array on every chunk.
    private var pending: [Float] = []
    private var pendingStart = 0
    private var inputFramesRead: Int64 = 0
    private var finished = false
    /// Once a read fails the stream is unusable; every later call reports the same error.
    private var failure: AudioInputError?

    public init(path: String, targetSampleRate: Int = 16_000) throws(AudioInputError) {
        guard targetSampleRate > 0 else {
            throw AudioInputError(path: path, kind: .unsupported, reason: "target sample rate \(targetSampleRate) Hz")
        }
        let file = try SoundFile(path: path)
        let info = file.info
        guard info.sampleRate > 0, info.channels > 0 else {
            throw AudioInputError(path: path, kind: .unsupported,
                                  reason: "\(info.channels) channels at \(info.sampleRate) Hz")
        }
        guard info.frames > 0 else {
            throw AudioInputError(path: path, kind: .empty, reason: "no audio frames")
        }
        self.file = file
        self.info = info
        self.targetSampleRate = targetSampleRate
        resampler = info.sampleRate == targetSampleRate ? nil
            : try StreamingResampler(fromRate: info.sampleRate, toRate: targetSampleRate, path: path)
        interleaved = .allocate(capacity: 0)
    }

    deinit { interleaved.deallocate() }

    /// Next chunk of at most `maxFrames` output samples; nil at end of file.
    public func readChunk(maxFrames: Int = 65_536) throws(AudioInputError) -> [Float]? {
        precondition(maxFrames > 0, "maxFrames must be positive")
        if let failure { throw failure }
        do {
            while pending.count - pendingStart < maxFrames && !finished {
                try fill(wantedOutput: maxFrames)
            }
        } catch {
            failure = error
            throw error
        }
        let available = pending.count - pendingStart
        guard available > 0 else { return nil }
        let take = min(available, maxFrames)
        let chunk = Array(pending[pendingStart ..< pendingStart + take])
        pendingStart += take
        if pendingStart == pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingStart = 0
        } else if pendingStart >= pending.count / 2 {
            pending.removeFirst(pendingStart)
            pendingStart = 0
        }
        return chunk
    }

    /// The whole file as one array; for tests, evaluation and short clips.
    public static func readAll(path: String, targetSampleRate: Int = 16_000) throws(AudioInputError) -> [Float] {
        let reader = try AudioReader(path: path, targetSampleRate: targetSampleRate)
        var samples: [Float] = []
        // Reserve from the header, capped: a lying header must not cost memory.
        let expected = Double(reader.info.frames) * Double(targetSampleRate) / Double(reader.info.sampleRate)
        samples.reserveCapacity(Int(min(expected, 16_000_000)) + 16)
        while let chunk = try reader.readChunk(maxFrames: 262_144) {
            samples.append(contentsOf: chunk)
        }
        return samples
    }

    /// Reads one block of input, checks and downmixes it, and converts it into `pending`.
    private func fill(wantedOutput: Int) throws(AudioInputError) {
        let ratio = Double(targetSampleRate) / Double(info.sampleRate)
        // At most 2^20 samples across all channels: a header may declare 1,024 channels at 4 MHz, and the
        // buffer must not grow with what a header claims.
        let limit = max(1, (1 << 20) / info.channels)
        let frames = min(limit, max(1_024, Int(Double(wantedOutput) / ratio) + 1))
        reserveInterleaved(frames: frames)
        let got = try file.read(into: interleaved, frames: frames, framesSoFar: inputFramesRead)
        guard got > 0 else {
            try finish()
            return
        }
        let mono = try downmix(frames: got)
        inputFramesRead += Int64(got)
        if let resampler {
            try resampler.process(mono, endOfInput: false, into: &pending)
        } else {
            pending.append(contentsOf: mono)
        }
    }

    private func finish() throws(AudioInputError) {
        finished = true
        // The header promised frames (checked in init) but none could be read: nothing to process.
        guard inputFramesRead > 0 else {
            throw AudioInputError(path: info.path, kind: .empty, reason: "no audio frames could be read")
        }
        // Containers that state a frame count (FLAC, Ogg, AIFF's COMM, ...) and delivered fewer without a
        // decoder error: the data ends early. Int64.max is libsndfile's "unknown".
        if info.frames != Int64.max && inputFramesRead < info.frames - framesTolerance {
            throw AudioInputError(
                path: info.path, kind: .truncated,
                reason: String(format: "truncated: header declares %.3f s of audio, only %.3f s could be decoded",
                               info.durationSeconds, Double(inputFramesRead) / Double(info.sampleRate)))
        }
        try resampler?.process([], endOfInput: true, into: &pending)
    }

    /// Frames a complete file may fall short of its declared count: none, except for MPEG, whose count
    /// is an estimate from the file size when no Xing/LAME header gives it (two MPEG frames of slack).
    private var framesTolerance: Int64 { file.isMPEG ? max(2_304, info.frames / 100) : 0 }

    /// Averages channels and rejects the first NaN/Inf, which would otherwise poison the resampler
    /// state and every feature computed after it.
    private func downmix(frames: Int) throws(AudioInputError) -> [Float] {
        let channels = info.channels
        let scale = 1 / Float(channels)
        var mono = [Float](repeating: 0, count: frames)
        for frame in 0 ..< frames {
            var sum: Float = 0
            for channel in 0 ..< channels {
                let value = interleaved[frame * channels + channel]
                guard value.isFinite else { throw nonFiniteError(value: value, frame: frame) }
                sum += value
            }
            mono[frame] = channels == 1 ? sum : sum * scale
        }
        return mono
    }

    private func nonFiniteError(value: Float, frame: Int) -> AudioInputError {
        let seconds = Double(inputFramesRead + Int64(frame)) / Double(info.sampleRate)
        let what = value.isNaN ? "NaN" : "infinite"
        return AudioInputError(path: info.path, kind: .nonFinite,
                               reason: String(format: "\(what) sample at %.3f s", seconds))
    }

    private func reserveInterleaved(frames: Int) {
        guard frames > interleavedFrames else { return }
        interleaved.deallocate()
        interleaved = .allocate(capacity: frames * info.channels)
        interleavedFrames = frames
    }
}
