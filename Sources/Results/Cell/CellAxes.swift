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

    public init(engineMode: String = "threads", engineThreads: Int, intraOpThreads: Int, interOpThreads: Int = 1,
                allocator: String = "glibc", mallocConf: String = "", ompWaitPolicy: String = "default",
                libtorch: String = "system", cpuQuota: String = CPUQuota.noneName, cpuset: String = CPUSet.noneName,
                load: String = CellLoad.offline.text, engine: String = CellEngine.builtInName) {
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
    }

    enum CodingKeys: String, CodingKey {
        case engineMode, engineThreads, intraOpThreads, interOpThreads, allocator, mallocConf, ompWaitPolicy, libtorch
        case cpuQuota, cpuset, load, engine
    }

    /// Documents written before runtimes existed have no `libtorch`: they ran on `system`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(engineMode: try c.decode(String.self, forKey: .engineMode),
                  engineThreads: try c.decode(Int.self, forKey: .engineThreads),
                  intraOpThreads: try c.decode(Int.self, forKey: .intraOpThreads),
                  interOpThreads: try c.decode(Int.self, forKey: .interOpThreads),
                  allocator: try c.decode(String.self, forKey: .allocator),
                  mallocConf: try c.decode(String.self, forKey: .mallocConf),
                  ompWaitPolicy: try c.decode(String.self, forKey: .ompWaitPolicy),
                  libtorch: try c.decodeIfPresent(String.self, forKey: .libtorch) ?? "system",
                  cpuQuota: try c.decodeIfPresent(String.self, forKey: .cpuQuota) ?? CPUQuota.noneName,
                  cpuset: try c.decodeIfPresent(String.self, forKey: .cpuset) ?? CPUSet.noneName,
                  load: try c.decodeIfPresent(String.self, forKey: .load) ?? CellLoad.offline.text,
                  engine: try c.decodeIfPresent(String.self, forKey: .engine) ?? CellEngine.builtInName)
    }

    /// The axis columns of a results.csv row.
    public var columns: [Metric: String] {
        let axes: [Metric: String] = [
            .engineMode: engineMode, .engineThreads: String(engineThreads), .intraOpThreads: IntraOpThreads.text(intraOpThreads),
            .interOpThreads: String(interOpThreads), .allocator: allocator, .mallocConf: mallocConf, .ompWaitPolicy: ompWaitPolicy,
            .libtorch: libtorch, .cpuQuota: cpuQuota, .cpuset: cpuset, .engine: engine]
        // A blanked load (`*`, compare --ignore-axis) has no parameters to spread.
        return axes.merging(CellLoad.parse(load)?.columns ?? [.scenario: load]) { a, _ in a }
    }

    /// Nil when a thread-count column is not a number, or the load axes do not make a load (a damaged row).
    public init?(row: ResultRow) {
        guard let engine = Int(row[.engineThreads]), let intra = IntraOpThreads.parse(row[.intraOpThreads]),
              let load = CellLoad(row: row) else { return nil }
        self.init(engineMode: row[.engineMode].isEmpty ? "threads" : row[.engineMode],
                  engineThreads: engine, intraOpThreads: intra, interOpThreads: Int(row[.interOpThreads]) ?? 1,
                  allocator: row[.allocator], mallocConf: row[.mallocConf],
                  ompWaitPolicy: row[.ompWaitPolicy].isEmpty ? "default" : row[.ompWaitPolicy],
                  libtorch: row[.libtorch].isEmpty ? "system" : row[.libtorch],
                  cpuQuota: row[.cpuQuota].isEmpty ? CPUQuota.noneName : row[.cpuQuota],
                  cpuset: row[.cpuset].isEmpty ? CPUSet.noneName : row[.cpuset], load: load.text,
                  engine: row[.engine].isEmpty ? CellEngine.builtInName : row[.engine])
    }

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
        var parts = engine == CellEngine.builtInName || engine == "*" ? [] : [engine]
        parts += ["e\(engineThreads)", "i\(IntraOpThreads.text(intraOpThreads))"]
        if interOpThreads != 1 { parts.append("x\(interOpThreads)") }
        parts.append(allocatorLabel)
        if ompWaitPolicy != "default" && ompWaitPolicy != "*" { parts.append("omp-\(ompWaitPolicy)") }
        if engineMode != "threads" { parts.append(engineMode) }
        if libtorch != "system" { parts.append(LibTorchRuntime(name: libtorch).label) }
        if cpuQuota != CPUQuota.noneName && cpuQuota != "*" { parts.append("quota \(cpuQuota)") }
        if cpuset != CPUSet.noneName && cpuset != "*" { parts.append("cpus \(cpuset)") }
        if let parsed = CellLoad.parse(load), !parsed.isOffline { parts.append(parsed.label) }
        return parts.joined(separator: " ")
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
        return (a.intraOpThreads, a.engineThreads) < (b.intraOpThreads, b.engineThreads)
    }
}
