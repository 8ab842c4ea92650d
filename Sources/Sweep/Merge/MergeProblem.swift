/// One reason `arbench merge` refuses its shards, one line for stderr.
public struct MergeProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The shards measured different things (spec, arbench commit, runtimes, inputs) or ran on
        /// different kinds of machine without `--allow-mixed-machines`: exit 3.
        case notComparable
        /// A shard missing, unfinished or damaged (lines lost); a run missing: exit 1, or merged as partial
        /// with `--allow-partial`.
        case incomplete
        /// A shard given twice, a cell measured in two shards, a run not in the grid: exit 1 whatever the flags
        /// (which measurement counts is not the merge's to choose).
        case conflicting
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
