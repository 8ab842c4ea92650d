import CSndFile
import Foundation
import Results

/// Deterministic synthetic audio scenes with ground truth: a sequence of sound events of varying
/// class, level (-20...-6 dBFS peak) and length (0.5-4 s), separated by 0.3-1.5 s gaps, over a
/// continuous noise floor (-60 dBFS RMS by default). Everything is a function of the config.
///
/// Timeline: the scene opens with a gap, then alternates event / gap; event boundaries fall on
/// whole milliseconds; the last event ends at least 0.3 s before the end (a final event that
/// would be shorter than 0.5 s is dropped, so the closing gap can exceed 1.5 s).
/// Scene events and `renderEvent` go through the same synthesizers (a scene event is an isolated
/// event with a per-event seed drawn from the scene seed, plus the noise floor), so training sets
/// built with `renderEvent` match what the scenes contain.
public struct SceneGenerator: Sendable {
    public let config: SceneConfig

    /// Event duration bounds, seconds.
    public static let eventDurationRange = 0.5 ... 4.0
    /// Gap bounds between consecutive events (and before the first), seconds.
    public static let gapRange = 0.3 ... 1.5
    /// Minimum quiet time after the last event, seconds.
    public static let minimumTail = 0.3
    /// Event peak level bounds, dBFS.
    public static let levelRangeDBFS = Synth.levelRange

    public init(config: SceneConfig) {
        self.config = config
    }

    /// Number of sample frames of the scene: `round(durationSeconds * sampleRate)`.
    public var totalFrames: Int {
        let d = config.durationSeconds * Double(config.sampleRate)
        guard d.isFinite, d > 0 else { return 0 }
        return Int(d.rounded())
    }

    /// The ground-truth events alone (cheap: no audio is synthesized).
    public func events() -> [SceneEvent] { plan().map(\.event) }

    /// In-memory rendering for tests and training (short scenes only). Identical, sample for
    /// sample, to what `write(..., float: true)` stores.
    public func render() -> (samples: [Float], events: [SceneEvent]) {
        var samples: [Float] = []
        samples.reserveCapacity(totalFrames)
        let events = stream { samples.append(contentsOf: $0) }
        return (samples, events)
    }

    /// Renders one isolated event of a class (no noise floor, peak in -20...-6 dBFS, 5 ms edge
    /// fades): exactly `round(seconds * sampleRate)` samples, determined by (c, seconds, seed, rate).
    public static func renderEvent(_ c: SoundClass, seconds: Double, seed: UInt64, sampleRate: Int = 16_000) -> [Float] {
        precondition(sampleRate > 0, "sampleRate must be positive")
        let d = seconds * Double(sampleRate)
        guard d.isFinite, d >= 0.5 else { return [] }
        let n = Int(d.rounded())
        return [Float](unsafeUninitializedCapacity: n) { buffer, count in
            Synth.render(c, into: buffer.baseAddress!, count: n, seed: seed, sampleRate: sampleRate)
            count = n
        }
    }

    /// Streams the scene to a 16-bit PCM WAV (or 32-bit float WAV if `float`) in chunks (memory
    /// is bounded by one 4 s event) and writes the labels CSV. Atomic: both files are written
    /// under hidden temporary names in their target directories and renamed into place only when
    /// complete; on failure the temporaries are removed. Scenes too big for WAV's 4 GiB limit are
    /// written as RF64.
    @discardableResult
    public func write(audioTo wavPath: String, labelsTo csvPath: String, float: Bool = false) throws -> [SceneEvent] {
        try validate(wavPath: wavPath)
        guard wavPath != csvPath else {
            throw SceneGenError(path: csvPath, problem: "the labels CSV path is the same as the audio path")
        }
        let wavTemp = Self.temporaryPath(for: wavPath)
        let csvTemp = Self.temporaryPath(for: csvPath)
        var committed = false
        defer {
            if !committed {
                unlink(wavTemp)
                unlink(csvTemp)
            }
        }

        let bytesPerSample = float ? 4 : 2
        let needsRF64 = totalFrames * bytesPerSample > 4_000_000_000
        var info = SF_INFO()
        info.samplerate = Int32(config.sampleRate)
        info.channels = 1
        info.format = Int32((needsRF64 ? SF_FORMAT_RF64 : SF_FORMAT_WAV) | (float ? SF_FORMAT_FLOAT : SF_FORMAT_PCM_16))
        guard let file = sf_open(wavTemp, Int32(SFM_WRITE), &info) else {
            throw SceneGenError(path: wavPath, problem: "cannot create audio file: \(String(cString: sf_strerror(nil)))")
        }
        var open = true
        defer { if open { sf_close(file) } }
        let events = try stream { chunk in
            let written = sf_writef_float(file, chunk.baseAddress, sf_count_t(chunk.count))
            guard written == sf_count_t(chunk.count) else {
                throw SceneGenError(path: wavPath, problem: "write failed: \(String(cString: sf_strerror(file)))")
            }
        }
        open = false
        let rc = sf_close(file)
        guard rc == 0 else {
            throw SceneGenError(path: wavPath, problem: "closing failed: \(String(cString: sf_error_number(rc)))")
        }

        do {
            try GroundTruth.csv(events).write(toFile: csvTemp, atomically: false, encoding: .utf8)
        } catch {
            throw SceneGenError(path: csvPath, problem: "cannot write labels: \(FileErrorText.of(error))")
        }
        guard rename(wavTemp, wavPath) == 0 else {
            throw SceneGenError(path: wavPath, problem: "cannot rename into place: \(String(cString: strerror(errno)))")
        }
        guard rename(csvTemp, csvPath) == 0 else {
            throw SceneGenError(path: csvPath, problem: "cannot rename into place: \(String(cString: strerror(errno)))")
        }
        committed = true
        return events
    }

    // MARK: - Internals

    struct PlannedEvent {
        var event: SceneEvent
        var startFrame: Int
        var endFrame: Int
        var seed: UInt64
    }

    private func validate(wavPath: String) throws {
        let d = config.durationSeconds
        guard d.isFinite, d > 0 else {
            throw SceneGenError(path: wavPath, problem: "scene duration must be a positive number of seconds (got \(d))")
        }
        guard config.sampleRate >= 8000, config.sampleRate <= 384_000 else {
            throw SceneGenError(path: wavPath, problem: "sample rate \(config.sampleRate) Hz is outside 8000...384000")
        }
        guard totalFrames > 0 else {
            throw SceneGenError(path: wavPath, problem: "scene duration \(d) s is shorter than one sample")
        }
    }

    static func temporaryPath(for path: String) -> String {
        let pid = getpid()
        if let slash = path.lastIndex(of: "/") {
            let dir = path[...slash]
            let name = path[path.index(after: slash)...]
            return "\(dir).\(name).partial-\(pid)"
        }
        return ".\(path).partial-\(pid)"
    }

    /// The timeline, drawn from the seed in a fixed order (so a longer scene with the same seed
    /// starts with the same events).
    func plan() -> [PlannedEvent] {
        let frames = totalFrames
        guard frames > 0 else { return [] }
        let sr = config.sampleRate
        let totalMs = frames * 1000 / sr
        let limitMs = totalMs - Int(Self.minimumTail * 1000)
        let minMs = Int(Self.eventDurationRange.lowerBound * 1000), maxMs = Int(Self.eventDurationRange.upperBound * 1000)
        let minGap = Int(Self.gapRange.lowerBound * 1000), maxGap = Int(Self.gapRange.upperBound * 1000)
        let classes = config.classes
        guard !classes.isEmpty else { return [] }

        var rng = SeededGenerator(seed: SeededGenerator.derive(config.seed, 0x504C_414E)) // "PLAN"
        var bag: [SoundClass] = []
        var result: [PlannedEvent] = []
        var t = rng.int(minGap, maxGap)
        while true {
            if bag.isEmpty {
                bag = classes
                for i in stride(from: bag.count - 1, to: 0, by: -1) { // Fisher-Yates
                    bag.swapAt(i, rng.int(0, i))
                }
            }
            let soundClass = bag.removeLast()
            var d = rng.int(minMs, maxMs)
            let seed = rng.next()
            let gap = rng.int(minGap, maxGap)
            if t + d > limitMs { d = limitMs - t }
            if d < minMs { break }
            let event = SceneEvent(start: Double(t) / 1000, end: Double(t + d) / 1000, soundClass: soundClass)
            result.append(PlannedEvent(event: event, startFrame: t * sr / 1000, endFrame: (t + d) * sr / 1000, seed: seed))
            t += d + gap
        }
        return result
    }

    /// Produces the scene in order as a sequence of chunks (gap noise in ≤ 32768-frame pieces,
    /// each event whole), reusing one buffer.
    func stream(_ sink: (UnsafeBufferPointer<Float>) throws -> Void) rethrows -> [SceneEvent] {
        let frames = totalFrames
        guard frames > 0 else { return [] }
        precondition(config.sampleRate > 0, "sampleRate must be positive")
        let planned = plan()
        let capacity = max(32768, planned.map { $0.endFrame - $0.startFrame }.max() ?? 0)
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var noise = SeededGenerator(seed: SeededGenerator.derive(config.seed, 0x4E4F_4953)) // "NOIS"
        // Triangular noise (sum of two uniforms, variance 1/6) scaled to the requested RMS.
        let noiseScale = DMath.dbToGain(config.noiseFloorDBFS) * 2.449489742783178

        var cursor = 0
        func gap(until end: Int) throws {
            while cursor < end {
                let m = min(capacity, end - cursor)
                buffer.initialize(repeating: 0, count: m)
                Self.addNoise(buffer, m, &noise, noiseScale)
                try sink(UnsafeBufferPointer(start: buffer, count: m))
                cursor += m
            }
        }
        for p in planned {
            try gap(until: p.startFrame)
            let m = p.endFrame - p.startFrame
            Synth.render(p.event.soundClass, into: buffer, count: m, seed: p.seed, sampleRate: config.sampleRate)
            Self.addNoise(buffer, m, &noise, noiseScale)
            try sink(UnsafeBufferPointer(start: buffer, count: m))
            cursor = p.endFrame
        }
        try gap(until: frames)
        return planned.map(\.event)
    }

    private static func addNoise(_ p: UnsafeMutablePointer<Float>, _ n: Int, _ rng: inout SeededGenerator, _ scale: Double) {
        for i in 0 ..< n {
            let x = rng.next()
            let u = Double(x >> 32) + Double(x & 0xFFFF_FFFF)
            p[i] += Float((u * 0x1.0p-32 - 1) * scale)
        }
    }
}
