/// OpenMP's idle-thread behaviour (libgomp reads OMP_WAIT_POLICY): spinning workers of one engine
/// thread's intra-op pool steal the cores the other engine threads need.
public enum OMPWaitPolicy: String, Sendable, CaseIterable, Codable {
    /// OMP_WAIT_POLICY unset: libgomp spins a while, then sleeps.
    case `default`
    case passive
    case active

    /// The value exported to the child; nil leaves the variable unset.
    public var environmentValue: String? {
        switch self {
        case .default: nil
        case .passive: "PASSIVE"
        case .active: "ACTIVE"
        }
    }
}
