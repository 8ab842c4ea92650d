import CSndFile
import Foundation
import Testing
@testable import Pipeline

/// Damaged and odd files in every container the reader meets: a file is used whole or refused, never
/// silently shortened, and a header cannot make the reader allocate what it claims.
@Suite("AudioReader: truncation, decoder failures, header claims")
struct AudioReaderDamageTests {
    private func failure(_ path: String) -> AudioInputError? {
        do {
            _ = try AudioReader.readAll(path: path)
            return nil
        } catch {
            return error
        }
    }

    private func tone(seconds: Double = 1, rate: Int = 16_000) -> [Float] {
        Signals.sine(frequency: 440, amplitude: 0.5, seconds: seconds, sampleRate: rate)
    }

    private func cut(_ path: String, keeping fraction: Double) throws {
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? UInt64 ?? 0
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(Double(size) * fraction))
        try handle.close()
    }

    @Test("a container cut in half is refused, whichever way libsndfile notices", arguments: [
        ("cut.aiff", TestSoundFile.Encoding.aiff16, [AudioInputError.Kind.truncated]),
        ("cut.w64", .w64_16, [.truncated]),
        ("cut.rf64", .rf64_16, [.truncated]),
        ("cut.flac", .flac16, [.truncated, .corrupt]),
        ("cut.mp3", .mp3, [.truncated, .corrupt]),
        ("cut.ogg", .oggVorbis, [.notAudio, .truncated, .corrupt]),
    ])
    func cutInHalf(name: String, encoding: TestSoundFile.Encoding, kinds: [AudioInputError.Kind]) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path(name)
        try TestSoundFile.write(tone(), to: path, sampleRate: 16_000, encoding: encoding)
        #expect(try AudioReader.readAll(path: path).count >= 15_000, "the whole file is accepted")
        try cut(path, keeping: 0.5)
        let error = failure(path)
        #expect(error.map { kinds.contains($0.kind) } == true, "\(String(describing: error))")
        #expect(error?.description.hasPrefix(path + ": ") == true)
        #expect(error?.description.contains("\n") == false)
    }

    @Test("a file of zero bytes is empty, not an unrecognised format")
    func zeroBytes() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("zero.wav")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let error = failure(path)
        #expect(error?.kind == .empty)
        #expect(error?.description == "\(path): empty file (0 bytes)")
    }

    @Test("a FIFO or a device is refused before opening: a FIFO without a writer would block forever")
    func notARegularFile() throws {
        let directory = try TemporaryDirectory()
        let fifo = directory.path("fifo.wav")
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(failure(fifo)?.description == "\(fifo): not a regular file (a FIFO)")
        #expect(failure("/dev/zero")?.description == "/dev/zero: not a regular file (a character device)")
    }

    @Test("a WAV missing only its last byte (an unpadded odd chunk) is not called truncated")
    func oneByteShort() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("short.wav")
        try TestSoundFile.write(tone(), to: path, sampleRate: 16_000, encoding: .wav16)
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 44 + 32_000 - 1)
        try handle.close()
        #expect(try AudioReader.readAll(path: path).count == 15_999)
    }

    @Test("a decoder error part-way is refused, not read as the end of the file")
    func decoderErrorIsCorrupt() throws {
        // The first fuzzing finding: an MP3 whose decoder fails after one MPEG frame. Before the fix the
        // reader kept 1,152 samples with one-sample reads and none with large reads.
        let crasher = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fuzz/crashers/mp3-decoder-error-read-as-end-of-file")
        let directory = try TemporaryDirectory()
        let path = directory.path("damaged.mp3")
        try Data(contentsOf: crasher).dropFirst().write(to: URL(fileURLWithPath: path))
        for maxFrames in [1, 65_536] {
            let reader = try AudioReader(path: path)
            #expect {
                while try reader.readChunk(maxFrames: maxFrames) != nil {}
            } throws: { error in
                (error as? AudioInputError)?.kind == .corrupt
                    && (error as? AudioInputError)?.reason.hasPrefix("cannot decode past ") == true
            }
        }
    }

    @Test("MIDI Sample Dump is refused before libsndfile opens it (its reader prints to stdout)")
    func sdsIsRefused() throws {
        let crasher = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fuzz/crashers/sds-reader-prints-to-stdout")
        let directory = try TemporaryDirectory()
        let damaged = directory.path("damaged.sds")
        try Data(contentsOf: crasher).dropFirst().write(to: URL(fileURLWithPath: damaged))
        let valid = directory.path("valid.sds")
        try TestSoundFile.write(tone(seconds: 0.1, rate: 8_000), to: valid, sampleRate: 8_000,
                                encoding: .other(Int32(SF_FORMAT_SDS | SF_FORMAT_PCM_16)))
        for path in [damaged, valid] {
            let error = failure(path)
            #expect(error?.kind == .unsupported)
            #expect(error?.reason.hasPrefix("MIDI Sample Dump (SDS) files are not accepted") == true)
        }
    }

    @Test("1,024 channels at 4 MHz: the read buffer stays at 2^20 samples whatever the header says")
    func manyChannelsBoundTheBuffer() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("wide.wav")
        let channels = 1_024
        try TestSoundFile.write(Signals.noise(rms: 0.1, count: channels * 5_000), to: path, sampleRate: 4_000_000,
                                channels: channels, encoding: .wavFloat)
        let reader = try AudioReader(path: path)
        #expect(reader.info.channels == channels && reader.info.sampleRate == 4_000_000)
        var total = 0
        while let chunk = try reader.readChunk() { total += chunk.count }
        #expect(reader.interleavedFrames * channels <= 1 << 20, "\(reader.interleavedFrames) frames buffered")
        #expect(abs(total - 20) <= 2, "5,000 frames at 4 MHz are 20 samples at 16 kHz, got \(total)")
    }

    @Test("a sample rate libsamplerate cannot convert from is unsupported, not a crash")
    func unconvertibleRate() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("1hz.wav")
        try TestSoundFile.write(Signals.noise(rms: 0.1, count: 100), to: path, sampleRate: 1, encoding: .wav16)
        let error = failure(path)
        #expect(error?.kind == .unsupported)
        #expect(error?.reason == "cannot resample 1 Hz to 16000 Hz")
    }

    @Test("silence and a single sample are valid audio that holds no segment")
    func nothingToSegment() throws {
        let directory = try TemporaryDirectory()
        let silence = directory.path("silence.wav")
        try TestSoundFile.write([Float](repeating: 0, count: 32_000), to: silence, sampleRate: 16_000, encoding: .wav16)
        let one = directory.path("one.wav")
        try TestSoundFile.write([0.9], to: one, sampleRate: 16_000, encoding: .wav16)
        let oneAt8k = directory.path("one-8k.wav")
        try TestSoundFile.write([0.9], to: oneAt8k, sampleRate: 8_000, encoding: .wav16)
        for path in [silence, one, oneAt8k] {
            let samples = try AudioReader.readAll(path: path)
            #expect(!samples.isEmpty && samples.allSatisfy(\.isFinite))
            #expect(Segmenter.segments(of: samples, sampleRate: 16_000).isEmpty)
        }
        #expect(try AudioReader.readAll(path: one) == [Float(Int16(0.9 * 32_767)) / 32_768])
    }

    @Test("libsndfile's header log: shortfalls found, streaming placeholders and pad bytes ignored")
    func headerLogParsing() {
        let wav = """
            File : cut.wav
            Length : 16022
            RIFF : 32036 (should be 16014)
            WAVE
            fmt  : 16
              Format        : 0x1 => WAVE_FORMAT_PCM
            data : 32000 (should be 15978)
            End
            """
        #expect(HeaderLog.shortfall(in: wav) == .init(declared: 32_000, present: 15_978, unit: .bytes))
        #expect(HeaderLog.shortfall(in: " SSND : 32008 (should be 15981)\n")
                    == .init(declared: 32_008, present: 15_981, unit: .bytes))
        #expect(HeaderLog.shortfall(in: "*** Calculated frame count 7974 does not match value from 'ds64' chunk of 16000.")
                    == .init(declared: 16_000, present: 7_974, unit: .frames))
        #expect(HeaderLog.shortfall(in: "data : 4294967295 (should be 32000)") == nil)
        #expect(HeaderLog.shortfall(in: "data : 2147479552 (should be 32000)") == nil)
        #expect(HeaderLog.shortfall(in: "data : 32001 (should be 32000)") == nil)
        #expect(HeaderLog.shortfall(in: "RIFF : 32036 (should be 16014)\ndata : 32000") == nil, "the container alone")
        #expect(HeaderLog.shortfall(in: "") == nil)
        #expect(HeaderLog.shortfall(in: "data : garbage (should be 1)") == nil)
    }
}
