import CSndFile
import Foundation

/// libsndfile reports a failed open through process-global state (`sf_strerror(NULL)`), so two files
/// opened at once could swap their error texts; serialising opens keeps each message with its file.
private let soundFileOpenLock = NSLock()

/// One open libsndfile handle, read as interleaved Float frames. AudioReader is the public face.
final class SoundFile {
    let info: AudioFormatInfo
    private let handle: OpaquePointer

    init(path: String) throws(AudioInputError) {
        try Self.checkPath(path)
        var sfInfo = SF_INFO()
        let (opened, code, message) = soundFileOpenLock.withLock { () -> (OpaquePointer?, Int32, String) in
            guard let handle = sf_open(path, Int32(SFM_READ), &sfInfo) else {
                return (nil, sf_error(nil), String(cString: sf_strerror(nil)))
            }
            return (handle, 0, "")
        }
        guard let opened else {
            throw AudioInputError(path: path, kind: Self.kind(ofOpenError: code), reason: message)
        }
        handle = opened
        info = AudioFormatInfo(
            path: path,
            sampleRate: Int(sfInfo.samplerate),
            channels: Int(sfInfo.channels),
            frames: Int64(sfInfo.frames),
            format: SoundFormatName.describe(sfInfo.format))
    }

    deinit { sf_close(handle) }

    /// Reads up to `frames` interleaved frames; 0 means end of data (including a header that promised more).
    func read(into buffer: UnsafeMutablePointer<Float>, frames: Int) -> Int {
        Int(sf_readf_float(handle, buffer, sf_count_t(frames)))
    }

    /// libsndfile's own texts for these cases are vague ("System error"), so name them before opening.
    private static func checkPath(_ path: String) throws(AudioInputError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AudioInputError(path: path, kind: .missing, reason: "no such file")
        }
        if isDirectory.boolValue {
            throw AudioInputError(path: path, kind: .unreadable, reason: "is a directory")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw AudioInputError(path: path, kind: .unreadable, reason: "permission denied")
        }
    }

    private static func kind(ofOpenError code: Int32) -> AudioInputError.Kind {
        switch Int(code) {
        case SF_ERR_SYSTEM: .unreadable
        case SF_ERR_UNSUPPORTED_ENCODING: .unsupported
        default: .notAudio
        }
    }
}
