import Foundation

/// The distinct files mapped into a process, from /proc/PID/maps (the sweep reads its children's,
/// a run its own).
public enum MappedLibraries {
    public static func current() -> [String] { of(pid: nil) }

    public static func of(pid: Int32?) -> [String] {
        let path = pid.map { "/proc/\($0)/maps" } ?? "/proc/self/maps"
        // Read to the end: /proc files report size 0, and a size-based read can stop at the first page.
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        guard let data = try? handle.readToEnd() else { return [] }
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// The file name of a mapped path (what the library checks look at).
    public static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The libtorch_cpu.so among `files`: which LibTorch runtime a process runs on.
    public static func torchLibrary(in files: [String]) -> String? {
        files.first { fileName($0).hasPrefix("libtorch_cpu.so") }
    }

    /// The path column of each line (the sixth field, which may contain spaces), first occurrence order.
    public static func parse(_ maps: String) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for line in maps.split(separator: "\n") {
            guard let slash = line.firstIndex(of: "/") else { continue }
            let file = String(line[slash...])
            if file.hasSuffix(" (deleted)") { continue }
            if seen.insert(file).inserted { out.append(file) }
        }
        return out
    }
}
