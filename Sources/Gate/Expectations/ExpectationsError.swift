/// Everything wrong with an `expectations:` block, one line per problem with its line: exit 64.
public struct ExpectationsError: Error, CustomStringConvertible, Sendable {
    public let problems: [String]

    public var description: String { problems.joined(separator: "\n") }
}
