import CSndFile
import Foundation
import Testing
@testable import SceneGen

@Suite struct WriteTests {
    func readWav(_ path: String) throws -> (info: SF_INFO, samples: [Float]) {
        var info = SF_INFO()
        guard let f = sf_open(path, Int32(SFM_READ), &info) else {
            throw SceneGenError(path: path, problem: String(cString: sf_strerror(nil)))
        }
        defer { sf_close(f) }
        var samples = [Float](repeating: 0, count: Int(info.frames))
        let n = samples.withUnsafeMutableBufferPointer { sf_readf_float(f, $0.baseAddress, info.frames) }
        #expect(n == info.frames)
        return (info, samples)
    }

    @Test func writesReadable16BitWavAndLabels() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let gen = generator(31.5, seed: 21)
        let events = try gen.write(audioTo: dir.file("scene.wav"), labelsTo: dir.file("scene.csv"))
        let (info, samples) = try readWav(dir.file("scene.wav"))
        #expect(abs(Int(info.frames) - Int(31.5 * 16000)) <= 1)
        #expect(info.channels == 1)
        #expect(info.samplerate == 16000)
        #expect(info.format == Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16))
        #expect(try GroundTruth.read(csvPath: dir.file("scene.csv")) == events)
        #expect(events == gen.events())
        let reference = gen.render().samples
        let maxError = zip(samples, reference).map { ($0 - $1).magnitude }.max()!
        #expect(maxError <= 1.0 / 32767 + 1e-6, "16-bit quantisation error \(maxError)")
        #expect(try dir.contents() == ["scene.csv", "scene.wav"]) // no temporaries left
    }

    @Test func floatWavIsBitIdenticalToRender() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let gen = generator(12, seed: 5)
        try gen.write(audioTo: dir.file("f.wav"), labelsTo: dir.file("f.csv"), float: true)
        let (info, samples) = try readWav(dir.file("f.wav"))
        #expect(info.format == Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT))
        #expect(samples == gen.render().samples)
    }

    @Test func overwritesAtomicallyAndLeavesNoTemporaries() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let wav = dir.file("a.wav"), csv = dir.file("a.csv")
        try "old".write(toFile: wav, atomically: false, encoding: .utf8)
        try generator(5, seed: 1).write(audioTo: wav, labelsTo: csv)
        #expect(try readWav(wav).info.frames == 80000)
        #expect(try dir.contents() == ["a.csv", "a.wav"])
        #expect(SceneGenerator.temporaryPath(for: wav) == dir.file(".a.wav.partial-\(getpid())"))
        #expect(SceneGenerator.temporaryPath(for: "x.wav") == ".x.wav.partial-\(getpid())")
    }

    @Test func failuresNameThePathAndLeaveNothing() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        // Missing directory for the audio.
        var error = #expect(throws: SceneGenError.self) {
            try generator(2, seed: 1).write(audioTo: dir.file("missing/x.wav"), labelsTo: dir.file("x.csv"))
        }
        #expect(error?.path == dir.file("missing/x.wav"))
        // Missing directory for the labels: the audio must not appear either.
        error = #expect(throws: SceneGenError.self) {
            try generator(2, seed: 1).write(audioTo: dir.file("y.wav"), labelsTo: dir.file("missing/y.csv"))
        }
        #expect(error?.path == dir.file("missing/y.csv"))
        // Invalid duration.
        error = #expect(throws: SceneGenError.self) {
            try generator(-1, seed: 1).write(audioTo: dir.file("z.wav"), labelsTo: dir.file("z.csv"))
        }
        #expect(error?.description.contains("positive") == true)
        #expect(try dir.contents() == [])
    }
}
