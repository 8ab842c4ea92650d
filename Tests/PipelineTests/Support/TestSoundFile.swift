import CSndFile
import Foundation

/// Writes real files through libsndfile, so the reader is tested on what libsndfile itself produces.
enum TestSoundFile {
    enum Encoding {
        case wav16, wavFloat, flac16
        /// Any libsndfile `SF_FORMAT_*` container | encoding.
        case other(Int32)

        var format: Int32 {
            switch self {
            case .wav16: Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
            case .wavFloat: Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT)
            case .flac16: Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
            case .other(let format): format
            }
        }

        static let aiff16 = Encoding.other(Int32(SF_FORMAT_AIFF | SF_FORMAT_PCM_16))
        static let w64_16 = Encoding.other(Int32(SF_FORMAT_W64 | SF_FORMAT_PCM_16))
        static let rf64_16 = Encoding.other(Int32(SF_FORMAT_RF64 | SF_FORMAT_PCM_16))
        static let oggVorbis = Encoding.other(Int32(SF_FORMAT_OGG | SF_FORMAT_VORBIS))
        static let mp3 = Encoding.other(Int32(SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III))
    }

    struct WriteError: Error, CustomStringConvertible {
        let description: String
    }

    /// `interleaved` holds frames * channels samples.
    static func write(_ interleaved: [Float], to path: String, sampleRate: Int, channels: Int = 1,
                      encoding: Encoding) throws {
        var info = SF_INFO()
        info.samplerate = Int32(sampleRate)
        info.channels = Int32(channels)
        info.format = encoding.format
        guard let file = sf_open(path, Int32(SFM_WRITE), &info) else {
            throw WriteError(description: "cannot write \(path): \(String(cString: sf_strerror(nil)))")
        }
        defer { sf_close(file) }
        let frames = interleaved.count / channels
        let written = interleaved.withUnsafeBufferPointer { buffer in
            sf_writef_float(file, buffer.baseAddress, sf_count_t(frames))
        }
        guard written == frames else {
            throw WriteError(description: "wrote \(written) of \(frames) frames to \(path)")
        }
    }
}
