/// A count with its noun in the right number: "1 regression", "2 regressions", "0 runs".
public enum CountText {
    /// `plural` defaults to the noun with an `s`; give it for irregular nouns ("1 cell is", not here).
    public static func of(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
    }
}
