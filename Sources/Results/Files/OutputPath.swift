import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file an option asks to be written (`--metrics`, `--tags`), checked before any work is done, so a
/// typo costs nothing: nil when it can be written, else why not, in words and naming the path.
public enum OutputPath {
    public static func problem(_ path: String) -> String? {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return "\(path) is a directory; give a file name in it" }
            return access(path, W_OK) == 0 ? nil : "\(path) exists and cannot be written (permission denied)"
        }
        return parentProblem(path)
    }

    /// A directory an option asks to be made (`slurm --out`): nil when it exists as a directory or can be
    /// made in its parent; nothing above it is ever created (a typo in a parent must not make a tree).
    public static func directoryProblem(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            return isDirectory.boolValue ? nil : "\(path) exists and is not a directory"
        }
        return parentProblem(path)
    }

    /// Why `path` cannot be created in its parent directory (which must exist and be writable), or nil.
    static func parentProblem(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory) else {
            return "cannot write \(path): the directory \(parent) does not exist"
        }
        guard isDirectory.boolValue else { return "cannot write \(path): \(parent) is not a directory" }
        // The file is written beside its final name first (AtomicFile), so the directory must be writable.
        return access(parent, W_OK) == 0 ? nil : "cannot write \(path): the directory \(parent) is not writable"
    }
}
