/// The gate's answer, with the exit code documented in `arbench --help`.
public enum GateOutcome: String, Sendable, Codable {
    case pass
    case regression
    case notComparable = "not-comparable"
    /// The engine produced other tags for the same audio (or ran another model): a correctness change,
    /// not noise, so the timings compare different work. Exit 3 like not comparable: make a new baseline
    /// if the change was meant.
    case outputsChanged = "outputs-changed"

    public var exitCode: Int32 {
        switch self {
        case .pass: 0
        case .regression: 2
        case .notComparable, .outputsChanged: 3
        }
    }

    /// The verdict as `compare` and `ab` head their reports with it, exit code included.
    public var headline: String {
        switch self {
        case .pass: "no regression (exit 0)"
        case .regression: "REGRESSION (exit 2)"
        case .notComparable: "NOT COMPARABLE (exit 3)"
        case .outputsChanged: "OUTPUTS CHANGED (exit 3)"
        }
    }
}
