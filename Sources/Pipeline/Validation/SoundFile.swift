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
        if Self.looksLikeSDS(path) { throw Self.sdsRefused(path) }
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
        isMPEG = sfInfo.format & Int32(SF_FORMAT_TYPEMASK) == Int32(SF_FORMAT_MPEG)
        if sfInfo.format & Int32(SF_FORMAT_TYPEMASK) == Int32(SF_FORMAT_SDS) {
            throw Self.sdsRefused(path)
        }
        // Thrown after every property is set, so deinit still closes the handle.
        if let shortfall = HeaderLog.shortfall(in: parseLog()) {
            throw Self.truncation(shortfall, info: info)
        }
    }

    deinit { sf_close(handle) }

    /// MPEG frame counts are estimated from the file size unless a Xing/LAME header states them.
    let isMPEG: Bool

    /// Reads up to `frames` interleaved frames; 0 means end of data. A decoder failure (a damaged FLAC,
    /// MP3 or Vorbis stream) is an error, not an early end: otherwise how much of the file is used would
    /// depend on the read size.
    func read(into buffer: UnsafeMutablePointer<Float>, frames: Int, framesSoFar: Int64) throws(AudioInputError) -> Int {
        let got = Int(sf_readf_float(handle, buffer, sf_count_t(frames)))
        let code = sf_error(handle)
        if code != 0 {
            let seconds = Double(framesSoFar + Int64(max(0, got))) / Double(info.sampleRate)
            throw AudioInputError(path: info.path, kind: .corrupt,
                                  reason: String(format: "cannot decode past %.3f s: ", seconds)
                                      + String(cString: sf_strerror(handle)))
        }
        return max(0, got)
    }

    /// libsndfile's notes on the header it parsed, one finding per line.
    private func parseLog() -> String {
        var buffer = [CChar](repeating: 0, count: 16_384)
        let length = buffer.withUnsafeMutableBufferPointer { pointer in
            sf_command(handle, Int32(SFC_GET_LOG_INFO), pointer.baseAddress, Int32(pointer.count - 1))
        }
        guard length > 0 else { return "" }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func truncation(_ shortfall: HeaderLog.Shortfall, info: AudioFormatInfo) -> AudioInputError {
        // libsndfile already clamped `frames` to the bytes present; scale it back up to what was declared.
        let present = info.durationSeconds
        let declared: Double
        switch shortfall.unit {
        case .frames: declared = Double(shortfall.declared) / Double(max(1, info.sampleRate))
        case .bytes: declared = shortfall.present > 0 ? present * Double(shortfall.declared) / Double(shortfall.present) : 0
        }
        let what = shortfall.unit == .bytes && shortfall.present == 0
            ? "truncated: header declares \(shortfall.declared) bytes of audio, the file holds none"
            : String(format: "truncated: header declares %.3f s of audio, the file holds %.3f s", declared, present)
        return AudioInputError(path: info.path, kind: .truncated, reason: what)
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
        // Opening a FIFO blocks until a writer appears (a hang, not an error), and a device never ends.
        var status = stat()
        if stat(path, &status) == 0 && (status.st_mode & S_IFMT) != S_IFREG {
            throw AudioInputError(path: path, kind: .unreadable,
                                  reason: "not a regular file (\(Self.fileType(status.st_mode)))")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw AudioInputError(path: path, kind: .unreadable, reason: "permission denied")
        }
        // libsndfile would say "Format not recognised." about a file that has no bytes at all.
        if status.st_size == 0 {
            throw AudioInputError(path: path, kind: .empty, reason: "empty file (0 bytes)")
        }
    }

    /// Found by fuzzing: libsndfile 1.2.0's MIDI Sample Dump reader printf()s "Error A : .." lines to
    /// stdout (where `arbench run` writes its CSV), already while sf_open parses a damaged header, and
    /// invents frames past the end of the data. No recogniser input comes as SDS, so it is refused before
    /// libsndfile sees it, by libsndfile's own test: bytes F0 7E, a MIDI channel below 0x80, then 01.
    private static func looksLikeSDS(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 4), head.count == 4 else { return false }
        let bytes = [UInt8](head)
        return bytes[0] == 0xF0 && bytes[1] == 0x7E && bytes[2] & 0x80 == 0 && bytes[3] == 0x01
    }

    private static func sdsRefused(_ path: String) -> AudioInputError {
        AudioInputError(path: path, kind: .unsupported,
                        reason: "MIDI Sample Dump (SDS) files are not accepted (libsndfile's SDS reader writes to stdout)")
    }

    private static func fileType(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        default: "type \(String(mode & S_IFMT, radix: 8))"
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
