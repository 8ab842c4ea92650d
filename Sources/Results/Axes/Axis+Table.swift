import Foundation

/// The table: every axis of the grid, once, in cell-id order. A new axis is one entry here (a table-only
/// one: with `values`, its spec vocabulary and environment applier) and, when it needs a results.csv
/// column, that column in the registry (`Metric.all` appends every table-only axis's column itself).
extension Axis {
    public static let all: [Axis] = [
        Axis(Metric.engineMode, .knob, usual: EngineMode.threads.rawValue, placeholder: nil,
             get: { $0.engineMode }, set: { $0.engineMode = $1 },
             id: { $0 }, label: { $0 == EngineMode.threads.rawValue ? nil : $0 }),
        Axis(Metric.engineThreads, .knob, usual: "1", blankable: false, placeholder: "engine threads of the cell",
             get: { String($0.engineThreads) }, set: { $0.engineThreads = Int($1) ?? 0 },
             read: { Int($0).map(String.init) }, id: { "-e\($0)" }, label: { "e\($0)" }),
        Axis(Metric.intraOpThreads, .knob, usual: "1", blankable: false,
             placeholder: "intra-op threads of the cell (budget resolved to a number; `default` when LibTorch's own choice is asked for: then OMP_NUM_THREADS is unset)",
             get: { IntraOpThreads.text($0.intraOpThreads) },
             set: { $0.intraOpThreads = IntraOpThreads.parse($1) ?? IntraOpThreads.libTorchDefault },
             read: { IntraOpThreads.parse($0).map(IntraOpThreads.text) }, id: { "-i\($0)" }, label: { "i\($0)" }),
        Axis(Metric.interOpThreads, .knob, usual: "1", placeholder: "inter-op threads of the cell",
             get: { String($0.interOpThreads) }, set: { $0.interOpThreads = Int($1) ?? 0 },
             read: { String(Int($0) ?? 1) }, id: { "-x\($0)" }, label: { $0 == "1" ? nil : "x\($0)" }),
        Axis(Metric.allocator, .knob, usual: AllocatorKind.glibc.rawValue, alsoBlanks: [Metric.mallocConf.column],
             placeholder: "the allocator setting's label (glibc, jemalloc, ...); arbench sets LD_PRELOAD and MALLOC_CONF itself",
             get: { $0.allocator }, set: { $0.allocator = $1 }, read: { $0 }, id: { "-\($0)" }, label: { _ in nil },
             wholeLabel: { $0.allocatorLabel }),
        Axis(Metric.mallocConf, .knob, usual: "", specKey: nil, placeholder: "MALLOC_CONF of the setting (empty: the allocator's defaults)",
             get: { $0.mallocConf }, set: { $0.mallocConf = $1 }, read: { $0 },
             id: { "-" + ($0.isEmpty ? "default" : String($0.map { $0.isLetter || $0.isNumber ? $0 : "_" })) }, label: { _ in nil }),
        Axis(Metric.ompWaitPolicy, .knob, usual: OMPWaitPolicy.default.rawValue,
             placeholder: "default, passive or active (arbench sets OMP_WAIT_POLICY itself unless default)",
             get: { $0.ompWaitPolicy }, set: { $0.ompWaitPolicy = $1 },
             id: { "-w\($0)" }, label: { $0 == OMPWaitPolicy.default.rawValue || $0 == blankText ? nil : "omp-\($0)" }),
        ompSpinCount,
        Axis(Metric.libtorch, .knob, usual: LibTorchRuntime.system.name,
             placeholder: "the LibTorch runtime axis value (system, pypi, a directory)",
             get: { $0.libtorch }, set: { $0.libtorch = $1 },
             id: { $0 == LibTorchRuntime.system.name ? "" : "-lt\(LibTorchRuntime(name: $0).label)" },
             label: { $0 == LibTorchRuntime.system.name ? nil : LibTorchRuntime(name: $0).label }),
        Axis(Metric.cpuQuota, .condition, usual: CPUQuota.noneName,
             placeholder: "the CPU quota in CPUs, or none (arbench puts the engine in its cgroup itself)",
             get: { $0.cpuQuota }, set: { $0.cpuQuota = $1 },
             number: { $0 == CPUQuota.noneName ? .infinity : CPUQuota.parse($0)?.cpus },
         id: { $0 == CPUQuota.noneName ? "" : "-q\(CPUQuota.parse($0)?.idLabel ?? $0)" },
             label: { $0 == CPUQuota.noneName || $0 == blankText ? nil : "quota \($0)" }),
        Axis(Metric.cpuset, .condition, usual: CPUSet.noneName,
             placeholder: "the CPU list, or none (arbench sets the affinity itself)",
             get: { $0.cpuset }, set: { $0.cpuset = $1 },
             id: { $0 == CPUSet.noneName ? "" : "-cpus\($0.replacingOccurrences(of: ",", with: "_"))" },
             label: { $0 == CPUSet.noneName || $0 == blankText ? nil : "cpus \($0)" }),
        Axis(Metric.scenario, .condition, usual: CellLoad.offline.text, placeholder: nil,
             get: { $0.load }, set: { $0.load = $1 }, rowValue: { CellLoad(row: $0)?.text },
             write: { CellLoad.parse($0)?.columns ?? [.scenario: $0] },
             id: { $0 == CellLoad.offline.text ? "" : "-\($0)" },
             label: { CellLoad.parse($0).flatMap { $0.isOffline ? nil : $0.label } }),
        Axis(Metric.engine, .subject, usual: CellEngine.builtInName, placeholder: nil,
             get: { $0.engine }, set: { $0.engine = $1 },
             id: { $0 == CellEngine.builtInName ? "" : "-eng-\($0)" },
             label: { $0 == CellEngine.builtInName || $0 == blankText ? nil : $0 }),
    ]

    /// libgomp's GOMP_SPINCOUNT (both runtimes' OpenMP: Debian's libgomp and the wheel's own copy) and, for
    /// Intel/LLVM OpenMP, KMP_BLOCKTIME: how long an idle intra-op worker spins before it sleeps, the post's
    /// spin-time finding as a knob. libgomp: unset spins 300,000 times (30 billion under OMP_WAIT_POLICY=active,
    /// 0 under passive) and only 1,000 when more OpenMP threads run than CPUs are available; KMP_BLOCKTIME
    /// counts milliseconds (default 200), so only `0` and `infinite` carry over to it.
    static let ompSpinCount = Axis(
        Metric("omp_spincount", .text, .neither, .axis, "OpenMP spin count",
               "GOMP_SPINCOUNT (and KMP_BLOCKTIME for 0 and infinite): default (unset), infinite, or spins before an idle OpenMP worker sleeps"),
        .knob, usual: "default",
        placeholder: "default, infinite or a spin count (arbench sets GOMP_SPINCOUNT and KMP_BLOCKTIME itself)",
        values: AxisValues(
            vocabulary: "default, infinite or a spin count of at least 0 (GOMP_SPINCOUNT)",
            parse: { text in
                let lower = text.lowercased()
                if lower == "default" || lower == "infinite" { return lower }
                return UInt64(text).map(String.init)
            },
            environment: { value in
                switch value {
                case "default": [:]
                case "infinite": ["GOMP_SPINCOUNT": "INFINITE", "KMP_BLOCKTIME": "infinite"]
                case "0": ["GOMP_SPINCOUNT": "0", "KMP_BLOCKTIME": "0"]
                default: ["GOMP_SPINCOUNT": value]
                }
            },
            controlledVariables: ["GOMP_SPINCOUNT", "KMP_BLOCKTIME"],
            precedes: { a, b in
                func rank(_ v: String) -> (Int, UInt64) { v == "default" ? (0, 0) : v == "infinite" ? (2, 0) : (1, UInt64(v) ?? 0) }
                return rank(a) < rank(b)
            }),
        id: { $0 == "default" ? "" : "-s\($0)" },
        label: { $0 == "default" || $0 == blankText ? nil : "spin \($0)" })

    /// The order of a short label's words: the engine, the thread counts, then settings and conditions.
    /// Axes not listed follow in table order.
    static let labelOrder = ["engine", "engine_threads", "intra_op_threads", "inter_op_threads", "allocator", "omp_wait_policy",
                             "omp_spincount", "engine_mode", "libtorch", "cpu_quota", "cpuset", "scenario"]

    /// The table in `labelOrder`.
    static let inLabelOrder: [Axis] = all.sorted {
        (labelOrder.firstIndex(of: $0.name) ?? labelOrder.count + all.firstIndex(of: $0)!)
            < (labelOrder.firstIndex(of: $1.name) ?? labelOrder.count + all.firstIndex(of: $1)!)
    }

    /// The column of every table-only axis, for the registry (`Metric.all` ends with them).
    static var tableOnlyColumns: [Metric] { tableOnly.map(\.column) }

    init(_ column: Metric, _ role: AxisRole, usual: String, blankable: Bool = true, alsoBlanks: [String] = [],
         specKey: String?? = .none, placeholder: String?, values: AxisValues? = nil,
         get: (@Sendable (CellAxes) -> String)? = nil, set: (@Sendable (inout CellAxes, String) -> Void)? = nil,
         read: (@Sendable (String) -> String?)? = nil, rowValue: (@Sendable (ResultRow) -> String?)? = nil,
         write: (@Sendable (String) -> [Metric: String])? = nil, number: (@Sendable (String) -> Double?)? = nil,
         id: @escaping @Sendable (String) -> String, label: @escaping @Sendable (String) -> String?,
         wholeLabel: (@Sendable (CellAxes) -> String?)? = nil) {
        let name = column.column
        self.name = name
        self.column = column
        self.role = role
        self.usual = usual
        self.blankable = blankable
        self.alsoBlanks = alsoBlanks
        self.placeholderMeaning = placeholder
        self.specKey = specKey ?? name
        self.values = values
        let get = get ?? { $0.extra[name] ?? usual }
        self.get = get
        self.set = set ?? { axes, value in axes.extra[name] = value == usual ? nil : value }
        // Rows written before the axis existed hold nothing: they ran at the usual value.
        self.read = rowValue ?? { row in
            let text = row[column]
            return read.map { $0(text) } ?? (text.isEmpty ? usual : text)
        }
        self.write = write ?? { [column: $0] }
        self.number = number ?? { Double($0) }
        self.idPart = { id(get($0)) }
        self.labelPart = wholeLabel ?? { label(get($0)) }
    }
}
