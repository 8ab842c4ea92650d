import Testing
@testable import SceneGen

@Suite struct DurationParserTests {
    @Test(arguments: [
        ("90", 90.0), ("90s", 90), ("35m", 2100), ("2h", 7200), ("1h30m", 5400), ("1.5h", 5400),
        ("1h30m15s", 5415), ("2m30s", 150), ("0.5", 0.5), (" 10M ", 600), ("1h 30m", 5400), ("1h15s", 3615),
    ])
    func accepts(_ text: String, _ expected: Double) throws {
        #expect(try DurationParser.seconds(text) == expected)
    }

    @Test(arguments: ["", "abc", "-5", "0", "0s", "1x", "h", "1h1h", "30m1h", "1h30", "1..5h", ".", "1e3", "500ms", "inf", "nan"])
    func rejects(_ text: String) {
        let error = #expect(throws: SceneGenError.self) { try DurationParser.seconds(text) }
        #expect(error?.description.contains("invalid duration '\(text)'") == true, "\(String(describing: error))")
    }
}
