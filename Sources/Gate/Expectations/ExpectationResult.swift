/// One expectation checked against a run.
public struct ExpectationResult: Sendable, Codable {
    public var name: String
    public var claim: String
    public var passed: Bool
    /// The measured figure that decided it, in one line.
    public var measured: String
    /// Per group (allocator) or per cell pair, when there are several.
    public var details: [String]
}

/// Everything `arbench check` found.
public struct CheckReport: Sendable, Codable {
    public var run: String
    /// Where the expectations came from (the run's spec, or --spec).
    public var source: String
    public var results: [ExpectationResult]

    public var passed: Bool { results.allSatisfy(\.passed) }
    public var outcome: GateOutcome { passed ? .pass : .regression }
}
