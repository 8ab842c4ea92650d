import Yams
import Results

extension SpecReader {
    /// The allocator axis. Each item is a name (`glibc`, `jemalloc`, `tcmalloc`, `mimalloc`,
    /// `glibc-arena2`) or a mapping `{name, library, malloc_conf, malloc_arena_max}`; every
    /// `malloc_conf` and `malloc_arena_max` value listed becomes its own axis value.
    func allocators(_ node: Node, field: String, context: SpecValidationContext) -> [AllocatorSetting]? {
        var settings: [AllocatorSetting] = []
        var ok = true
        for (item, path) in items(node, field: field) {
            guard let expanded = allocatorItem(item, field: path, context: context) else {
                ok = false
                continue
            }
            for setting in expanded {
                if settings.contains(where: { $0.label == setting.label && $0.confLabel == setting.confLabel }) {
                    report(item, path, "\(setting.label) with malloc_conf \(setting.mallocConf ?? "default") is listed twice")
                    ok = false
                } else {
                    settings.append(setting)
                }
            }
        }
        return ok && !settings.isEmpty ? settings : nil
    }

    private func allocatorItem(_ node: Node, field: String, context: SpecValidationContext) -> [AllocatorSetting]? {
        if let name = node.scalar?.string {
            guard let setting = Self.namedAllocator(name) else {
                report(node, field, "unknown allocator \"\(name)\" (known: \(Self.knownAllocatorNames))")
                return nil
            }
            return checkLibrary(setting, node: node, field: field, context: context) ? [setting] : nil
        }
        guard let entries = mapping(node, field: field, allowed: ["name", "library", "malloc_conf", "malloc_arena_max"]) else {
            return nil
        }
        guard let nameNode = entries["name"] else {
            report(node, field, "an allocator mapping needs `name`")
            return nil
        }
        guard let name = string(nameNode, field: "\(field).name"), let base = Self.namedAllocator(name) else {
            report(nameNode, "\(field).name", "unknown allocator \(describe(nameNode)) (known: \(Self.knownAllocatorNames))")
            return nil
        }
        var ok = true
        var library = base.libraryPath
        if let libraryNode = entries["library"] {
            if base.kind == .glibc {
                report(libraryNode, "\(field).library", "glibc is not preloaded; it takes no library")
                ok = false
            } else {
                library = string(libraryNode, field: "\(field).library")
            }
        }
        var confs: [String?] = [nil]
        if let confNode = entries["malloc_conf"] {
            if base.kind != .jemalloc {
                report(confNode, "\(field).malloc_conf", "only jemalloc reads MALLOC_CONF")
                ok = false
            } else {
                confs = items(confNode, field: "\(field).malloc_conf").map { item, path in
                    let text = string(item, field: path) ?? ""
                    return text.isEmpty || text == "default" ? nil : text
                }
            }
        }
        var arenas: [Int?] = [base.mallocArenaMax]
        if let arenaNode = entries["malloc_arena_max"] {
            if base.kind != .glibc {
                report(arenaNode, "\(field).malloc_arena_max", "only glibc reads MALLOC_ARENA_MAX")
                ok = false
            } else {
                arenas = items(arenaNode, field: "\(field).malloc_arena_max").map { item, path in
                    if item.scalar?.string == "default" { return nil }
                    return integer(item, field: path, minimum: 1)
                }
            }
        }
        guard ok else { return nil }
        var settings: [AllocatorSetting] = []
        for conf in confs {
            for arenaMax in arenas {
                settings.append(AllocatorSetting(kind: base.kind, libraryPath: library, mallocConf: conf, mallocArenaMax: arenaMax))
            }
        }
        guard let first = settings.first, checkLibrary(first, node: node, field: field, context: context) else { return nil }
        return settings
    }

    /// A preloaded allocator must be installed, or every one of its cells would silently run on glibc.
    private func checkLibrary(_ setting: AllocatorSetting, node: Node, field: String, context: SpecValidationContext) -> Bool {
        guard let library = setting.libraryPath else { return true }
        if context.fileExists(library) { return true }
        report(node, field, "\(setting.kind.rawValue) library \(library) is not installed (apt-get install \(setting.kind.debianPackage))")
        return false
    }

    static let knownAllocatorNames = "glibc, glibc-arenaN (MALLOC_ARENA_MAX=N), jemalloc, tcmalloc, mimalloc"

    /// `jemalloc` -> jemalloc; `glibc-arena2` -> glibc with MALLOC_ARENA_MAX=2.
    static func namedAllocator(_ name: String) -> AllocatorSetting? {
        let lower = name.lowercased()
        if let kind = AllocatorKind(rawValue: lower) { return AllocatorSetting(kind: kind) }
        let prefix = "glibc-arena"
        if lower.hasPrefix(prefix), let arenas = Int(lower.dropFirst(prefix.count)), arenas >= 1 {
            return AllocatorSetting(kind: .glibc, mallocArenaMax: arenas)
        }
        return nil
    }
}
