/// One reason `arbench merge` refuses its shards, one line for stderr.
public struct MergeProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The shards measured different things (spec, arbench commit, runtimes, inputs) or ran on
        /// different kinds of machine without `--allow-mixed-machines`: exit 3.
        case notComparable
        /// A shard missing, given twice, unfinished or damaged; a cell missing or measured twice: exit 1.
        case incomplete
        /// A directory that is not a sharded sweep at all: exit 64.
        case notAShard
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
