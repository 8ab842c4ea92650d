import Foundation
import Testing
import Gate
import Results

/// Answers per condition: a pick among the knobs under each CPU quota, each load, each engine; never the
/// condition itself. The objective follows what the cells are for.
@Suite("Advice per condition")
struct ConditionAdviceTests {
    /// A cell's row: `throughput` and, under a load, `load_p99_ms` / `capacity_streams`.
    static func row(_ axes: CellAxes, repetition: Int, throughput: Double, loadP99: Double? = nil, capacity: Int? = nil) -> ResultRow {
        var values = Dictionary(uniqueKeysWithValues: axes.columns.map { ($0.key.column, $0.value) })
        values["cell_id"] = axes.id
        values["repetition"] = "\(repetition)"
        values["status"] = "ok"
        values["processing_s"] = "\(600 / throughput)"
        values["throughput_x"] = "\(throughput)"
        values["rss_peak_mb"] = "300"
        if let loadP99 { values["load_p99_ms"] = "\(loadP99)" }
        if let capacity { values["capacity_streams"] = "\(capacity)" }
        return ResultRow(values: values)
    }

    /// Quotas 1 and 2: more quota is always faster, and under each the best engine count differs.
    static func quotaRun() -> RunResults {
        var rows: [ResultRow] = []
        for quota in ["1", "2"] {
            for engine in [1, 2] {
                let axes = CellAxes(engineThreads: engine, intraOpThreads: 1, cpuQuota: quota)
                let speed = quota == "2" ? (engine == 2 ? 900.0 : 500) : (engine == 1 ? 450.0 : 300)
                for r in 1...5 { rows.append(row(axes, repetition: r, throughput: speed + Double(r))) }
            }
        }
        return RunResults(source: "quotas", rows: rows, meta: nil)
    }

    @Test func onePickPerQuotaNeverTheLargestQuotaAcrossAll() {
        let answer = Advisor().adviseByCondition(Self.quotaRun(), objective: nil)
        #expect(answer.conditionAxes == ["cpu_quota"])
        #expect(answer.groups.count == 2)
        let picks = Dictionary(uniqueKeysWithValues: answer.groups.map { ($0.condition["cpu_quota"]!, $0.advice.pick?.axes.engineThreads) })
        #expect(picks["1"] == 1)
        #expect(picks["2"] == 2)
        #expect(answer.groups.allSatisfy { $0.advice.objective == .throughput })
        #expect(answer.groups.map(\.selector) == ["cpu_quota=1", "cpu_quota=2"])
    }

    @Test func aRoleOverrideMakesAKnobACondition() {
        var rows: [ResultRow] = []
        for runtime in ["system", "pypi"] {
            for engine in [1, 2] {
                let axes = CellAxes(engineThreads: engine, intraOpThreads: 1, libtorch: runtime)
                for r in 1...3 { rows.append(Self.row(axes, repetition: r, throughput: Double(100 * engine + (runtime == "pypi" ? 50 : 0) + r))) }
            }
        }
        let run = RunResults(source: "runtimes", rows: rows, meta: nil)
        #expect(Advisor().adviseByCondition(run, objective: nil).groups.count == 1)
        let split = Advisor().adviseByCondition(run, objective: nil, roles: ["libtorch": .condition])
        #expect(split.groups.count == 2)
        #expect(split.groups.allSatisfy { $0.advice.pick?.axes.engineThreads == 2 })
    }

    @Test func fixedLoadsAreRankedByLoadLatencyPerLoad() {
        var rows: [ResultRow] = []
        for streams in [2, 4] {
            for engine in [1, 5] {
                let axes = CellAxes(engineThreads: engine, intraOpThreads: 0, load: CellLoad.streams(streams, pace: 100).text)
                // Fewer streams: lower latency everywhere; under each load, 5 engine threads win.
                let p99 = Double(streams) * (engine == 5 ? 10 : 30)
                for r in 1...3 { rows.append(Self.row(axes, repetition: r, throughput: 100, loadP99: p99 + Double(r))) }
            }
        }
        let answer = Advisor().adviseByCondition(RunResults(source: "loads", rows: rows, meta: nil), objective: nil)
        #expect(answer.groups.count == 2)
        for group in answer.groups {
            #expect(group.advice.objective == .loadP99)
            #expect(group.advice.pick?.axes.engineThreads == 5)
        }
    }

    @Test func capacityCellsAreRankedByCapacity() {
        var rows: [ResultRow] = []
        for (engine, capacity) in [(1, 21), (4, 7)] {
            let axes = CellAxes(engineThreads: engine, intraOpThreads: 1, load: CellLoad.capacity(pace: 100).text)
            // The 4-engine cell has the shorter processing time (it ran fewer streams): not the answer.
            for r in 1...3 { rows.append(Self.row(axes, repetition: r, throughput: engine == 4 ? 100 : 50, capacity: capacity)) }
        }
        let answer = Advisor().adviseByCondition(RunResults(source: "capacity", rows: rows, meta: nil), objective: nil)
        #expect(answer.groups.count == 1)
        #expect(answer.groups[0].advice.objective == .capacity)
        #expect(answer.groups[0].advice.pick?.axes.engineThreads == 1)
        // An explicit objective still wins.
        #expect(Advisor().adviseByCondition(RunResults(source: "capacity", rows: rows, meta: nil), objective: .throughput)
            .groups[0].advice.pick?.axes.engineThreads == 4)
    }

    @Test func aQuotaLimitReadsNoneAsUnlimited() throws {
        var rows: [ResultRow] = []
        for quota in ["1", "2", "none"] {
            let axes = CellAxes(engineThreads: 1, intraOpThreads: 1, cpuQuota: quota)
            for r in 1...3 { rows.append(Self.row(axes, repetition: r, throughput: 100 + Double(r))) }
        }
        let limit = try AdviceConstraint.parse("cpu_quota<=1.5")
        let answer = Advisor(constraints: [limit]).adviseByCondition(RunResults(source: "q", rows: rows, meta: nil), objective: nil)
        let feasible = answer.groups.filter { $0.advice.pick != nil }.map { $0.condition["cpu_quota"] }
        #expect(feasible == ["1"])
    }

    @Test func aSingleConditionKnobLabelDropsConditions() {
        let axes = CellAxes(engineThreads: 4, intraOpThreads: 1, allocator: "jemalloc", cpuQuota: "1.5", load: CellLoad.streams(8, pace: 10).text)
        #expect(axes.knobLabel == "e4 i1 jemalloc")
        #expect(axes.label.contains("quota 1.5"))
    }

    @Test func reportHeadlinesArePerConditionAndByWhatTheCellsAreFor() {
        // Capacity: the most streams, not the shortest processing time (a paced run's is its audio's length).
        var rows: [ResultRow] = []
        for (engine, capacity) in [(1, 21), (4, 7)] {
            let axes = CellAxes(engineThreads: engine, intraOpThreads: 1, load: CellLoad.capacity(pace: 100).text)
            rows.append(Self.row(axes, repetition: 1, throughput: engine == 4 ? 100 : 50, capacity: capacity))
        }
        let capacity = BestCells.markdown(rows: rows, roles: [:])
        #expect(capacity.contains("Most streams (median capacity at the p99 bound): `threads-e1-i1-x1-glibc-default-wdefault-capacity-p100` at 21 streams"))
        #expect(!capacity.contains("Fastest"))

        // Quotas: one headline per quota.
        let quotas = BestCells.markdown(rows: Self.quotaRun().rows, roles: [:])
        #expect(quotas.contains("- Under quota 1: Fastest (median processing time): `threads-e1-i1-x1-glibc-default-wdefault-q1000m`"))
        #expect(quotas.contains("- Under quota 2: Fastest (median processing time): `threads-e2-i1-x1-glibc-default-wdefault-q2000m`"))

        // An older REPORT.md gets the new section in place of its own, the rest untouched.
        let old = "# Sweep `x`\n\nintro\n\n## Best cells\n\n- Fastest (median processing time): `wrong`.\n\n## Summary (medians)\n\nrest\n"
        let replaced = BestCells.replacing(in: old, rows: rows, roles: [:])
        #expect(replaced.hasPrefix("# Sweep `x`\n\nintro\n\n## Best cells\n\n- Most streams"))
        #expect(replaced.hasSuffix("MiB.\n\n## Summary (medians)\n\nrest\n"))
        #expect(BestCells.replacing(in: "no section\n", rows: rows, roles: [:]) == "no section\n")
    }

    @Test func theSpecsRolesShapeTheHeadlineAsTheyShapeAdvice() {
        // Two runtimes: a knob by the table (one pick across them), a condition when the spec says so.
        var rows: [ResultRow] = []
        for (libtorch, speed) in [("system", 400.0), ("pypi", 600.0)] {
            for engine in [1, 2] {
                let axes = CellAxes(engineThreads: engine, intraOpThreads: 1, libtorch: libtorch)
                rows.append(Self.row(axes, repetition: 1, throughput: speed + Double(engine)))
            }
        }
        let asKnob = BestCells.markdown(rows: rows, roles: [:])
        #expect(!asKnob.contains("Under"))
        let asCondition = BestCells.markdown(rows: rows, roles: ["libtorch": .condition])
        #expect(asCondition.contains("- Under LibTorch runtime system: Fastest"))
        #expect(asCondition.contains("- Under LibTorch runtime pypi: Fastest"))
    }
}
