/// A run that cannot be read at all (missing, not a results.csv, no rows): exit 1.
public struct RunLoadError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
