import Foundation
import Testing
@testable import Pipeline

@Suite("AudioReader: formats, downmix, resampling")
struct AudioReaderTests {
    @Test("16-bit WAV at 16 kHz passes through, quantised to 16 bits")
    func wav16() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("tone16.wav")
        let tone = Signals.sine(frequency: 440, amplitude: 0.5, seconds: 0.5, sampleRate: 16_000)
        try TestSoundFile.write(tone, to: path, sampleRate: 16_000, encoding: .wav16)

        let reader = try AudioReader(path: path)
        #expect(reader.info == AudioFormatInfo(path: path, sampleRate: 16_000, channels: 1, frames: 8_000,
                                               format: "WAV 16-bit"))
        #expect(reader.info.durationSeconds == 0.5)
        let samples = try AudioReader.readAll(path: path)
        #expect(samples.count == tone.count)
        let worst = zip(samples, tone).map { abs($0 - $1) }.max() ?? 1
        #expect(worst <= 1.0 / 32_768)
    }

    @Test("float WAV is read bit-exactly, whatever the chunk size")
    func wavFloatChunks() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("float.wav")
        let signal = Signals.noise(rms: 0.2, count: 10_007)
        try TestSoundFile.write(signal, to: path, sampleRate: 16_000, encoding: .wavFloat)

        #expect(try AudioReader(path: path).info.format == "WAV float32")
        #expect(try AudioReader.readAll(path: path) == signal)
        for maxFrames in [1, 333, 4_096] {
            let reader = try AudioReader(path: path)
            var joined: [Float] = []
            while let chunk = try reader.readChunk(maxFrames: maxFrames) {
                #expect(!chunk.isEmpty && chunk.count <= maxFrames)
                joined += chunk
            }
            #expect(joined == signal)
            #expect(try reader.readChunk() == nil)
        }
    }

    @Test("stereo is downmixed to the mean of the channels")
    func stereoDownmix() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("stereo.wav")
        let left = Signals.sine(frequency: 300, amplitude: 0.6, seconds: 0.25, sampleRate: 16_000)
        let right = Signals.noise(rms: 0.1, count: left.count)
        let interleaved = zip(left, right).flatMap { [$0, $1] }
        try TestSoundFile.write(interleaved, to: path, sampleRate: 16_000, channels: 2, encoding: .wavFloat)

        let reader = try AudioReader(path: path)
        #expect(reader.info.channels == 2)
        let mono = try AudioReader.readAll(path: path)
        #expect(mono.count == left.count)
        let worst = zip(mono, zip(left, right)).map { abs($0 - ($1.0 + $1.1) / 2) }.max() ?? 1
        #expect(worst < 1e-6)
    }

    @Test("resampling keeps the length (within 1%), the frequency and the level",
          arguments: [44_100, 8_000])
    func resampled(sourceRate: Int) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("tone-\(sourceRate).wav")
        let tone = Signals.sine(frequency: 1_000, amplitude: 0.5, seconds: 1, sampleRate: sourceRate)
        try TestSoundFile.write(tone, to: path, sampleRate: sourceRate, encoding: .wavFloat)

        let samples = try AudioReader.readAll(path: path)
        #expect(abs(samples.count - 16_000) <= 160, "got \(samples.count) samples for 1 s")
        // Skip the filter's edge transients.
        let frequency = Signals.zeroCrossingFrequency(samples, sampleRate: 16_000, from: 1_600, to: 14_400)
        #expect(abs(frequency - 1_000) < 2, "measured \(frequency) Hz")
        let level = Signals.rms(samples[1_600 ..< 14_400])
        #expect(abs(level - 0.5 / Float(2).squareRoot()) < 0.01)
    }

    @Test("resampled output does not depend on the chunk size")
    func resampledChunks() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("noise-44k.wav")
        try TestSoundFile.write(Signals.noise(rms: 0.2, count: 44_100), to: path, sampleRate: 44_100,
                                encoding: .wavFloat)
        let whole = try AudioReader.readAll(path: path)
        let reader = try AudioReader(path: path)
        var joined: [Float] = []
        while let chunk = try reader.readChunk(maxFrames: 777) {
            #expect(chunk.count <= 777)
            joined += chunk
        }
        #expect(joined.count == whole.count)
        let worst = zip(joined, whole).map { abs($0 - $1) }.max() ?? 1
        #expect(worst < 1e-5)
    }

    @Test("FLAC is read like WAV")
    func flac() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("tone.flac")
        let tone = Signals.sine(frequency: 523.25, amplitude: 0.4, seconds: 0.3, sampleRate: 16_000)
        try TestSoundFile.write(tone, to: path, sampleRate: 16_000, encoding: .flac16)

        let reader = try AudioReader(path: path)
        #expect(reader.info.format == "FLAC 16-bit")
        let samples = try AudioReader.readAll(path: path)
        #expect(samples.count == tone.count)
        #expect((zip(samples, tone).map { abs($0 - $1) }.max() ?? 1) <= 1.0 / 32_768)
    }

    @Test("a different target rate is honoured")
    func customTargetRate() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("tone.wav")
        try TestSoundFile.write(Signals.sine(frequency: 500, amplitude: 0.5, seconds: 0.5, sampleRate: 16_000),
                                to: path, sampleRate: 16_000, encoding: .wav16)
        let reader = try AudioReader(path: path, targetSampleRate: 22_050)
        #expect(reader.targetSampleRate == 22_050)
        let samples = try AudioReader.readAll(path: path, targetSampleRate: 22_050)
        #expect(abs(samples.count - 11_025) <= 111)
    }
}
