import Foundation

/// What went wrong with a file, in a few words, from a Foundation or POSIX error: "does not exist",
/// "permission denied", "is a directory", "is not UTF-8 text". Foundation's own text ("The operation could
/// not be completed. The file doesn't exist.") names neither the file nor the step; callers prefix both.
public enum FileErrorText {
    public static func of(_ error: Error) -> String {
        let ns = error as NSError
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: return "does not exist"
            case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
            case .fileReadInapplicableStringEncoding, .fileReadCorruptFile: return "is not UTF-8 text"
            case .fileWriteOutOfSpace: return "no space left on the device"
            case .fileWriteVolumeReadOnly: return "the file system is read-only"
            default: break
            }
            if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
                return posix(Int32(underlying.code))
            }
        }
        if ns.domain == NSPOSIXErrorDomain { return posix(Int32(ns.code)) }
        return "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// errno in words, lower case ("no such file or directory").
    public static func posix(_ code: Int32) -> String {
        if code == EISDIR { return "is a directory" }
        if code == ENOENT { return "does not exist" }
        if code == EACCES || code == EPERM { return "permission denied" }
        return String(cString: strerror(code)).lowercased()
    }
}
