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

    public init(kind: AllocatorKind, libraryPath: String? = nil, mallocConf: String? = nil, mallocArenaMax: Int? = nil) {
        self.kind = kind
        self.libraryPath = libraryPath ?? kind.defaultLibraryPath
        self.mallocConf = mallocConf
        self.mallocArenaMax = mallocArenaMax
    }

    /// The `allocator` column and the allocator part of a cell id: `glibc`, `glibc-arena2`, `jemalloc`.
    public var label: String {
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

    enum CodingKeys: String, CodingKey {
        case kind = "name"
        case libraryPath = "library"
        case mallocConf = "malloc_conf"
        case mallocArenaMax = "malloc_arena_max"
    }
}
