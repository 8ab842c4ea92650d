import Results

/// `advise`'s answer over a run with several condition groups (CPU quotas, loads, engines): one pick
/// per group, each chosen among the knobs under that condition by the group's objective.
public struct ConditionAdvice: Sendable, Codable {
    public struct Group: Sendable, Codable {
        /// Axis name to value, for the varying condition and subject axes.
        public var condition: [String: String]
        /// In words: `quota 1, pypi`.
        public var label: String
        /// The `--where` options that advise on this group alone.
        public var selector: String
        public var advice: Advice

        /// The selector as a person types it: `--where cpu_quota=1 --where libtorch=pypi`.
        public var whereOptions: String {
            selector.split(separator: " ").map { "--where \($0)" }.joined(separator: " ")
        }
    }

    public var source: String
    /// The condition and subject axes the run varies, in table order.
    public var conditionAxes: [String]
    public var groups: [Group]

    /// At least one group has a setting meeting the constraints.
    public var hasPick: Bool { groups.contains { $0.advice.pick != nil } }
}

extension Advisor {
    /// One answer per condition group (`ConditionGroup.of`); with `objective` nil each group ranks by what
    /// its cells are for (`AdviceObjective.following`: capacity, load p99 or throughput).
    public func adviseByCondition(_ run: RunResults, objective: AdviceObjective?, roles: [String: AxisRole] = [:]) -> ConditionAdvice {
        let groups = ConditionGroup.of(run, roles: roles)
        return ConditionAdvice(
            source: run.source, conditionAxes: groups.first?.condition.map(\.axis.name) ?? [],
            groups: groups.map { group in
                var advisor = self
                advisor.objective = objective ?? .following(group.cells.map(\.axes))
                return .init(condition: Dictionary(uniqueKeysWithValues: group.condition.map { ($0.axis.name, $0.value) }),
                             label: group.label, selector: group.selector, advice: advisor.advise(group.run(run)))
            })
    }
}
