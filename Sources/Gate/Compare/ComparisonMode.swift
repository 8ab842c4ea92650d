/// Which figures a comparison gates, chosen from how alike the two machines are.
public enum ComparisonMode: String, Sendable, Codable {
    /// Same machine: absolute figures and normalised ones (relative to the reference cell).
    case absoluteAndNormalised = "absolute+normalised"
    /// Another machine of the same kind (or one allowed with --allow-different-machine): speed only
    /// relative to each run's own reference cell, so a faster or busier CPU moves every cell alike and
    /// cancels out; memory absolute, since it does not depend on CPU speed. Absolute speed is shown, not gated.
    case normalised

    public init(level: Comparability.Level) {
        self = level == .sameMachine ? .absoluteAndNormalised : .normalised
    }

    public func gates(_ metric: CompareMetric) -> Bool {
        switch self {
        case .absoluteAndNormalised: true
        case .normalised: metric.basis == .normalised || !metric.dependsOnCPUSpeed
        }
    }

    public var explanation: String {
        switch self {
        case .absoluteAndNormalised:
            "same machine: absolute figures and figures normalised to the reference cell are both gated"
        case .normalised:
            "other machine: speed gated only relative to each run's reference cell (the shape of the results); memory gated absolute; absolute speed shown, not gated"
        }
    }
}
