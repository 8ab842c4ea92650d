/// What an axis means to the person deploying the engine, which decides how answers treat it: `advise`,
/// `tune`, a report's headline and the Pareto chart choose among knobs *within* each combination of the
/// other two, and never pick a condition or a subject as if it were a setting.
public enum AxisRole: String, Sendable, Codable, CaseIterable, Comparable {
    /// A setting the user chooses and deploys: thread counts, allocator and its tuning, OpenMP policy.
    case knob
    /// Where the engine will run and what it is asked to do: a CPU quota, a cpuset, a load.
    case condition
    /// What is studied: the engine (arbench's own or an external command).
    case subject

    public var meaning: String {
        switch self {
        case .knob: "a setting you choose and deploy: answers pick among its values"
        case .condition: "where the engine runs and what it is asked to do: answers are given per value"
        case .subject: "what is studied: answers are given per value"
        }
    }

    public static func < (a: AxisRole, b: AxisRole) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
