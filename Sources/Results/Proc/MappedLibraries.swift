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
