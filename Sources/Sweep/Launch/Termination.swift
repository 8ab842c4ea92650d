/// How a child ended, decoded from wait4's status.
public enum Termination: Sendable, Equatable {
    case exited(code: Int32)
    case signaled(signal: Int32)
    /// posix_spawn itself failed (missing executable, ...): nothing ran.
    case notStarted(reason: String)

    /// Decodes a wait status without the C macros (WIFEXITED & co. are not imported into Swift).
    public init(waitStatus status: Int32) {
        let low = status & 0x7f
        if low == 0 {
            self = .exited(code: (status >> 8) & 0xff)
        } else {
            self = .signaled(signal: low)
        }
    }

    public var exitCode: Int32? {
        if case .exited(let code) = self { return code }
        return nil
    }

    public var signal: Int32? {
        if case .signaled(let signal) = self { return signal }
        return nil
    }
}
