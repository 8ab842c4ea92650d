/// Parses human durations: "90", "90s", "35m", "2h", "1h30m", "1.5h", "1h30m15s", "2m30s".
/// Units h, m, s each at most once and in that order; any component may be decimal; spaces
/// between components are allowed. The result must be positive.
public enum DurationParser {
    public static func seconds(_ text: String) throws -> Double {
        func fail(_ why: String) -> SceneGenError {
            SceneGenError(path: "", problem: "invalid duration '\(text)': \(why) (examples: 90, 90s, 35m, 2h, 1h30m, 1.5h)")
        }
        let chars = Array(text.lowercased().filter { $0 != " " && $0 != "\t" })
        guard !chars.isEmpty else { throw fail("empty") }
        if chars.first == "-" { throw fail("must be positive") }

        var total = 0.0
        var lastRank = 3 // h = 2, m = 1, s = 0
        var i = 0
        while i < chars.count {
            let numberStart = i
            while i < chars.count, chars[i].isASCII, chars[i].isNumber || chars[i] == "." { i += 1 }
            let digits = String(chars[numberStart ..< i])
            guard !digits.isEmpty else { throw fail("expected a number at '\(String(chars[i...]))'") }
            guard digits.filter({ $0 == "." }).count <= 1, digits != ".", let value = Double(digits) else {
                throw fail("'\(digits)' is not a number")
            }
            let rank: Int, unit: Double
            if i == chars.count {
                guard numberStart == 0 else { throw fail("missing unit after '\(digits)'") }
                rank = 0; unit = 1 // a bare number means seconds
            } else {
                switch chars[i] {
                case "h": rank = 2; unit = 3600
                case "m": rank = 1; unit = 60
                case "s": rank = 0; unit = 1
                default: throw fail("unknown unit '\(chars[i])' (use h, m or s)")
                }
                i += 1
            }
            guard rank < lastRank else { throw fail("units must appear at most once, in the order h, m, s") }
            lastRank = rank
            total += value * unit
        }
        guard total.isFinite else { throw fail("too large") }
        guard total > 0 else { throw fail("must be positive") }
        return total
    }
}
