import Foundation

/// The malloc implementations a cell can run on. Everything but glibc is brought in with LD_PRELOAD,
/// so the child (and LibTorch inside it) allocates through it from its first malloc.
public enum AllocatorKind: String, Sendable, CaseIterable, Codable {
    case glibc, jemalloc, tcmalloc, mimalloc

    /// Debian's shared library for LD_PRELOAD; nil for glibc, which is already there.
    public var defaultLibraryPath: String? {
        switch self {
        case .glibc: nil
        case .jemalloc: "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"
        case .tcmalloc: "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4"
        case .mimalloc: "/usr/lib/x86_64-linux-gnu/libmimalloc.so.2"
        }
    }

    /// The Debian package that installs the library: named in errors and asked for its version.
    public var debianPackage: String {
        switch self {
        case .glibc: "libc6"
        case .jemalloc: "libjemalloc2"
        case .tcmalloc: "libtcmalloc-minimal4"
        case .mimalloc: "libmimalloc2.0"
        }
    }

    /// The file-name start of its library in /proc/PID/maps (tcmalloc-full's libtcmalloc.so too); nil for glibc.
    public var mappedLibraryPrefix: String? {
        switch self {
        case .glibc: nil
        case .jemalloc: "libjemalloc"
        case .tcmalloc: "libtcmalloc"
        case .mimalloc: "libmimalloc"
        }
    }

    /// The allocators whose libraries are among `files` (paths from /proc/PID/maps).
    public static func mapped(in files: [String]) -> Set<AllocatorKind> {
        var found: Set<AllocatorKind> = []
        for file in files {
            let name = MappedLibraries.fileName(file)
            for kind in allCases where kind.mappedLibraryPrefix.map(name.hasPrefix) == true { found.insert(kind) }
        }
        return found
    }

    /// What the child's own probe (`allocator.name` in its report) says when this allocator is active.
    public var reportedName: String { rawValue }
}
