#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Results

/// What the sampler saw of one process of an external engine's tree from its /proc: the allocators and
/// the libtorch_cpu.so mapped into it, and the CPUs and cgroup it ran in. arbench's own engine reports
/// these itself; an external engine cannot, so they are read from outside, at every scan of the tree
/// (each second for the first ten, then every ten: ProcessTree), the latest reading kept (after an exec
/// the maps are the new program's).
public struct ObservedProcess: Sendable, Equatable {
    public var pid: Int32
    /// /proc/PID/comm: the program's name, for messages.
    public var name: String
    public var allocators: Set<AllocatorKind>
    /// The libtorch_cpu.so mapped, if any.
    public var torchLibrary: String?
    public var view: CPUView

    public init(pid: Int32, name: String, allocators: Set<AllocatorKind>, torchLibrary: String?, view: CPUView) {
        self.pid = pid
        self.name = name
        self.allocators = allocators
        self.torchLibrary = torchLibrary
        self.view = view
    }

    /// nil when the process is gone (or its maps are unreadable: a zombie's are empty).
    static func read(pid: pid_t) -> ObservedProcess? {
        let files = MappedLibraries.of(pid: pid)
        guard !files.isEmpty else { return nil }
        let name = ProcFile.bytes("/proc/\(pid)/comm").map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "?"
        return ObservedProcess(pid: pid, name: name, allocators: AllocatorKind.mapped(in: files),
                               torchLibrary: MappedLibraries.torchLibrary(in: files), view: CPUView.of(pid: pid))
    }
}
