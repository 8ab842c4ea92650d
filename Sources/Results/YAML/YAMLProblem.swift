/// One thing wrong with a YAML file arbench reads (an experiment spec, its expectations, a thresholds
/// file), as one line that names the file, the line and the field:
/// `Experiments/quick.yaml:7: engine_threads: 0 is not a thread count (at least 1)`.
public struct YAMLProblem: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    /// Dotted path of the offending field, e.g. `allocator[1].malloc_conf`.
    public let field: String
    public let message: String

    public init(file: String, line: Int?, field: String, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return field.isEmpty ? "\(place): \(message)" : "\(place): \(field): \(message)"
    }
}

/// Every problem found in a spec; thrown before any cell runs.
public struct SpecError: Error, Sendable, CustomStringConvertible {
    public let problems: [YAMLProblem]

    public init(problems: [YAMLProblem]) {
        self.problems = problems
    }

    /// The most problems shown: a mangled file yields one per line, and the first ones are what to fix.
    public static let shownProblems = 20

    /// One line per problem, at most `shownProblems` lines (the last one then counts the rest).
    public var lines: [String] {
        guard problems.count > Self.shownProblems else { return problems.map(\.description) }
        let shown = problems.prefix(Self.shownProblems - 1).map(\.description)
        return shown + ["... and \(problems.count - shown.count) more problems (fix the first ones and read again)"]
    }

    public var description: String { lines.joined(separator: "\n") }
}
