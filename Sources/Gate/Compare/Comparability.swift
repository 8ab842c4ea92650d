import Foundation
import Results

/// Can two runs be compared, and how? Decided from their meta.json fingerprints and the work their
/// cells did. CI machines "of one kind" share the image (core count, OS, LibTorch build, BLAS,
/// allocator packages) but not the CPU model or the neighbours' load: between those only the shape
/// of the results (normalised metrics) and memory are gated.
public struct Comparability: Sendable, Codable {
    public enum Level: String, Sendable, Codable {
        /// Same CPU model, cores and software: absolute and normalised figures are gated.
        case sameMachine = "same-machine"
        /// Same cores and software, another CPU model or memory size: normalised speed and absolute memory.
        case sameKind = "same-kind"
        /// Another core count, LibTorch build, BLAS or allocator version, or no fingerprint: exit 3.
        case different
    }

    /// One field that differs between the runs.
    public struct Difference: Sendable, Codable, Equatable {
        public var field: String
        public var baseline: String
        public var current: String
        /// True when the difference alone makes the runs "different" (not just another machine of the kind).
        public var breaksKind: Bool

        enum CodingKeys: String, CodingKey {
            case field, baseline, current
            case breaksKind = "breaks_kind"
        }
    }

    public var level: Level
    public var differences: [Difference]
    /// Why the runs are not comparable at all, whatever the flags (they did different work).
    public var workloadProblems: [String]
    /// Where the engine's answers differ: another model, or other tags from a matching cell. Outputs are
    /// not noise; any of these is its own verdict.
    public var outputChanges: [String]

    enum CodingKeys: String, CodingKey {
        case level, differences
        case workloadProblems = "workload_problems"
        case outputChanges = "output_changes"
    }

    public init(level: Level, differences: [Difference] = [], workloadProblems: [String] = [], outputChanges: [String] = []) {
        self.level = level
        self.differences = differences
        self.workloadProblems = workloadProblems
        self.outputChanges = outputChanges
    }

    public static func assess(baseline: RunResults, current: RunResults) -> Comparability {
        var differences: [Difference] = []
        func compare(_ field: String, _ a: String?, _ b: String?, breaksKind: Bool) {
            let left = a ?? "unknown", right = b ?? "unknown"
            if left != right { differences.append(Difference(field: field, baseline: left, current: right, breaksKind: breaksKind)) }
        }
        let bm = baseline.meta?.machine, cm = current.meta?.machine
        if bm == nil || cm == nil {
            differences.append(Difference(field: "machine", baseline: bm == nil ? "no meta.json fingerprint" : "recorded",
                                          current: cm == nil ? "no meta.json fingerprint" : "recorded", breaksKind: true))
        }
        if let bm, let cm {
            compare("cpu_model", bm.cpuModel, cm.cpuModel, breaksKind: false)
            compare("logical_cores", String(bm.logicalCores), String(cm.logicalCores), breaksKind: true)
            compare("usable_cores", String(bm.usableCores), String(cm.usableCores), breaksKind: true)
            compare("cgroup_cpu_limit", bm.cgroupCPULimit, cm.cgroupCPULimit, breaksKind: true)
            compare("os", bm.os, cm.os, breaksKind: true)
            compare("kernel", bm.kernel, cm.kernel, breaksKind: false)
            // Memory size only matters to the gate when it is clearly another size (not a few MiB reserved).
            let ratio = Double(max(bm.memoryBytes, cm.memoryBytes)) / Double(max(1, min(bm.memoryBytes, cm.memoryBytes)))
            if ratio > 1.05 {
                compare("memory_bytes", String(bm.memoryBytes), String(cm.memoryBytes), breaksKind: false)
            }
        }
        let bs = baseline.meta?.software, cs = current.meta?.software
        // Which LibTorch builds the cells ran on; runs from before runtimes existed ran on `system`.
        compare(Metric.libtorch.column, bs.map(Self.runtimes), cs.map(Self.runtimes), breaksKind: true)
        compare(Metric.torchVersion.column, bs?.torchVersion, cs?.torchVersion, breaksKind: true)
        compare("torch_parallel_backend", bs.map { Self.parallelBackend($0.torchParallelInfo) },
                cs.map { Self.parallelBackend($0.torchParallelInfo) }, breaksKind: true)
        compare("blas", bs?.blas.joined(separator: "; "), cs?.blas.joined(separator: "; "), breaksKind: true)
        for package in Set((bs?.packages ?? [:]).keys).union((cs?.packages ?? [:]).keys).sorted() {
            compare("package \(package)", bs?.packages[package], cs?.packages[package], breaksKind: true)
        }

        let level: Level
        if differences.contains(where: \.breaksKind) {
            level = .different
        } else if differences.isEmpty || differences.allSatisfy({ $0.field == "kernel" }) {
            // A kernel update on the same machine does not move these figures beyond noise.
            level = .sameMachine
        } else {
            level = .sameKind
        }
        return Comparability(level: level, differences: differences,
                             workloadProblems: workloadProblems(baseline: baseline, current: current),
                             outputChanges: outputChanges(baseline: baseline, current: current))
    }

    /// The model (meta.json's model_digest, when both runs recorded one) and each matching cell's output
    /// digest (the one most of its ok runs produced). Runs from before digests were recorded lack the
    /// model's: then the cells' outputs alone decide.
    static func outputChanges(baseline: RunResults, current: RunResults) -> [String] {
        var changes: [String] = []
        if let a = baseline.meta?.inputs?.modelDigest, let b = current.meta?.inputs?.modelDigest, !a.isEmpty, !b.isEmpty, a != b {
            changes.append("another model: \(Metric.modelDigest.column) \(a) in the baseline, \(b) now")
        }
        var cells: [String] = []
        for cell in current.cells {
            guard let base = baseline.cell(cell.axes), let a = commonDigest(base), let b = commonDigest(cell), a != b else { continue }
            cells.append("\(cell.axes.label): \(Metric.outputDigest.column) \(a) in the baseline, \(b) now")
        }
        changes += cells.prefix(3)
        if cells.count > 3 { changes.append("and \(cells.count - 3) more cells") }
        return changes
    }

    /// The output digest most of a cell's ok runs produced; nil when none has one.
    static func commonDigest(_ cell: CellRuns) -> String? {
        let digests = cell.okRows.map { $0[.outputDigest] }.filter { !$0.isEmpty }
        return Dictionary(grouping: digests, by: { $0 }).max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?.key
    }

    /// `system`, or `pypi 2.15.0 + system 1.13.0`: each runtime with its LibTorch version.
    static func runtimes(_ software: SoftwareVersions) -> String {
        guard let runtimes = software.runtimes, !runtimes.isEmpty else { return "system" }
        return runtimes.map { $0.runtime == "system" ? "system" : "\($0.runtime) \($0.version)" }.joined(separator: " + ")
    }

    /// The lines of `at::get_parallel_info()` that describe the build (backend, library versions),
    /// not the lines that echo thread counts and environment variables of whichever cell reported it.
    static func parallelBackend(_ info: String) -> String {
        let kept = info.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { line in
            let lower = line.lowercased()
            return lower.hasPrefix("aten parallel backend") || lower.hasPrefix("aten/parallel")
                || lower.contains("version") || lower.hasPrefix("mkl") || lower.contains("mkl-dnn") || lower.hasPrefix("openmp")
        }
        return kept.isEmpty ? info.trimmingCharacters(in: .whitespacesAndNewlines) : kept.joined(separator: " | ")
    }

    /// Matching cells must have processed the same audio: otherwise every figure compares different work.
    static func workloadProblems(baseline: RunResults, current: RunResults) -> [String] {
        var problems: [String] = []
        for cell in current.cells {
            guard let base = baseline.cell(cell.axes) else { continue }
            for column in [Metric.audioSeconds, .segments] {
                guard let a = base.median(column), let b = cell.median(column) else { continue }
                if abs(a - b) > max(1e-6, abs(a) * 1e-3) {
                    problems.append("\(cell.axes.label): \(column) is \(Self.format(a)) in the baseline, \(Self.format(b)) now (different audio or segmentation)")
                }
            }
            if problems.count >= 3 { break }
        }
        return problems
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.3f", value)
    }
}
