/// One line of the engine's output: a labelled time span.
public struct Tag: Sendable, Equatable, Codable {
    public let startSeconds: Double
    public let endSeconds: Double
    public let label: String
    /// Mean of the winning class's score over the merged segments.
    public let score: Float
    /// How many segments were merged into this tag.
    public let segments: Int

    public init(startSeconds: Double, endSeconds: Double, label: String, score: Float, segments: Int = 1) {
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        self.label = label
        self.score = score
        self.segments = segments
    }

    public static let csvHeader = "start_s,end_s,tag,score"

    public var csvRow: String {
        "\(Self.fixed(startSeconds, 3)),\(Self.fixed(endSeconds, 3)),\(label),\(Self.fixed(Double(score), 4))"
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        // Rounding through integers keeps output locale-free and identical across platforms.
        let scale = Double((0..<digits).reduce(1) { acc, _ in acc * 10 })
        let scaled = (value * scale).rounded()
        let sign = scaled < 0 ? "-" : ""
        let magnitude = Int(abs(scaled))
        let whole = magnitude / Int(scale)
        let fraction = String(magnitude % Int(scale))
        return "\(sign)\(whole).\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
    }
}
