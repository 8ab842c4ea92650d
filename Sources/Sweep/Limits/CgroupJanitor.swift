import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Removes cell groups left by sweeps that were killed (SIGKILL leaves no chance to clean up): under the
/// host's `arbench` group only, only groups named the way arbench names them, only when the sweep that
/// made them no longer runs. Anything else there, and everything outside it, is left alone.
public enum CgroupJanitor {
    /// The leftovers removed, and those that could not be (with why), as full paths.
    public struct Outcome: Sendable, Equatable {
        public var removed: [String] = []
        public var failed: [String] = []
    }

    public static func removeLeftovers(host: CgroupHost) -> Outcome {
        var outcome = Outcome()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: host.parent) else { return outcome }
        for name in names.sorted() {
            guard let owner = CgroupOwner.of(groupName: name), !owner.isRunning else { continue }
            let group = CellCgroup(host: host, name: name)
            if let problem = group.remove() {
                outcome.failed.append(problem)
            } else {
                outcome.removed.append(group.path)
            }
        }
        return outcome
    }

    /// One line for the sweep's log, nil when there was nothing to remove.
    public static func report(_ outcome: Outcome) -> String? {
        var parts: [String] = []
        if !outcome.removed.isEmpty {
            parts.append("removed \(outcome.removed.count) cgroup(s) left by a killed arbench sweep: " + outcome.removed.joined(separator: ", "))
        }
        if !outcome.failed.isEmpty { parts.append("could not remove: " + outcome.failed.joined(separator: "; ")) }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
