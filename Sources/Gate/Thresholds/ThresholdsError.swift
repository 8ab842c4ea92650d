/// Everything wrong with a thresholds file, one line per problem with its line number: exit 64.
public struct ThresholdsError: Error, CustomStringConvertible, Sendable {
    public let problems: [String]

    public var description: String { problems.joined(separator: "\n") }
}
