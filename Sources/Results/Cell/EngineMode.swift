/// How a cell's engine runs its N workers.
public enum EngineMode: String, Sendable, CaseIterable, Codable {
    /// N engine threads in one process sharing one model (the post's multi-threaded engine).
    case threads
    /// N worker processes with one engine thread each (the multi-process engine the post compares against).
    case processes
}
