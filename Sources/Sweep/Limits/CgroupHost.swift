import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where this machine's cgroup cpu controller is and whether arbench may use it: the v1 hierarchy
/// mounted with `cpu` (e.g. /sys/fs/cgroup/cpu,cpuacct), else the v2 hierarchy when it offers `cpu`.
/// arbench works only under `root/arbench`, a group it creates and owns (CellCgroup, CgroupJanitor).
public struct CgroupHost: Sendable, Equatable {
    public var version: CgroupVersion
    /// The controller's mount point (v2: the unified hierarchy's).
    public var root: String
    public var readOnly: Bool

    /// arbench's own group under the controller root: every cell group is made inside it. `arbench`, or
    /// `ARBENCH_CGROUP_PARENT` (one path component: letters, digits, `.`, `_`, `-`) to keep concurrent
    /// users apart: each one's cleanup of killed sweeps' groups sees only its own parent (the tests use it).
    public static var parentName: String {
        let given = ProcessInfo.processInfo.environment["ARBENCH_CGROUP_PARENT"] ?? ""
        let allowed = given.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
        return !given.isEmpty && allowed && given != "." && given != ".." ? given : "arbench"
    }
    public var parent: String { root + "/" + Self.parentName }

    public init(version: CgroupVersion, root: String, readOnly: Bool = false) {
        self.version = version
        self.root = root
        self.readOnly = readOnly
    }

    /// The cpu controller's hierarchy from /proc/self/mounts text; nil when neither version offers it.
    /// `read` reads a v2 file (cgroup.controllers); injected for tests.
    public static func detect(mounts: String, read: (String) -> String? = Self.readFile) -> CgroupHost? {
        var unified: CgroupHost?
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 4 else { continue }
            let point = String(fields[1]).replacingOccurrences(of: "\\040", with: " ")
            let options = fields[3].split(separator: ",")
            let readOnly = options.contains("ro")
            if fields[2] == "cgroup" && options.contains("cpu") {
                return CgroupHost(version: .v1, root: point, readOnly: readOnly)
            }
            if fields[2] == "cgroup2", unified == nil,
               let controllers = read(point + "/cgroup.controllers"), controllers.split(whereSeparator: \.isWhitespace).contains("cpu") {
                unified = CgroupHost(version: .v2, root: point, readOnly: readOnly)
            }
        }
        return unified
    }

    /// This machine's, or nil when no hierarchy offers the cpu controller.
    public static var current: CgroupHost? {
        readFile("/proc/self/mounts").flatMap { detect(mounts: $0) }
    }

    public static func readFile(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    /// Why `cpu_quota` cannot be used here, in one line with how to get it; nil when it can. Checked
    /// before any cell runs; `host` is `current`, `effectiveUID` geteuid() (injected for tests).
    public static func quotaProblem(host: CgroupHost?, effectiveUID: uid_t = geteuid(),
                                    read: (String) -> String? = Self.readFile,
                                    writable: (String) -> Bool = { access($0, W_OK) == 0 }) -> String? {
        let remove = "or remove cpu_quota from the spec"
        guard effectiveUID == 0 else {
            return "cpu_quota needs root to create cgroups (running as uid \(effectiveUID)): run the sweep as root (sudo), \(remove)"
        }
        guard let host else {
            return "cpu_quota needs the cgroup cpu controller and no hierarchy here offers it (/proc/self/mounts): mount it (mount -t cgroup -o cpu,cpuacct none /sys/fs/cgroup/cpu, or cgroup2 with cpu enabled), \(remove)"
        }
        if host.readOnly || !writable(host.root) {
            return "cpu_quota needs a writable cgroup hierarchy and \(host.root) is read-only (a container without cgroup access): run it with a writable cgroup mount (docker run --privileged, or --cgroupns=private with rw), \(remove)"
        }
        if host.version == .v2 {
            let enabled = read(host.root + "/cgroup.subtree_control")?.split(whereSeparator: \.isWhitespace).contains("cpu") ?? false
            if !enabled && read(host.parent + "/cgroup.controllers")?.split(whereSeparator: \.isWhitespace).contains("cpu") != true {
                return "cpu_quota needs the cpu controller enabled for groups under \(host.root) and its cgroup.subtree_control lacks cpu: echo +cpu > \(host.root)/cgroup.subtree_control, \(remove)"
            }
        }
        return nil
    }
}
