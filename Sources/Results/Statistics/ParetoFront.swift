/// The points no other point beats on every objective at once (each at least as good, one better).
public enum ParetoFront {
    /// `points[i]`: the point's objectives, each oriented so that larger is better. Returns the
    /// indices on the front, in input order. Points with a missing objective are never on it.
    public static func indices(_ points: [[Double]?]) -> [Int] {
        points.indices.filter { i in
            guard let p = points[i] else { return false }
            return !points.indices.contains { j in
                guard j != i, let q = points[j], q.count == p.count else { return false }
                return zip(q, p).allSatisfy { $0 >= $1 } && zip(q, p).contains { $0 > $1 }
            }
        }
    }
}
