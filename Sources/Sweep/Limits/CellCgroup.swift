import Foundation
#if canImport(Glibc)
import Glibc
import Results
#endif

/// The cgroup of one cell run, under the host's `arbench` group: made before the child starts (the
/// child joins it between fork and exec), read while it runs, removed when it ends however it ends.
/// Its processes are all the cell's: arbench never moves a process it did not start into or out of a group.
public struct CellCgroup: Sendable, Equatable {
    public var host: CgroupHost
    public var name: String

    public var path: String { host.parent + "/" + name }
    public var procsFile: String { path + "/" + CgroupVersion.procsFile }
    public var statFile: String { path + "/" + CgroupVersion.statFile }
    /// As the child's /proc/self/cgroup names it (relative to the hierarchy's root).
    public var groupPath: String { "/" + CgroupHost.parentName + "/" + name }

    public struct SetupError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Makes the group with `quota`. v2: the `arbench` group first enables the cpu controller for its
    /// children (it is arbench's own; nothing outside it is changed).
    public static func create(host: CgroupHost, name: String, quota: CPUQuota) throws(SetupError) -> CellCgroup {
        let group = CellCgroup(host: host, name: name)
        try makeDirectory(host.parent)
        if host.version == .v2 {
            let control = host.parent + "/cgroup.subtree_control"
            let enabled = (try? String(contentsOfFile: control, encoding: .utf8))?.split(whereSeparator: \.isWhitespace).contains("cpu") ?? false
            if !enabled { try write("+cpu", to: control) }
        }
        try makeDirectory(group.path)
        do throws(SetupError) {
            for (file, text) in host.version.quotaWrites(quota) { try write(text, to: group.path + "/" + file) }
            let written = (try? String(contentsOfFile: group.path + "/" + host.version.quotaFile, encoding: .utf8))
                .flatMap { host.version.parseQuota($0) }
            guard written == quota else {
                throw SetupError(description: "\(group.path): the quota reads back as \(written?.text ?? "unreadable"), not \(quota.text)")
            }
        } catch {
            _ = group.remove()
            throw error
        }
        return group
    }

    public func stats() -> CFSStats? {
        (try? String(contentsOfFile: statFile, encoding: .utf8)).flatMap(CFSStats.parse)
    }

    /// The processes in the group (all started for the cell).
    public func processes() -> [pid_t] {
        ((try? String(contentsOfFile: procsFile, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { pid_t($0) }
    }

    /// Kills what is left in the group and removes it, waiting up to about a second for dying processes
    /// to leave. Nil when removed (or already gone), else why not.
    @discardableResult
    public func remove() -> String? {
        for _ in 0..<100 {
            for pid in processes() where pid > 0 { kill(pid, SIGKILL) }
            if rmdir(path) == 0 || errno == ENOENT { return nil }
            guard errno == EBUSY else { break }
            usleep(10_000)
        }
        return "cannot remove \(path): \(String(cString: strerror(errno)))"
    }

    static func makeDirectory(_ path: String) throws(SetupError) {
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw SetupError(description: "cannot create cgroup \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// One write(2) per file, as the cgroup interface expects (a buffered writer may split it). Opened as
    /// a shell's `>` opens it: the control files exist, and unit tests' stand-ins in a plain directory are made.
    static func write(_ text: String, to path: String) throws(SetupError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw SetupError(description: "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        guard Glibc.write(fd, bytes, bytes.count) == bytes.count else {
            throw SetupError(description: "cannot write \"\(text)\" to \(path): \(String(cString: strerror(errno)))")
        }
    }
}
