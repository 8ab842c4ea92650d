import Foundation

/// One value of the allocator axis: an allocator plus the tuning it runs with. Each `malloc_conf`
/// or `malloc_arena_max` listed in the spec becomes its own setting, so it gets its own cells.
public struct AllocatorSetting: Sendable, Hashable, Codable {
    public var kind: AllocatorKind
    /// LD_PRELOAD target; nil for glibc.
    public var libraryPath: String?
    /// jemalloc's MALLOC_CONF; nil means jemalloc's built-in defaults.
    public var mallocConf: String?
    /// glibc's MALLOC_ARENA_MAX; nil means glibc's default (8 arenas per core).
    public var mallocArenaMax: Int?
    /// The allocator's other tuning variables (glibc `MALLOC_TRIM_THRESHOLD_`, `TCMALLOC_*`, `MIMALLOC_*`),
    /// set in the cell's environment as given; see `AllocatorTuning` for which family reads which.
    public var environment: [String: String]
    /// The name the spec gave this setting (`glibc-trim`): the `allocator` column and the cell id's
    /// allocator part. Nil: derived (`glibc`, `glibc-arena2`, `jemalloc`).
    public var name: String?

    public init(kind: AllocatorKind, libraryPath: String? = nil, mallocConf: String? = nil, mallocArenaMax: Int? = nil,
                environment: [String: String] = [:], name: String? = nil) {
        self.kind = kind
        self.libraryPath = libraryPath ?? kind.defaultLibraryPath
        self.mallocConf = mallocConf
        self.mallocArenaMax = mallocArenaMax
        self.environment = environment
        self.name = name
    }

    /// The `allocator` column and the allocator part of a cell id: `glibc`, `glibc-arena2`, `jemalloc`,
    /// or the name the spec gave.
    public var label: String {
        if let name { return name }
        if let arenas = mallocArenaMax { return "\(kind.rawValue)-arena\(arenas)" }
        return kind.rawValue
    }

    /// The tuning part of a cell id: `default`, or MALLOC_CONF made safe for file names
    /// (`oversize_threshold:0` -> `oversize_threshold_0`).
    public var confLabel: String {
        guard let conf = mallocConf, !conf.isEmpty else { return "default" }
        let safe = conf.map { $0.isLetter || $0.isNumber ? $0 : "_" }
        return String(safe)
    }

    /// `environment` as the `allocator_env` column writes it: `NAME=value` pairs by name, space-separated.
    public var environmentText: String {
        environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    /// The Debian package that installs this setting's library (named in "not installed" errors).
    public var debianPackage: String {
        AllocatorSetting.builtIn.first { $0.kind == kind && $0.libraryPath == libraryPath && $0.package != nil }?.package
            ?? kind.debianPackage
    }

    enum CodingKeys: String, CodingKey {
        case kind = "name"
        case libraryPath = "library"
        case mallocConf = "malloc_conf"
        case mallocArenaMax = "malloc_arena_max"
        case environment = "env"
        case name = "label"
    }

    /// Specs recorded before `env` and `label` existed have neither.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(AllocatorKind.self, forKey: .kind)
        libraryPath = try c.decodeIfPresent(String.self, forKey: .libraryPath)
        mallocConf = try c.decodeIfPresent(String.self, forKey: .mallocConf)
        mallocArenaMax = try c.decodeIfPresent(Int.self, forKey: .mallocArenaMax)
        environment = try c.decodeIfPresent([String: String].self, forKey: .environment) ?? [:]
        name = try c.decodeIfPresent(String.self, forKey: .name)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(libraryPath, forKey: .libraryPath)
        try c.encodeIfPresent(mallocConf, forKey: .mallocConf)
        try c.encodeIfPresent(mallocArenaMax, forKey: .mallocArenaMax)
        if !environment.isEmpty { try c.encode(environment, forKey: .environment) }
        try c.encodeIfPresent(name, forKey: .name)
    }
}

extension AllocatorSetting {
    /// A name arbench knows without a mapping, and the package its library comes from.
    struct BuiltIn {
        var name: String
        var kind: AllocatorKind
        var libraryPath: String?
        var package: String?
    }

    /// Full gperftools tcmalloc (with the heap profiler hooks) beside the minimal one `tcmalloc` preloads.
    static let builtIn: [BuiltIn] = AllocatorKind.allCases.map {
        BuiltIn(name: $0.rawValue, kind: $0, libraryPath: $0.defaultLibraryPath, package: $0.debianPackage)
    } + [BuiltIn(name: "tcmalloc-full", kind: .tcmalloc, libraryPath: "/usr/lib/x86_64-linux-gnu/libtcmalloc.so.4",
                 package: "libgoogle-perftools4")]

    /// Every setting `named` knows, in the order `knownNames` lists them (`arbench info` shows which are installed).
    public static var builtInSettings: [AllocatorSetting] { builtIn.compactMap { named($0.name) } }

    /// Whether its library is on this machine (glibc always is).
    public var isInstalled: Bool { libraryPath.map { FileManager.default.fileExists(atPath: $0) } ?? true }

    /// What a spec or `run --allocator` may name without a mapping.
    public static let knownNames = builtIn.map(\.name).joined(separator: ", ") + ", glibc-arenaN (MALLOC_ARENA_MAX=N)"

    /// `jemalloc` -> jemalloc; `glibc-arena2` -> glibc with MALLOC_ARENA_MAX=2; `tcmalloc-full` -> gperftools'
    /// full libtcmalloc. Nil for a name arbench does not know.
    public static func named(_ text: String) -> AllocatorSetting? {
        let lower = text.lowercased()
        if let known = builtIn.first(where: { $0.name == lower }) {
            return AllocatorSetting(kind: known.kind, libraryPath: known.libraryPath,
                                    name: known.name == known.kind.rawValue ? nil : known.name)
        }
        let prefix = "glibc-arena"
        if lower.hasPrefix(prefix), let arenas = Int(lower.dropFirst(prefix.count)), arenas >= 1 {
            return AllocatorSetting(kind: .glibc, mallocArenaMax: arenas)
        }
        return nil
    }
}
