import Testing
@testable import Gate
import Results

@Suite("Deploying a cell measured under CPU limits")
struct DeploymentLimitsTests {
    @Test func aBudgetCellDeploysTheCountItsChildSetAndNamesItsLimits() {
        let axes = CellAxes(engineThreads: 2, intraOpThreads: IntraOpThreads.budget, cpuQuota: "1.5", cpuset: "0-1")
        let row = ResultRow(values: [Metric.intraOpEffective.column: "1"])
        let snippet = DeploymentSnippet(axes: axes, row: row)
        #expect(snippet.runFlags.contains("--intra-op-threads 1"))
        #expect(snippet.cpp.prefix(2) == ["// measured under a CPU quota of 1.5 and CPUs 0-1: deploy under the same",
                                          "// (docker run --cpus 1.5; Kubernetes limits.cpu: 1500m; docker run --cpuset-cpus 0-1)"])
        #expect(snippet.cpp.contains { $0.hasPrefix("at::set_num_threads(1);") })
        // Without a row, the budget of the axes: 1.5 CPUs over 2 engine threads, at least 1.
        #expect(DeploymentSnippet(axes: axes, row: nil).runFlags.contains("--intra-op-threads 1"))
        #expect(!DeploymentSnippet(axes: CellAxes(engineThreads: 2, intraOpThreads: 1), row: nil).cpp.contains { $0.contains("measured under") })
    }
}
