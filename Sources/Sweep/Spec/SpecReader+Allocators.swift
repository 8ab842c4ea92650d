import Yams
import Results

extension SpecReader {
    /// The allocator axis. Each item is a name (`glibc`, `jemalloc`, `tcmalloc`, `tcmalloc-full`, `mimalloc`,
    /// `glibc-arena2`) or a mapping `{name, library, malloc_conf, malloc_arena_max, env, label}`; every
    /// `malloc_conf` and `malloc_arena_max` value listed becomes its own axis value. `env` sets the
    /// allocator's other tuning variables and needs a `label` naming the setting in cell ids and charts.
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
            guard let setting = AllocatorSetting.named(name) else {
                report(node, field, "unknown allocator \"\(name)\" (known: \(AllocatorSetting.knownNames))")
                return nil
            }
            return checkLibrary(setting, node: node, field: field, context: context) ? [setting] : nil
        }
        guard let entries = mapping(node, field: field, allowed: ["name", "library", "malloc_conf", "malloc_arena_max", "env", "label"]) else {
            return nil
        }
        guard let nameNode = entries["name"] else {
            report(node, field, "an allocator mapping needs `name`")
            return nil
        }
        guard let name = string(nameNode, field: "\(field).name"), let base = AllocatorSetting.named(name) else {
            report(nameNode, "\(field).name", "unknown allocator \(describe(nameNode)) (known: \(AllocatorSetting.knownNames))")
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
        let environment = entries["env"].flatMap { tuning($0, field: "\(field).env", kind: base.kind) }
        if entries["env"] != nil && environment == nil { ok = false }
        var label = base.name
        if let labelNode = entries["label"] {
            label = settingLabel(labelNode, field: "\(field).label")
            if label == nil { ok = false }
            if arenas.count > 1 {
                report(labelNode, "\(field).label", "one label cannot name \(arenas.count) malloc_arena_max values; give each its own item")
                ok = false
            }
        } else if let envNode = entries["env"] {
            report(envNode, "\(field).env", "a setting with env needs a label naming it (the allocator column and cell ids), e.g. label: \(base.label)-tuned")
            ok = false
        }
        guard ok else { return nil }
        var settings: [AllocatorSetting] = []
        for conf in confs {
            for arenaMax in arenas {
                settings.append(AllocatorSetting(kind: base.kind, libraryPath: library, mallocConf: conf, mallocArenaMax: arenaMax,
                                                 environment: environment ?? [:], name: label))
            }
        }
        guard let first = settings.first, checkLibrary(first, node: node, field: field, context: context) else { return nil }
        return settings
    }

    /// A preloaded allocator must be installed, or every one of its cells would silently run on glibc.
    private func checkLibrary(_ setting: AllocatorSetting, node: Node, field: String, context: SpecValidationContext) -> Bool {
        guard let library = setting.libraryPath else { return true }
        if context.fileExists(library) { return true }
        report(node, field, "\(setting.kind.rawValue) library \(library) is not installed (apt-get install \(setting.debianPackage))")
        return false
    }

    /// `env: {NAME: value, ...}`: each variable one the allocator reads (`AllocatorTuning`).
    private func tuning(_ node: Node, field: String, kind: AllocatorKind) -> [String: String]? {
        guard let pairs = node.mapping else {
            report(node, field, "expected a mapping of variable: value")
            return nil
        }
        var environment: [String: String] = [:]
        var ok = true
        for (keyNode, valueNode) in pairs {
            let name = keyNode.string ?? "\(keyNode)"
            let path = "\(field).\(name)"
            guard let value = string(valueNode, field: path) else {
                ok = false
                continue
            }
            if environment[name] != nil {
                report(keyNode, path, "given twice")
                ok = false
            } else if let problem = AllocatorTuning.problem(name: name, value: value, for: kind) {
                report(keyNode, path, problem)
                ok = false
            } else {
                environment[name] = value
            }
        }
        if pairs.count == 0 {
            report(node, field, "is empty; leave env out for the allocator's defaults")
            ok = false
        }
        return ok ? environment : nil
    }

    /// A setting's name goes into cell ids and so file names: letters, digits, `-`, `_`, `.` only.
    private func settingLabel(_ node: Node, field: String) -> String? {
        guard let text = string(node, field: field) else { return nil }
        let allowed = text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        guard !text.isEmpty, allowed else {
            report(node, field, "\(describe(node)) must be letters, digits, '-', '_' or '.' (it names files)")
            return nil
        }
        return text
    }
}
