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

    /// What the child's own probe (`allocator.name` in its report) says when this allocator is active.
    public var reportedName: String { rawValue }
}
