/// The cell other cells are normalised against (read by the gate; the sweep only checks that it is in the grid).
public struct ReferenceCell: Sendable, Equatable, Codable {
    public var engineThreads: Int
    public var intraOpThreads: Int

    public init(engineThreads: Int, intraOpThreads: Int) {
        self.engineThreads = engineThreads
        self.intraOpThreads = intraOpThreads
    }

    enum CodingKeys: String, CodingKey {
        case engineThreads = "engine_threads"
        case intraOpThreads = "intra_op_threads"
    }
}
