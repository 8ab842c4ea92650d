import Foundation
import Testing
@testable import Pipeline

@Suite("AudioReader: bad inputs fail with the right kind and a one-line message naming the file")
struct AudioReaderBadInputTests {
    /// Opening and reading to the end; the error may come from either.
    private func failure(reading path: String) -> AudioInputError? {
        do {
            _ = try AudioReader.readAll(path: path)
            return nil
        } catch {
            return error
        }
    }

    private func expectFailure(_ path: String, kind: AudioInputError.Kind,
                               sourceLocation: SourceLocation = #_sourceLocation) -> AudioInputError? {
        guard let error = failure(reading: path) else {
            Issue.record("\(path) was accepted", sourceLocation: sourceLocation)
            return nil
        }
        #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
        #expect(error.path == path, sourceLocation: sourceLocation)
        #expect(error.description.hasPrefix(path + ": "), sourceLocation: sourceLocation)
        #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
        #expect(!error.reason.isEmpty, sourceLocation: sourceLocation)
        return error
    }

    private func validWAV(in directory: TemporaryDirectory, name: String = "valid.wav",
                          seconds: Double = 1) throws -> String {
        let path = directory.path(name)
        try TestSoundFile.write(Signals.sine(frequency: 440, amplitude: 0.5, seconds: seconds, sampleRate: 16_000),
                                to: path, sampleRate: 16_000, encoding: .wav16)
        return path
    }

    @Test func missingFile() throws {
        let directory = try TemporaryDirectory()
        let error = expectFailure(directory.path("nope.wav"), kind: .missing)
        #expect(error?.reason == "no such file")
    }

    @Test func directory() throws {
        let directory = try TemporaryDirectory()
        let error = expectFailure(directory.url.path, kind: .unreadable)
        #expect(error?.reason == "is a directory")
    }

    @Test("a file without read permission", .enabled(if: geteuid() != 0, "root can read any file"))
    func noPermission() throws {
        let directory = try TemporaryDirectory()
        let path = try validWAV(in: directory)
        chmod(path, 0o000)
        _ = expectFailure(path, kind: .unreadable)
    }

    @Test func textNamedWAV() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("notes.wav")
        try "these are not samples\nsecond line\n".write(toFile: path, atomically: true, encoding: .utf8)
        _ = expectFailure(path, kind: .notAudio)
    }

    @Test func randomBytes() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("random.wav")
        let bytes = Signals.noise(rms: 1, count: 4_096, seed: 7).map { UInt8(truncatingIfNeeded: Int($0 * 1_000)) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        _ = expectFailure(path, kind: .notAudio)
    }

    @Test func zeroFrameWAV() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("empty.wav")
        try TestSoundFile.write([], to: path, sampleRate: 16_000, encoding: .wav16)
        _ = expectFailure(path, kind: .empty)
    }

    @Test("a WAV cut inside its header")
    func headerCut() throws {
        let directory = try TemporaryDirectory()
        let path = try validWAV(in: directory)
        try truncate(path, to: 20)
        _ = expectFailure(path, kind: .notAudio)
    }

    @Test("a WAV cut inside its data is refused as truncated, before any sample is handed out")
    func dataCut() throws {
        let directory = try TemporaryDirectory()
        let path = try validWAV(in: directory)
        try truncate(path, to: 44 + 2 * 8_000)
        #expect(throws: AudioInputError.self) { try AudioReader(path: path) }
        let error = expectFailure(path, kind: .truncated)
        #expect(error?.reason == "truncated: header declares 1.000 s of audio, the file holds 0.500 s")
    }

    @Test("a header promising far more frames than the file holds is refused at once, without allocating the promise")
    func lyingHeader() throws {
        let directory = try TemporaryDirectory()
        let path = try validWAV(in: directory, seconds: 0.1)
        // Canonical 44-byte header: RIFF size at 4, data size at 40. Claim about 1 GB of samples.
        try patch(path, at: [4, 40], with: [0xF0, 0xFF, 0xFF, 0x3F])
        let error = expectFailure(path, kind: .truncated)
        #expect(error?.reason.hasPrefix("truncated: header declares 33554.") == true, "\(String(describing: error))")
        #expect(error?.reason.hasSuffix("the file holds 0.100 s") == true)
    }

    @Test("streaming writers' placeholder sizes mean unknown length, not truncation", arguments: [
        [0xFF, 0xFF, 0xFF, 0xFF] as [UInt8], // ffmpeg and others writing to a pipe
        [0x00, 0xF0, 0xFF, 0x7F],             // sox: 0x7FFFF000
    ])
    func streamingPlaceholder(size: [UInt8]) throws {
        let directory = try TemporaryDirectory()
        let path = try validWAV(in: directory, seconds: 0.1)
        try patch(path, at: [4, 40], with: size)
        #expect(try AudioReader.readAll(path: path).count == 1_600)
    }

    @Test("NaN in a float WAV is rejected with the time of the first bad sample")
    func nanInFloatWAV() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("nan.wav")
        var signal = Signals.noise(rms: 0.1, count: 16_000)
        signal[8_000] = .nan
        signal[12_000] = .infinity
        try TestSoundFile.write(signal, to: path, sampleRate: 16_000, encoding: .wavFloat)
        let error = expectFailure(path, kind: .nonFinite)
        #expect(error?.reason.contains("0.500 s") == true, "\(String(describing: error))")
        #expect(error?.reason.contains("NaN") == true)
    }

    @Test("infinity in a resampled stereo file is rejected at its source time")
    func infinityResampled() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("inf.wav")
        var interleaved = Signals.noise(rms: 0.1, count: 2 * 44_100)
        interleaved[2 * 33_075 + 1] = -.infinity
        try TestSoundFile.write(interleaved, to: path, sampleRate: 44_100, channels: 2, encoding: .wavFloat)
        let error = expectFailure(path, kind: .nonFinite)
        #expect(error?.reason.contains("0.750 s") == true, "\(String(describing: error))")
    }

    @Test("after a failure the reader keeps reporting it")
    func failureSticks() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("nan-early.wav")
        var signal = Signals.noise(rms: 0.1, count: 4_000)
        signal[10] = .nan
        try TestSoundFile.write(signal, to: path, sampleRate: 16_000, encoding: .wavFloat)
        let reader = try AudioReader(path: path)
        #expect(throws: AudioInputError.self) { try reader.readChunk() }
        #expect(throws: AudioInputError.self) { try reader.readChunk() }
    }

    private func patch(_ path: String, at offsets: [UInt64], with bytes: [UInt8]) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        for offset in offsets {
            try handle.seek(toOffset: offset)
            try handle.write(contentsOf: Data(bytes))
        }
        try handle.close()
    }

    private func truncate(_ path: String, to length: UInt64) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: length)
        try handle.close()
    }
}
