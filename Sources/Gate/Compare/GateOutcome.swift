/// The gate's answer, with the exit code documented in `arbench --help`.
public enum GateOutcome: String, Sendable, Codable {
    case pass
    case regression
    case notComparable = "not-comparable"

    public var exitCode: Int32 {
        switch self {
        case .pass: 0
        case .regression: 2
        case .notComparable: 3
        }
    }
}
