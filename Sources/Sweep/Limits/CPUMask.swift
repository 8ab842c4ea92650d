import Results

/// A CPU set as the kernel's affinity mask: the bytes of a cpu_set_t (bit N of byte N/8 is CPU N, the
/// little-endian layout of its unsigned longs on x86_64 and arm64), for sched_setaffinity.
enum CPUMask {
    /// glibc's cpu_set_t: 1024 CPUs.
    static let bytes = 128

    static func bytes(of set: CPUSet) -> [UInt8]? {
        guard let cpus = set.cpus else { return nil }
        var mask = [UInt8](repeating: 0, count: max(bytes, (cpus.max() ?? 0) / 8 + 1))
        for cpu in cpus { mask[cpu / 8] |= UInt8(1) << UInt8(cpu % 8) }
        return mask
    }
}
