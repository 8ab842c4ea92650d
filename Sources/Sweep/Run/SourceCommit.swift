import Foundation

/// The git commit of the source checkout a binary was built in: the binary sits in the checkout's
/// `.build/`, so the nearest enclosing directory with a `Package.swift` and a `.git` is that checkout.
/// Read with `git` (never by parsing `.git` by hand), and nil when the binary lives elsewhere.
public enum SourceCommit {
    public struct Found: Sendable, Equatable {
        public var checkout: String
        public var commit: String
        public var dirty: Bool
    }

    public static func of(executable: String) -> Found? {
        let fm = FileManager.default
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        while dir.path != "/" {
            if fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path),
               fm.fileExists(atPath: dir.appendingPathComponent(".git").path) {
                guard let commit = HelperCommand.output(["git", "-C", dir.path, "rev-parse", "HEAD"]), !commit.isEmpty else { return nil }
                let status = HelperCommand.output(["git", "-C", dir.path, "status", "--porcelain", "--untracked-files=no"])
                return Found(checkout: dir.path, commit: commit, dirty: !(status ?? "").isEmpty)
            }
            dir.deleteLastPathComponent()
        }
        return nil
    }
}
