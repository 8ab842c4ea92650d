import Results

/// Cells that share every condition and subject axis (a CPU quota, a load, an engine): the set one pick is
/// an answer within. A pick across groups would pick the condition (the largest quota, the lightest load),
/// which nobody deploys. Only the axes the run varies name a group.
public struct ConditionGroup: Sendable {
    /// The varying condition and subject axes and this group's value on each, in table order.
    public var condition: [(axis: Axis, value: String)]
    public var cells: [CellRuns]

    /// `quota 1, pypi` style words; empty when the run has a single group.
    public var label: String {
        Axis.describe(condition.map(\.axis), condition.map(\.value))
    }

    /// `cpu_quota=1 libtorch=pypi`: the `--where` options that select this group.
    public var selector: String {
        condition.map { "\($0.axis.name)=\($0.value)" }.joined(separator: " ")
    }

    /// The run's cells split by the values of every axis whose role (the spec's `roles:`, then `roles`,
    /// then the table's) is not a knob, in cell order.
    public static func of(_ run: RunResults, roles: [String: AxisRole] = [:]) -> [ConditionGroup] {
        let specRoles = run.meta?.spec?.roles ?? [:]
        let fixed = Axis.conditions(varyingIn: run.cells.map(\.axes), roles: specRoles.merging(roles) { _, given in given })
        return Axis.grouped(run.cells, by: fixed, \.axes).map { group in
            ConditionGroup(condition: zip(fixed, group.values).map { (axis: $0.0, value: $0.1) }, cells: group.items)
        }
    }

    /// The run restricted to this group's cells.
    public func run(_ run: RunResults) -> RunResults {
        var copy = run
        copy.cells = cells
        return copy
    }
}

extension AdviceObjective {
    /// What a run of these cells is for: the most streams for capacity cells, the lowest p99 latency
    /// under load for fixed loads (streams, rate), the highest throughput offline.
    public static func following(_ cells: [CellAxes]) -> AdviceObjective {
        let scenarios = Set(cells.compactMap { CellLoad.parse($0.load)?.scenario })
        if scenarios.contains(.capacity) { return .capacity }
        if scenarios.contains(.streams) || scenarios.contains(.rate) { return .loadP99 }
        return .throughput
    }
}
