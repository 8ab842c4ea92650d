import Foundation
import Testing
@testable import Sweep
import Results

private let base = """
audio: {generate: {duration: 20s, seed: 1}}
model: tiny
engine_threads: [1, 2]
intra_op_threads: 1

"""

/// The axis table: every committed row's axes spell its own cell id back; a table-only axis
/// (`omp_spincount`) goes from the spec to the grid, ids, columns, environment and spec changes
/// through its one entry.
@Suite("Axis table")
struct AxisTableTests {
    /// Every committed results.csv: the values a row reads back as spell the id the row was written with,
    /// and write the columns it holds.
    @Test func everyCommittedRowSpellsItsOwnCellID() throws {
        let results = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Results")
        let files = FileManager.default.enumerator(atPath: results.path)!.compactMap { $0 as? String }
            .filter { $0.hasSuffix("results.csv") }
        #expect(files.count >= 10)
        var checked = 0
        for file in files {
            for row in ResultsReader.read(path: results.appendingPathComponent(file).path).rows {
                let axes = try #require(CellAxes(row: row), "\(file): \(row[.cellID]) does not read")
                #expect(axes.id == row[.cellID], "\(file)")
                for (metric, value) in axes.columns where !row[metric].isEmpty {
                    #expect(value == row[metric] || Double(value) == Double(row[metric]), "\(file): \(metric.column)")
                }
                checked += 1
            }
        }
        #expect(checked > 3000)
    }

    @Test func everyAxisHasOneEntryAndTheRolesTheUserMeans() {
        #expect(Set(Axis.all.map(\.name)).count == Axis.all.count)
        let roles = Dictionary(uniqueKeysWithValues: Axis.all.map { ($0.name, $0.role) })
        for knob in ["engine_threads", "intra_op_threads", "inter_op_threads", "allocator", "malloc_conf", "omp_wait_policy",
                     "omp_spincount", "libtorch", "engine_mode"] {
            #expect(roles[knob] == .knob, "\(knob)")
        }
        for condition in ["cpu_quota", "cpuset", "scenario"] { #expect(roles[condition] == .condition, "\(condition)") }
        #expect(roles["engine"] == .subject)
        // Every axis is a results.csv column.
        for axis in Axis.all { #expect(Metric.named(axis.name) != nil, "\(axis.name)") }
    }

    @Test func spinCountIsAnAxisOfTheGridWithItsOwnIDsAndEnvironment() throws {
        let spec = try parse(base + "omp_spincount: [default, 0, infinite, 10000]\n")
        #expect(spec.tableAxes["omp_spincount"] == ["default", "0", "infinite", "10000"])
        let grid = ExperimentGrid(spec: spec)
        #expect(grid.cells.count == 8)
        let ids = grid.cells.map(\.id)
        #expect(ids.contains("threads-e1-i1-x1-glibc-default-wdefault"))
        #expect(ids.contains("threads-e2-i1-x1-glibc-default-wdefault-s0"))
        #expect(ids.contains("threads-e1-i1-x1-glibc-default-wdefault-sinfinite"))
        #expect(Set(ids).count == 8)

        let zero = try #require(grid.cells.first { $0.id.hasSuffix("-s0") })
        let environment = CellEnvironment.make(for: zero, inheriting: ["GOMP_SPINCOUNT": "999", "KMP_BLOCKTIME": "7", "HOME": "/root"])
        #expect(environment["GOMP_SPINCOUNT"] == "0")
        #expect(environment["KMP_BLOCKTIME"] == "0")
        #expect(environment["HOME"] == "/root")
        // The default leaves both unset, whatever the sweep inherited.
        let plain = try #require(grid.cells.first { !$0.id.contains("-s") })
        let inherited = CellEnvironment.make(for: plain, inheriting: ["GOMP_SPINCOUNT": "999", "KMP_BLOCKTIME": "7"])
        #expect(inherited["GOMP_SPINCOUNT"] == nil && inherited["KMP_BLOCKTIME"] == nil)
        let counted = try #require(grid.cells.first { $0.id.hasSuffix("-s10000") })
        #expect(CellEnvironment.settings(for: counted)["GOMP_SPINCOUNT"] == "10000")
        #expect(CellEnvironment.settings(for: counted)["KMP_BLOCKTIME"] == nil)

        // Columns written and read back; labels and placeholders from the same entry.
        #expect(zero.axes.columns[try #require(Metric.named("omp_spincount"))] == "0")
        #expect(zero.axes.label.contains("spin 0"))
        #expect(!plain.axes.label.contains("spin"))
        #expect(EnginePlaceholder(name: "omp_spincount") != nil)
        // The axis can be left out when comparing.
        let spin = try #require(Axis.named("omp_spincount"))
        #expect(spin.blankable)
        #expect(spin.blank(zero.axes) == spin.blank(plain.axes))
    }

    @Test func aBadSpinCountIsRefusedWithItsLine() {
        #expect(throws: SpecError.self) { try parse(base + "omp_spincount: [fast]\n") }
        do {
            _ = try parse(base + "omp_spincount: [0, -3]\n")
            Issue.record("accepted -3")
        } catch let error as SpecError {
            #expect(error.problems.contains { $0.field == "omp_spincount[1]" && $0.line != nil && $0.message.contains("spin count") })
        } catch { Issue.record("\(error)") }
        #expect(throws: SpecError.self) { try parse(base + "omp_spincount: [0, 0]\n") }
    }

    @Test func spinCountValuesAddedOnResumeExtendAndRemovedOnesInvalidate() throws {
        let a = try parse(base + "omp_spincount: [default]\n")
        let b = try parse(base + "omp_spincount: [default, 0]\n")
        let grown = SpecChange(recorded: a, given: b)
        #expect(grown.differences.map(\.key) == ["omp_spincount"])
        #expect(grown.invalidating.isEmpty)
        #expect(!SpecChange(recorded: b, given: a).invalidating.isEmpty)
        // A spec without the axis is the same as one listing only its usual value.
        #expect(SpecChange(recorded: try parse(base), given: a).isEmpty)
    }

    @Test func rolesInASpecOverrideTheTable() throws {
        let spec = try parse(base + "roles: {libtorch: condition}\n")
        #expect(spec.role(of: Axis.named("libtorch")!) == .condition)
        #expect(spec.role(of: Axis.named("allocator")!) == .knob)
        #expect(throws: SpecError.self) { try parse(base + "roles: {threads: condition}\n") }
        #expect(throws: SpecError.self) { try parse(base + "roles: {libtorch: setting}\n") }
    }

    @Test func metaJSONWithoutTheNewAxisReadsAsItsUsualValue() throws {
        let spec = try parse(base + "omp_spincount: [0]\n")
        let data = try JSONEncoder().encode(spec)
        #expect(try JSONDecoder().decode(ExperimentSpec.self, from: data) == spec)
        var old = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        old["axes"] = nil
        old["roles"] = nil
        let decoded = try JSONDecoder().decode(ExperimentSpec.self, from: JSONSerialization.data(withJSONObject: old))
        #expect(decoded.values(of: Axis.named("omp_spincount")!) == ["default"])
        let axes = ExperimentGrid(spec: spec).cells[0].axes
        #expect(try JSONDecoder().decode(CellAxes.self, from: JSONEncoder().encode(axes)) == axes)
    }

    @Test func intraOpTravelsByNameInJSONAndOldSentinelsStillRead() throws {
        let budget = CellAxes(engineThreads: 2, intraOpThreads: IntraOpThreads.budget)
        let text = String(decoding: try JSONEncoder().encode(budget), as: UTF8.self)
        #expect(text.contains("\"intraOpThreads\":\"budget\""), "\(text)")
        #expect(try JSONDecoder().decode(CellAxes.self, from: Data(text.utf8)) == budget)
        let legacy = text.replacingOccurrences(of: "\"budget\"", with: "-1")
        #expect(try JSONDecoder().decode(CellAxes.self, from: Data(legacy.utf8)) == budget)
        let four = String(decoding: try JSONEncoder().encode(CellAxes(engineThreads: 1, intraOpThreads: 4)), as: UTF8.self)
        #expect(four.contains("\"intraOpThreads\":4"))
    }

    @Test func anEnormousGridIsOneProblemBeforeAnythingIsBuilt() throws {
        for (yaml, phrase) in [("repetitions: 1000000000\n", "the grid would be 2000000000 runs"),
                               ("repetitions: 9223372036854775807\n", "more than"),
                               ("engine_threads: 1-100000\n", "1-100000: thread counts go up to 1024")] {
            let text = yaml.hasPrefix("engine_threads") ? base.replacingOccurrences(of: "engine_threads: [1, 2]\n", with: yaml) : base + yaml
            do {
                _ = try parse(text)
                Issue.record("accepted \(yaml)")
            } catch let error as SpecError {
                #expect(error.problems.count == 1, "\(error.problems)")
                #expect(error.problems.first?.message.contains(phrase) == true, "\(error.problems)")
            }
        }
        do {
            _ = try parse(base.replacingOccurrences(of: "engine_threads: [1, 2]\n", with: "engine_threads: [2000, 3000, 4000]\n"))
            Issue.record("accepted")
        } catch let error as SpecError {
            #expect(error.problems.map(\.message) == ["3 values are more than 1024"])
        }
    }
}
