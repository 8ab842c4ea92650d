/// What inference produced for one segment; engine threads finish these in any order.
public struct SegmentScores: Sendable, Codable {
    public let segmentIndex: Int
    public let startSeconds: Double
    public let endSeconds: Double
    public let scores: [Float]

    public init(segmentIndex: Int, startSeconds: Double, endSeconds: Double, scores: [Float]) {
        self.segmentIndex = segmentIndex
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        self.scores = scores
    }
}
