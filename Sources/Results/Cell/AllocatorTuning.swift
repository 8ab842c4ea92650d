import Foundation

/// Which environment variables tune which allocator, and how each allocator says it rejected one.
/// Allocators read their tuning from the environment at their first malloc and, left alone, ignore
/// what they do not understand: a typo would measure the defaults under the tuned setting's name.
public enum AllocatorTuning {
    /// Every variable with these prefixes tunes some allocator (glibc's `MALLOC_*` mallopt names, jemalloc's
    /// `MALLOC_CONF`, gperftools' `TCMALLOC_*`, `MIMALLOC_*`): a cell gets only what its setting asks for,
    /// never a value left in the shell that started the sweep.
    public static let variablePrefixes = ["MALLOC_", "TCMALLOC_", "MIMALLOC_"]

    /// Set by the axis' own fields (`library`, `malloc_conf`, `malloc_arena_max`), so not in `env`.
    static let axisVariables = ["LD_PRELOAD", "MALLOC_CONF", "MALLOC_ARENA_MAX"]

    /// glibc's environment names for mallopt(3) parameters; each takes a non-negative integer (bytes or a
    /// count), and glibc silently ignores a value it cannot parse, so arbench checks the number itself.
    static let glibcVariables = ["MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_MMAP_MAX_", "MALLOC_TOP_PAD_",
                                 "MALLOC_ARENA_TEST", "MALLOC_PERTURB_"]

    /// Why `name=value` in a setting's `env` cannot tune `kind`; nil when it can.
    public static func problem(name: String, value: String, for kind: AllocatorKind) -> String? {
        if axisVariables.contains(name) {
            return "\(name) is set by the allocator's own field (library, malloc_conf, malloc_arena_max), not env"
        }
        switch kind {
        case .glibc:
            guard glibcVariables.contains(name) else {
                return "glibc reads none of \(name) (its malloc variables: \(glibcVariables.joined(separator: ", ")))"
            }
            guard let number = Int64(value), number >= 0 else {
                return "\(name) must be a non-negative integer (glibc ignores \"\(value)\" without a word)"
            }
            return nil
        case .jemalloc:
            return "jemalloc reads its tuning from malloc_conf only, not \(name)"
        case .tcmalloc:
            return name.hasPrefix("TCMALLOC_") ? nil : "tcmalloc reads TCMALLOC_* variables, not \(name)"
        case .mimalloc:
            return name.hasPrefix("MIMALLOC_") ? nil : "mimalloc reads MIMALLOC_* variables, not \(name)"
        }
    }

    /// What a cell sets beside its setting's own variables so a rejected value is printed, not ignored:
    /// mimalloc warns about a value it cannot parse only with MIMALLOC_SHOW_ERRORS=1 (jemalloc always warns).
    public static func reportingVariables(for setting: AllocatorSetting) -> [String: String] {
        setting.kind == .mimalloc && !setting.environment.isEmpty ? ["MIMALLOC_SHOW_ERRORS": "1"] : [:]
    }

    /// How the allocators announce a tuning they did not take, on stderr at start-up (measured: jemalloc 5.3
    /// `<jemalloc>: Invalid conf pair: bogus:1`, `<jemalloc>: Invalid conf value: dirty_decay_ms:abc`;
    /// mimalloc 2.0 `mimalloc: warning: environment option mimalloc_decommit_delay has an invalid value.`).
    static let rejectionMarkers = ["<jemalloc>: Invalid conf", "<jemalloc>: Malformed conf", "has an invalid value"]

    /// The first line of a child's output where its allocator rejected the tuning, or nil.
    public static func rejection(in lines: some Sequence<Substring>) -> String? {
        lines.first { line in rejectionMarkers.contains { line.contains($0) } }
            .map { String($0.trimmingCharacters(in: .whitespaces)) }
    }
}
