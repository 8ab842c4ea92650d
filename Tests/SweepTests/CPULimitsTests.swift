import Foundation
import Testing
@testable import Sweep
import Results

/// The cpu_quota and cpuset axes: their values, ids and spec errors, the cgroup file formats of both
/// versions (v2 on stand-in files in a temporary directory), and on this machine's real cgroup
/// controller (root only) a busy child throttled by its quota and confined by its cpuset.
@Suite("CPU limits")
struct CPULimitsTests {
    // MARK: - Values

    @Test func quotasReadAndPrintAsTheKernelStoresThem() {
        #expect(CPUQuota.parse("0.5")?.quotaMicroseconds == 50_000)
        #expect(CPUQuota.parse("1.50") == CPUQuota.parse("1.5"))
        #expect(CPUQuota.parse("1.5")?.text == "1.5")
        #expect(CPUQuota.parse("2")?.text == "2")
        #expect(CPUQuota.parse("0.01")?.text == "0.01")
        #expect(CPUQuota.parse("0.125")?.text == "0.125")
        #expect(CPUQuota.parse("none") == CPUQuota.none)
        #expect(CPUQuota.parse("-1") == nil)
        #expect(CPUQuota.parse("two") == nil)
        #expect(CPUQuota.none.text == "none")
    }

    @Test func cpuListsReadAndPrintInTheKernelsFormat() {
        #expect(CPUSet.parse("0-1")?.cpus == [0, 1])
        #expect(CPUSet.parse("0,2-3")?.cpus == [0, 2, 3])
        #expect(CPUSet.parse("3,0,1")?.text == "0-1,3")
        #expect(CPUSet.parse("0,2-3")?.label == "0_2-3")
        #expect(CPUSet.parse("none") == CPUSet.none)
        for bad in ["", "1-0", "a", "0,,1", "-1"] { #expect(CPUSet.parse(bad) == nil, "\(bad)") }
    }

    @Test func theBudgetIsTheSmallestLimitSharedAmongEngineThreads() {
        let quota15 = CPUQuota(cpus: 1.5)
        #expect(CPUBudget(quota: quota15, cpuset: .none, machineCPUs: 2).cpus == 1.5)
        #expect(CPUBudget(quota: .none, cpuset: CPUSet(cpus: [0]), machineCPUs: 2).cpus == 1)
        #expect(CPUBudget(quota: .none, cpuset: .none, machineCPUs: 16).cpus == 16)
        #expect(CPUBudget(quota: CPUQuota(cpus: 4), cpuset: .none, machineCPUs: 16).intraOpThreads(engineThreads: 1) == 4)
        #expect(CPUBudget(quota: CPUQuota(cpus: 4), cpuset: .none, machineCPUs: 16).intraOpThreads(engineThreads: 2) == 2)
        #expect(CPUBudget(quota: quota15, cpuset: .none, machineCPUs: 16).intraOpThreads(engineThreads: 1) == 1)
        #expect(CPUBudget(quota: CPUQuota(cpus: 0.5), cpuset: .none, machineCPUs: 16).intraOpThreads(engineThreads: 4) == 1)
        let cell = Cell(engineThreads: 1, intraOpThreads: IntraOpThreads.budget, cpuQuota: CPUQuota(cpus: 2), cpuset: CPUSet(cpus: [0]))
        #expect(cell.resolvedIntraOpThreads(machineCPUs: 2) == 1)
        #expect(IntraOpThreads.text(IntraOpThreads.budget) == "budget")
        #expect(IntraOpThreads.parse("budget") == IntraOpThreads.budget)
    }

    @Test func aCellWithoutACpusetIsBoundedByTheCPUsTheSweepMayUse() {
        #expect(MachineCPUs.allowedList(inStatus: "Name:\tarbench\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n") == "0-1")
        #expect(Set(MachineCPUs.allowed).isSubset(of: Set(MachineCPUs.online)) && !MachineCPUs.allowed.isEmpty)
        #expect(Cell(engineThreads: 1, intraOpThreads: 1).budget().cpus == Double(MachineCPUs.allowed.count))
    }

    /// Committed baselines name their cells by id: at `none` the new axes add nothing to it.
    @Test func idsAtNoneAreThoseOfCellsFromBeforeTheAxes() {
        #expect(Cell(engineThreads: 4, intraOpThreads: 1).id == "threads-e4-i1-x1-glibc-default-wdefault")
        let limited = Cell(engineThreads: 4, intraOpThreads: IntraOpThreads.budget, libtorch: .pypi,
                           cpuQuota: CPUQuota(cpus: 1.5), cpuset: CPUSet(cpus: [0, 1]))
        #expect(limited.id == "threads-e4-ibudget-x1-glibc-default-wdefault-ltpypi-q1500m-cpus0-1")
        #expect(ResultRow(values: ["cell_id": limited.id, "repetition": "1", "status": "ok"]).key != nil, "a valid id")
        #expect(CPUQuota(quotaMicroseconds: 1_250).idLabel == "1250us")
        let row = ResultRow(values: Dictionary(uniqueKeysWithValues: limited.axes.columns.map { ($0.key.column, $0.value) }))
        #expect(CellAxes(row: row) == limited.axes)
        // A row from before the axes reads as none.
        let old = ResultRow(values: ["engine_threads": "4", "intra_op_threads": "1", "allocator": "glibc"])
        #expect(CellAxes(row: old)?.cpuQuota == "none")
        #expect(CellAxes(row: old)?.cpuset == "none")
        #expect(limited.axes.label == "e4 ibudget glibc pypi quota 1.5 cpus 0-1")
    }

    @Test func budgetCellsGiveTheirChildTheResolvedCount() {
        let cell = Cell(engineThreads: 1, intraOpThreads: IntraOpThreads.budget, cpuset: CPUSet(cpus: [0]))
        let environment = CellEnvironment.make(for: cell, inheriting: [:])
        #expect(environment["OMP_NUM_THREADS"] == "1")
        let invocation = CellInvocation(run: CellRun(cell: cell, repetition: 1), modelPath: "m.pt", audioPaths: ["a.wav"], metricsPath: "m.json")
        let argv = ChildCommand.arbenchRun(executable: "/bin/arbench").arguments(invocation)
        #expect(argv.joined(separator: " ").contains("--intra-op-threads 1"))
    }

    // MARK: - Spec

    func limitsContext(quotaProblem: String? = nil) -> SpecValidationContext {
        var c = context(existing: Set(AllocatorKind.allCases.compactMap(\.defaultLibraryPath) + ["a.wav"]))
        c.cpuQuotaProblem = { quotaProblem }
        c.onlineCPUs = [0, 1]
        return c
    }

    func limitsProblems(_ axes: String, quotaProblem: String? = nil) -> [String] {
        let yaml = "audio: {paths: [a.wav]}\nmodel: base\nengine_threads: 1\nintra_op_threads: [1, budget]\n" + axes
        do {
            _ = try ExperimentSpecLoader.parse(yaml: yaml, file: "t.yaml", defaultName: "t",
                                               context: limitsContext(quotaProblem: quotaProblem))
            return []
        } catch let error as SpecError {
            return error.problems.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func aSpecWithLimitsMakesACellPerValue() throws {
        let spec = try ExperimentSpecLoader.parse(
            yaml: "audio: {paths: [a.wav]}\nmodel: base\nengine_threads: 1\nintra_op_threads: [default, budget]\ncpu_quota: [0.5, 1, none]\ncpuset: [\"0\", none]\n",
            file: "t.yaml", defaultName: "t", context: limitsContext())
        #expect(spec.cpuQuotas == [CPUQuota(cpus: 0.5), CPUQuota(cpus: 1), .none])
        #expect(spec.cpusets == [CPUSet(cpus: [0]), .none])
        #expect(spec.intraOpThreads == [IntraOpThreads.libTorchDefault, IntraOpThreads.budget])
        #expect(ExperimentGrid(spec: spec).cells.count == 12)
        // meta.json keeps them.
        let decoded = try JSONDecoder().decode(ExperimentSpec.self, from: JSONEncoder().encode(spec))
        #expect(decoded == spec)
    }

    @Test func badLimitsAreSpecErrorsWithTheirLineAndRange() {
        let low = limitsProblems("cpu_quota: [0.001]\n")
        #expect(low == ["t.yaml:5: cpu_quota[0]: 0.001 CPUs is below what a 100 ms period can express (0.01 to 2 CPUs on this machine)"])
        let high = limitsProblems("cpu_quota: 3\n")
        #expect(high == ["t.yaml:5: cpu_quota: 3 CPUs is more than this machine has (0.01 to 2 CPUs on this machine)"])
        let cpus = limitsProblems("cpuset: [\"0-3\"]\n")
        #expect(cpus == ["t.yaml:5: cpuset[0]: cpuset 2-3 names CPUs this machine does not have: 2-3 (online: 0-1)"]
                || cpus.first?.contains("names CPUs this machine does not have: 2-3 (online: 0-1)") == true)
        #expect(limitsProblems("cpu_quota: [lots]\n").first?.contains("expected CPUs as a decimal") == true)
        let notRoot = limitsProblems("cpu_quota: [0.5]\n", quotaProblem: "cpu_quota needs root")
        #expect(notRoot.count == 1 && notRoot[0].hasPrefix("t.yaml:5: cpu_quota: cpu_quota needs root"))
        // Only quotas need the controller: none, or a cpuset alone, do not ask.
        #expect(limitsProblems("cpu_quota: none\ncpuset: \"1\"\n", quotaProblem: "cpu_quota needs root").isEmpty)
    }

    // MARK: - Host checks

    @Test func theControllerIsFoundInV1AndV2Mounts() {
        let v1 = "cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,cpu,cpuacct 0 0\ncgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0\n"
        #expect(CgroupHost.detect(mounts: v1, read: { _ in "cpu io" }) == CgroupHost(version: .v1, root: "/sys/fs/cgroup/cpu,cpuacct"))
        let v2 = "cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid 0 0\n"
        #expect(CgroupHost.detect(mounts: v2, read: { _ in "cpuset cpu io memory" }) == CgroupHost(version: .v2, root: "/sys/fs/cgroup"))
        #expect(CgroupHost.detect(mounts: v2, read: { _ in "memory pids" }) == nil)
        let readOnly = "cgroup2 /sys/fs/cgroup cgroup2 ro,nosuid 0 0\n"
        #expect(CgroupHost.detect(mounts: readOnly, read: { _ in "cpu" })?.readOnly == true)
    }

    @Test func eachMissingRequirementIsOneLineSayingHowToGetIt() {
        let host = CgroupHost(version: .v2, root: "/sys/fs/cgroup")
        let yes: (String) -> Bool = { _ in true }
        #expect(CgroupHost.quotaProblem(host: host, effectiveUID: 1000, writable: yes)?.contains("needs root") == true)
        #expect(CgroupHost.quotaProblem(host: nil, effectiveUID: 0, writable: yes)?.contains("mount it") == true)
        #expect(CgroupHost.quotaProblem(host: CgroupHost(version: .v1, root: "/x", readOnly: true), effectiveUID: 0, writable: yes)?
            .contains("/x is read-only") == true)
        #expect(CgroupHost.quotaProblem(host: host, effectiveUID: 0, read: { _ in "memory" }, writable: yes)?
            .contains("echo +cpu > /sys/fs/cgroup/cgroup.subtree_control") == true)
        #expect(CgroupHost.quotaProblem(host: host, effectiveUID: 0, read: { _ in "cpu memory" }, writable: yes) == nil)
        for problem in [CgroupHost.quotaProblem(host: nil, effectiveUID: 1000)].compactMap({ $0 }) { #expect(!problem.contains("\n")) }
    }

    // MARK: - File formats

    @Test func quotasAreWrittenInEachVersionsFormat() {
        let quota = CPUQuota(cpus: 1.5)
        #expect(CgroupVersion.v1.quotaWrites(quota).map { "\($0.file)=\($0.text)" } == ["cpu.cfs_period_us=100000", "cpu.cfs_quota_us=150000"])
        #expect(CgroupVersion.v2.quotaWrites(quota).map { "\($0.file)=\($0.text)" } == ["cpu.max=150000 100000"])
        #expect(CgroupVersion.v2.quotaWrites(.none).map(\.text) == ["max 100000"])
        #expect(CgroupVersion.v1.parseQuota("150000\n") == quota)
        #expect(CgroupVersion.v1.parseQuota("-1\n") == CPUQuota.none)
        #expect(CgroupVersion.v2.parseQuota("150000 100000\n") == quota)
        #expect(CgroupVersion.v2.parseQuota("75000 50000\n") == quota)
        #expect(CgroupVersion.v2.parseQuota("max 100000\n") == CPUQuota.none)
        #expect(CgroupVersion.v2.parseQuota("garbage") == nil)
    }

    @Test func cpuStatReadsInBothVersions() {
        let v1 = "nr_periods 31\nnr_throttled 30\nthrottled_time 1500000000\nnr_bursts 0\nburst_time 0\n"
        #expect(CFSStats.parse(v1) == CFSStats(periods: 31, throttled: 30, throttledSeconds: 1.5))
        let v2 = "usage_usec 250000\nuser_usec 200000\nsystem_usec 50000\nnr_periods 10\nnr_throttled 5\nthrottled_usec 250000\n"
        #expect(CFSStats.parse(v2) == CFSStats(periods: 10, throttled: 5, throttledSeconds: 0.25))
        #expect(CFSStats.parse(v2)?.throttledPercent == 50)
        #expect(CFSStats.parse("usage_usec 1\n") == nil)
    }

    @Test func procCgroupNamesTheCpuGroupInBothVersions() {
        #expect(ProcCgroupFile.cpuGroup("5:devices:/\n2:cpu,cpuacct:/arbench/sweep1-2-c\n0::/\n") == "/arbench/sweep1-2-c")
        #expect(ProcCgroupFile.cpuGroup("1:cpu:/a\n2:cpuacct:/b\n") == "/a")
        #expect(ProcCgroupFile.cpuGroup("3:cpuset:/x\n0::/arbench/g\n") == "/arbench/g")
        #expect(ProcCgroupFile.cpuGroup("") == nil)
    }

    @Test func theChildsParallelInfoGivesWhatLibTorchAndOpenMPSaw() {
        let info = "ATen/Parallel:\n\tat::get_num_threads() : 1\n\tat::get_num_interop_threads() : 1\nOpenMP 201511 (a.k.a. OpenMP 4.5)\n\tomp_get_max_threads() : 2\nstd::thread::hardware_concurrency() : 2\n"
        let view = CPUView(cpusAllowed: "0-1", cpuCgroup: "/", parallelInfo: info)
        #expect(view.torchDefaultThreads == 1)
        #expect(view.ompMaxThreads == 2)
        #expect(view.hardwareConcurrency == 2)
        #expect(view.affinityCPUs == 2)
    }

    /// cgroup v2 is not mounted with cpu on this machine: its path runs on stand-in files.
    @Test func aV2GroupIsMadeWithCpuMaxAndTheControllerEnabledInArbenchsGroupOnly() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let host = CgroupHost(version: .v2, root: root)
        let group = try CellCgroup.create(host: host, name: "sweep1-2-cell", quota: CPUQuota(cpus: 0.5))
        #expect(try String(contentsOfFile: root + "/arbench/cgroup.subtree_control", encoding: .utf8) == "+cpu")
        #expect(try String(contentsOfFile: group.path + "/cpu.max", encoding: .utf8) == "50000 100000")
        #expect(group.groupPath == "/arbench/sweep1-2-cell")
        #expect(!FileManager.default.fileExists(atPath: root + "/cgroup.subtree_control"), "nothing above arbench's group is written")
        try "nr_periods 4\nnr_throttled 2\nthrottled_usec 1000\n".write(toFile: group.statFile, atomically: false, encoding: .utf8)
        #expect(group.stats() == CFSStats(periods: 4, throttled: 2, throttledSeconds: 0.001))
        let v1 = try CellCgroup.create(host: CgroupHost(version: .v1, root: root), name: "sweep1-2-v1", quota: CPUQuota(cpus: 2))
        #expect(try String(contentsOfFile: v1.path + "/cpu.cfs_quota_us", encoding: .utf8) == "200000")
        #expect(try String(contentsOfFile: v1.path + "/cpu.cfs_period_us", encoding: .utf8) == "100000")
    }

    /// A sweep resumed in a directory from before throttled_pct keeps its rows, the new column empty.
    @Test func timelinesFromBeforeThrottledPctKeepTheirRowsOnResume() throws {
        let path = try makeTemporaryDirectory() + "/timeline.csv"
        let id = Cell(engineThreads: 1, intraOpThreads: 1).id
        try "cell_id,repetition,t_s,rss_mb,cpu_pct,threads,cores_used,processes\n\(id),1,0.100,1.0,50.0,2,1.000,1\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try TimelineFile.retain([RunKey(cellID: id, repetition: 1)], at: path) == 0)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines == [Substring(TimelineFile.columns.joined(separator: ",")), "\(id),1,0.100,1.0,50.0,2,1.000,1,"])
        #expect(try TimelineFile.read(path: path).first?.throttledPercent == nil)
    }

    @Test func groupNamesRecordTheSweepThatMadeThem() {
        let me = CgroupOwner.current
        #expect(me.isRunning)
        #expect(CgroupOwner.of(groupName: me.prefix + "threads-e1-i1-x1-glibc-default-wdefault-q500m-r1") == me)
        #expect(CgroupOwner.of(groupName: "kubepods") == nil)
        #expect(CgroupOwner.of(groupName: "sweepX-1-a") == nil)
        #expect(!CgroupOwner(pid: me.pid, startTicks: me.startTicks + 1).isRunning, "a reused pid is another process")
    }

    @Test func aChildReportingOtherLimitsFailsItsCell() {
        let cell = Cell(engineThreads: 1, intraOpThreads: 1, cpuset: CPUSet(cpus: [0]))
        let wrong = CPUView(cpusAllowed: "0-1", cpuCgroup: "/", parallelInfo: "")
        #expect(CellVerdict.limitsMismatch(cell: cell, cgroup: nil, view: wrong)?.hasPrefix("cpuset mismatch: asked for 0, the child's Cpus_allowed_list is 0-1") == true)
        #expect(CellVerdict.limitsMismatch(cell: cell, cgroup: nil, view: nil)?.contains("unverified") == true)
        #expect(CellVerdict.limitsMismatch(cell: Cell(engineThreads: 1, intraOpThreads: 1), cgroup: nil, view: nil) == nil)
        let quota = Cell(engineThreads: 1, intraOpThreads: 1, cpuQuota: CPUQuota(cpus: 1))
        let group = CellCgroup(host: CgroupHost(version: .v1, root: "/r"), name: "sweep1-2-x")
        #expect(CellVerdict.limitsMismatch(cell: quota, cgroup: group, view: CPUView(cpusAllowed: "0", cpuCgroup: "/", parallelInfo: ""))?
            .hasPrefix("cgroup mismatch") == true)
        #expect(CellVerdict.limitsMismatch(cell: quota, cgroup: group, view: CPUView(cpusAllowed: "0", cpuCgroup: "/arbench/sweep1-2-x", parallelInfo: "")) == nil)
    }

    // MARK: - On this machine's controller (root)

    /// A child that reports what CPUs it saw, as `arbench run` does: its Cpus_allowed_list and cpu cgroup.
    static let reportsItsView = #"""
        allowed=$(sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' /proc/self/status)
        group=$(awk -F: '$2 ~ /(^|,)cpu(,|$)/ {print $3}' /proc/self/cgroup)
        [ -n "$group" ] || group=$(awk -F: '$1 == "0" {print $3}' /proc/self/cgroup)
        printf '%s,"cpu_view":{"cpus_allowed":"%s","cpu_cgroup":"%s"}}' "${2%\}}" "$allowed" "$group" > "$1"
        """#

    /// Two busy loops for `seconds`, then the report.
    static func busy(seconds: Double) -> String {
        "timeout \(seconds) sh -c 'while :; do :; done' & timeout \(seconds) sh -c 'while :; do :; done'; wait\n" + reportsItsView
    }

    static var controller: CgroupHost? {
        guard let host = CgroupHost.current, CgroupHost.quotaProblem(host: host) == nil else { return nil }
        return host
    }

    @Test(.enabled(if: controller != nil, "needs root and a writable cgroup cpu controller"))
    func aBusyChildIsThrottledByItsQuotaAndItsGroupRemoved() throws {
        let cell = Cell(engineThreads: 1, intraOpThreads: 1, cpuQuota: CPUQuota(cpus: 0.2))
        let m = try runCell(cell, launcher: FakeChild.launcher(Self.busy(seconds: 1)), interval: 50)
        #expect(m.verdict == .ok, "\(m.verdict.error)")
        let stats = try #require(m.outcome.cfsStats)
        // Two loops wanting 2 CPUs under 0.2 of one: throttled in nearly every period it ran in.
        #expect(stats.periods >= 5)
        #expect(Double(stats.throttled) >= 0.6 * Double(stats.periods), "\(stats)")
        #expect(stats.throttledSeconds > 0)
        let usage = try #require(m.outcome.usage)
        let cores = (usage.userCPUSeconds + usage.systemCPUSeconds) / m.outcome.wallSeconds
        #expect(cores < 0.2 * 1.6, "used \(cores) cores under a 0.2 CPU quota")
        #expect(m.outcome.samples.contains { ($0.throttledPercent ?? 0) > 0 }, "the timeline shows the throttling")
        let row = ResultRow(m)
        #expect(row["cpu_quota"] == "0.2")
        #expect(Int(row["nr_throttled"]) == stats.throttled)
        #expect(row["cpu_budget"] == "0.20")
        #expect(row["cpu_cgroup"].hasPrefix("/arbench/sweep"))
        #expect(m.outcome.cgroupCleanupProblem == nil)
        #expect(!FileManager.default.fileExists(atPath: try #require(m.outcome.cgroup).path), "the cell's group is removed")
        print("ad hoc: quota 0.2, two busy loops 1 s: nr_periods \(stats.periods), nr_throttled \(stats.throttled), throttled_time \(stats.throttledSeconds) s, cores used \(cores)")
    }

    @Test(.enabled(if: controller != nil, "needs root and a writable cgroup cpu controller"))
    func aCellPastItsTimeoutLeavesNoGroup() throws {
        let cell = Cell(engineThreads: 1, intraOpThreads: 1, cpuQuota: CPUQuota(cpus: 1))
        let m = try runCell(cell, launcher: FakeChild.launcher("sleep 30 & sleep 30"), timeout: 0.5)
        #expect(m.verdict.status == .timeout)
        #expect(m.outcome.cgroupCleanupProblem == nil)
        #expect(!FileManager.default.fileExists(atPath: try #require(m.outcome.cgroup).path))
    }

    @Test(.enabled(if: MachineCPUs.count >= 2, "needs two CPUs"))
    func aBusyChildIsConfinedToItsCpuset() throws {
        let cell = Cell(engineThreads: 1, intraOpThreads: 1, cpuset: CPUSet(cpus: [1]))
        let m = try runCell(cell, launcher: FakeChild.launcher(Self.busy(seconds: 1)), interval: 50)
        #expect(m.verdict == .ok, "\(m.verdict.error)")
        let row = ResultRow(m)
        #expect(row["cpus_allowed"] == "1")
        #expect(row["affinity_cpus"] == "1")
        #expect(row["cpu_budget"] == "1.00")
        let usage = try #require(m.outcome.usage)
        let cores = (usage.userCPUSeconds + usage.systemCPUSeconds) / m.outcome.wallSeconds
        // Two busy loops would use two CPUs; on one they share it.
        #expect(cores < 1.3, "used \(cores) cores on one CPU")
        print("ad hoc: cpuset 1, two busy loops 1 s: cores used \(cores)")
    }

    @Test(.enabled(if: controller != nil, "needs root and a writable cgroup cpu controller"))
    func leftoversOfADeadSweepAreRemovedAndNothingElse() throws {
        let host = try #require(Self.controller)
        // A "sweep" that is killed while its cell runs in its group: the cell outlives it (no death signal here).
        let sweep = Process()
        sweep.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sweep.arguments = ["30"]
        try sweep.run()
        let owner = CgroupOwner(pid: sweep.processIdentifier, startTicks: ProcStat.read(pid: sweep.processIdentifier)?.startTicks ?? 0)
        let dead = try CellCgroup.create(host: host, name: owner.prefix + "cell-r1", quota: CPUQuota(cpus: 0.5))
        let mine = try CellCgroup.create(host: host, name: CgroupOwner.current.prefix + "janitor-test-r1", quota: CPUQuota(cpus: 0.5))
        let foreign = host.parent + "/not-arbench-naming-\(getpid())"
        #expect(mkdir(foreign, 0o755) == 0)
        defer {
            _ = mine.remove()
            rmdir(foreign)
        }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("janitor-\(UUID().uuidString).log").path
        let orphan = try ProcessSpawner.spawn(argv: ["/bin/sleep", "30"], environment: [:], outputPath: log, cgroupProcs: dead.procsFile)
        #expect(dead.processes() == [orphan])
        kill(sweep.processIdentifier, SIGKILL)
        sweep.waitUntilExit()

        let outcome = CgroupJanitor.removeLeftovers(host: host)
        #expect(outcome.removed == [dead.path])
        #expect(outcome.failed.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(FileManager.default.fileExists(atPath: mine.path), "a running sweep's group stays")
        #expect(FileManager.default.fileExists(atPath: foreign), "a group arbench did not name stays")
        #expect(ProcessSpawner.wait(pid: orphan).map { Termination(waitStatus: $0.status) } == .signaled(signal: SIGKILL))
        #expect(CgroupJanitor.report(outcome)?.hasPrefix("removed 1 cgroup(s) left by a killed arbench sweep: ") == true)
    }
}
