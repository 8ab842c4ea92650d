/// A cell as results.csv records it: the values of its axis columns. `Cell` is the same setting typed
/// for launching (the allocator's library, the runtime to locate); `Cell.axes` gives these values and
/// `columns` writes them, `init?(row:)` reads them back, so a row written from a cell reads back equal
/// to `cell.axes`. What the gate matches cells of two runs on and what the charts group rows by. Text
/// rather than the typed values, so rows from another arbench version (an allocator this one does not
/// know) still read, and `compare --ignore-axis` can blank an axis with `*`; values rather than the
/// cell_id text, so a change in how ids are spelled does not unmatch them.
public struct CellAxes: Hashable, Sendable, Codable, Comparable {
    public var engineMode: String
    public var engineThreads: Int
    public var intraOpThreads: Int
    public var interOpThreads: Int
    public var allocator: String
    public var mallocConf: String
    public var ompWaitPolicy: String
    /// `system` for results written before runtimes existed.
    public var libtorch: String
    /// `none` for results written before CPU limits existed (CPUQuota.text, CPUSet.text).
    public var cpuQuota: String
    public var cpuset: String
    /// CellLoad.text; `offline` for results written before loads existed.
    public var load: String
    /// CellEngine.name; `arbench` for results written before external engines existed.
    public var engine: String

    /// Table-only axes (`Axis.tableOnly`) away from their usual value, by axis name.
    public var extra: [String: String]

    public init(engineMode: String = "threads", engineThreads: Int, intraOpThreads: Int, interOpThreads: Int = 1,
                allocator: String = "glibc", mallocConf: String = "", ompWaitPolicy: String = "default",
                libtorch: String = "system", cpuQuota: String = CPUQuota.noneName, cpuset: String = CPUSet.noneName,
                load: String = CellLoad.offline.text, engine: String = CellEngine.builtInName, extra: [String: String] = [:]) {
        self.engine = engine
        self.load = load
        self.libtorch = libtorch
        self.cpuQuota = cpuQuota
        self.cpuset = cpuset
        self.engineMode = engineMode
        self.engineThreads = engineThreads
        self.intraOpThreads = intraOpThreads
        self.interOpThreads = interOpThreads
        self.allocator = allocator
        self.mallocConf = mallocConf
        self.ompWaitPolicy = ompWaitPolicy
        self.extra = extra
    }

    /// Encoded with each typed axis under its Swift name (as documents always were) and each table-only axis
    /// under its axis name; documents written before an axis existed lack it: its usual value.
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
        init(_ name: String) { stringValue = name }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(engineMode: try c.decode(String.self, forKey: Key("engineMode")),
                  engineThreads: try c.decode(Int.self, forKey: Key("engineThreads")),
                  intraOpThreads: try Self.decodeIntraOp(c),
                  interOpThreads: try c.decode(Int.self, forKey: Key("interOpThreads")),
                  allocator: try c.decode(String.self, forKey: Key("allocator")),
                  mallocConf: try c.decode(String.self, forKey: Key("mallocConf")),
                  ompWaitPolicy: try c.decode(String.self, forKey: Key("ompWaitPolicy")),
                  libtorch: try c.decodeIfPresent(String.self, forKey: Key("libtorch")) ?? "system",
                  cpuQuota: try c.decodeIfPresent(String.self, forKey: Key("cpuQuota")) ?? CPUQuota.noneName,
                  cpuset: try c.decodeIfPresent(String.self, forKey: Key("cpuset")) ?? CPUSet.noneName,
                  load: try c.decodeIfPresent(String.self, forKey: Key("load")) ?? CellLoad.offline.text,
                  engine: try c.decodeIfPresent(String.self, forKey: Key("engine")) ?? CellEngine.builtInName)
        for axis in Axis.tableOnly {
            if let value = try c.decodeIfPresent(String.self, forKey: Key(axis.name)) { axis.set(&self, value) }
        }
    }

    /// A number (documents before names were written hold the sentinels too), or `default` / `budget`.
    static func decodeIntraOp(_ c: KeyedDecodingContainer<Key>) throws -> Int {
        if let count = try? c.decode(Int.self, forKey: Key("intraOpThreads")) { return count }
        let text = try c.decode(String.self, forKey: Key("intraOpThreads"))
        guard let value = IntraOpThreads.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: Key("intraOpThreads"), in: c, debugDescription: "\(text) is not an intra-op thread count")
        }
        return value
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(engineMode, forKey: Key("engineMode"))
        try c.encode(engineThreads, forKey: Key("engineThreads"))
        // A count as a number; LibTorch's default and the CPU budget by name, never as their sentinels (0, -1).
        if intraOpThreads >= 1 {
            try c.encode(intraOpThreads, forKey: Key("intraOpThreads"))
        } else {
            try c.encode(IntraOpThreads.text(intraOpThreads), forKey: Key("intraOpThreads"))
        }
        try c.encode(interOpThreads, forKey: Key("interOpThreads"))
        try c.encode(allocator, forKey: Key("allocator"))
        try c.encode(mallocConf, forKey: Key("mallocConf"))
        try c.encode(ompWaitPolicy, forKey: Key("ompWaitPolicy"))
        try c.encode(libtorch, forKey: Key("libtorch"))
        try c.encode(cpuQuota, forKey: Key("cpuQuota"))
        try c.encode(cpuset, forKey: Key("cpuset"))
        try c.encode(load, forKey: Key("load"))
        try c.encode(engine, forKey: Key("engine"))
        for axis in Axis.tableOnly { try c.encode(axis.get(self), forKey: Key(axis.name)) }
    }

    /// The axis columns of a results.csv row (every axis of the table).
    public var columns: [Metric: String] {
        var columns: [Metric: String] = [:]
        for axis in Axis.all { columns.merge(axis.write(axis.get(self))) { a, _ in a } }
        return columns
    }

    /// Nil when a thread-count column is not a number, or the load axes do not make a load (a damaged row).
    public init?(row: ResultRow) {
        self.init(engineThreads: 0, intraOpThreads: 0)
        for axis in Axis.all {
            guard let value = axis.read(row) else { return nil }
            axis.set(&self, value)
        }
    }

    /// The cell id these values spell (`Cell.id` of the cell they came from).
    public var id: String { Axis.all.map { $0.idPart(self) }.joined() }

    /// The same cell with other engine and intra-op thread counts: where its reference cell sits.
    public func with(engineThreads: Int, intraOpThreads: Int) -> CellAxes {
        var copy = self
        copy.engineThreads = engineThreads
        copy.intraOpThreads = intraOpThreads
        return copy
    }

    /// The axes an engine/intra-op comparison holds fixed (allocator, its tuning, wait policy, mode, inter-op).
    public var family: CellAxes { with(engineThreads: 0, intraOpThreads: 0) }

    /// The allocator as a person names it: `jemalloc`, or `jemalloc (oversize_threshold:0)`.
    public var allocatorLabel: String {
        mallocConf.isEmpty ? allocator : "\(allocator) (\(mallocConf))"
    }

    /// Short and readable, in the order the post talks about: `e4 i1 glibc`, plus the axes that
    /// are not at their usual values.
    public var label: String {
        Axis.inLabelOrder.compactMap { $0.labelPart(self) }.joined(separator: " ")
    }

    public static func < (a: CellAxes, b: CellAxes) -> Bool {
        // Tuples compare up to six elements: the family first, then the thread counts.
        if a.engine != b.engine { return CellEngine.precedes(a.engine, b.engine) }
        if a.libtorch != b.libtorch { return a.libtorch > b.libtorch }   // system before pypi
        // Limits next, none first, then by size (a quota as a number, not as text: 0.5 before 1.5 before 10).
        let limitsA = (CPUQuota.parse(a.cpuQuota) ?? .none, CPUSet.parse(a.cpuset) ?? .none)
        let limitsB = (CPUQuota.parse(b.cpuQuota) ?? .none, CPUSet.parse(b.cpuset) ?? .none)
        if limitsA != limitsB { return limitsA < limitsB }
        if (a.cpuQuota, a.cpuset) != (b.cpuQuota, b.cpuset) { return (a.cpuQuota, a.cpuset) < (b.cpuQuota, b.cpuset) }
        if a.load != b.load {
            if let loadA = CellLoad.parse(a.load), let loadB = CellLoad.parse(b.load), loadA != loadB { return loadA < loadB }
            return a.load < b.load
        }
        let familyA = (a.engineMode, a.allocator, a.mallocConf, a.ompWaitPolicy, a.interOpThreads)
        let familyB = (b.engineMode, b.allocator, b.mallocConf, b.ompWaitPolicy, b.interOpThreads)
        if familyA != familyB { return familyA < familyB }
        for axis in Axis.tableOnly {
            let (x, y) = (axis.get(a), axis.get(b))
            if x != y { return axis.values!.precedes(x, y) }
        }
        return (a.intraOpThreads, a.engineThreads) < (b.intraOpThreads, b.engineThreads)
    }
}
