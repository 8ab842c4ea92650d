import Foundation

/// This process's executable, as the kernel names it (/proc/self/exe, symlinks resolved), and the
/// directory it sits in: where `make libtorch` puts the runtime libraries and SwiftPM the shipped
/// presets. Test bundles sit in the same directory as the arbench executable, so they find the same.
public enum OwnExecutable {
    public static var path: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    public static var directory: URL {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent()
    }
}
