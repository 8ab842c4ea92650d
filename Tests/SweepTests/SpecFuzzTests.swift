import Foundation
import Testing
@testable import Sweep
import Results

/// A spec fuzzer (issue 31): the shipped specs mutated at random (huge, negative and odd numbers, odd
/// Unicode, deep nesting, long ranges, lines dropped, doubled or re-indented, bytes flipped) and read as
/// `sweep` reads them. Every outcome is a spec or a SpecError of at most 20 lines: never a crash, a hang, a
/// flood of lines, or a grid past the stated limit. Seeded: a failure names its seed and mutation to replay.
@Suite("spec fuzzer")
struct SpecFuzzTests {
    static let experiments = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Experiments")

    static let seeds: [String] = ["quick.yaml", "post-figures-3-4.yaml", "cpu-limits.yaml", "allocators.yaml", "engines/python.yaml",
                                  "omp-spincount.yaml", "post-figure-5.yaml"].compactMap {
        try? String(contentsOf: experiments.appendingPathComponent($0), encoding: .utf8)
    }

    static let odd: [String] = [
        "1000000000", "99999999999999999999999", "-1", "-9223372036854775808", "9223372036854775807", "1e308", "-0", "0", ".nan",
        ".inf", "0x7fffffff", "1-100000000", "1-9223372036854775807", "[1, 2, 1e9]", "\u{202E}evil", "🙂", "\u{0}", "''", "~", "null",
        "{a: b}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", String(repeating: "x", count: 5000),
        "*alias", "&anchor 1", "!!binary aGVsbG8=", "\"\\u0000\"", "1m1s1h", "-5s", "100000h", "none", "default", "budget", "all",
    ]

    static func mutate(_ text: String, using g: inout SeededGenerator) -> (String, String) {
        var lines = text.components(separatedBy: "\n")
        guard !lines.isEmpty else { return (text, "empty") }
        let at = Int.random(in: 0..<lines.count, using: &g)
        switch Int.random(in: 0..<7, using: &g) {
        case 0:  // a value replaced by an odd one
            let value = odd.randomElement(using: &g)!
            if let colon = lines[at].firstIndex(of: ":") {
                lines[at] = String(lines[at][...colon]) + " " + value
            } else {
                lines[at] += " " + value
            }
            return (lines.joined(separator: "\n"), "line \(at + 1) value \(value.prefix(40))")
        case 1:
            lines.remove(at: at)
            return (lines.joined(separator: "\n"), "line \(at + 1) dropped")
        case 2:
            lines.insert(lines[at], at: at)
            return (lines.joined(separator: "\n"), "line \(at + 1) doubled")
        case 3:
            lines[at] = String(repeating: " ", count: Int.random(in: 0..<9, using: &g)) + lines[at].trimmingCharacters(in: .whitespaces)
            return (lines.joined(separator: "\n"), "line \(at + 1) re-indented")
        case 4:  // deep nesting
            let depth = Int.random(in: 50..<400, using: &g)
            lines.insert("deep: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth), at: at)
            return (lines.joined(separator: "\n"), "nesting \(depth) at line \(at + 1)")
        case 5:  // a flipped byte
            var bytes = Array(text.utf8)
            let index = Int.random(in: 0..<bytes.count, using: &g)
            bytes[index] = UInt8.random(in: 0...255, using: &g)
            return (String(decoding: bytes, as: UTF8.self), "byte \(index) flipped")
        default:  // a key's value from another key
            let other = lines.randomElement(using: &g)!
            if let colon = lines[at].firstIndex(of: ":"), let otherColon = other.firstIndex(of: ":") {
                lines[at] = String(lines[at][...colon]) + other[other.index(after: otherColon)...]
            }
            return (lines.joined(separator: "\n"), "line \(at + 1) took another value")
        }
    }

    @Test(arguments: 0..<8)
    func mutatedSpecsAreASpecOrAShortErrorNeverACrash(_ seed: UInt64) throws {
        #expect(Self.seeds.count == 7)
        var g = SeededGenerator(seed: seed)
        let cases = 1000
        var (accepted, refused) = (0, 0)
        for index in 0..<cases {
            var (text, what) = Self.mutate(Self.seeds.randomElement(using: &g)!, using: &g)
            if Bool.random(using: &g) {
                let (again, second) = Self.mutate(text, using: &g)
                (text, what) = (again, what + ", " + second)
            }
            do {
                let spec = try parse(text)
                // Accepted: its grid is within the stated limit, so building it is bounded.
                let runs = ExperimentGrid(spec: spec).runs.count
                #expect(runs <= ExperimentSpecLoader.maximumRuns, "seed \(seed) case \(index) (\(what)): \(runs) runs")
                accepted += 1
            } catch let error as SpecError {
                let lines = error.description.split(separator: "\n").count
                #expect((1...20).contains(lines), "seed \(seed) case \(index) (\(what)): \(lines) lines")
                refused += 1
            } catch {
                Issue.record("seed \(seed) case \(index) (\(what)): not a SpecError: \(error)")
            }
        }
        // Both outcomes occur: the mutations reach the checks and do not only break the YAML.
        #expect(accepted > cases / 20 && refused > cases / 4, "accepted \(accepted), refused \(refused)")
    }
}

@Suite("spec errors")
struct SpecErrorLinesTests {
    @Test func aMangledSpecShowsTwentyLinesAtMost() {
        let many = SpecError(problems: (1...57).map { (n: Int) in YAMLProblem(file: "s.yaml", line: n, field: "k\(n)", message: "bad") })
        #expect(many.lines.count == 20)
        #expect(many.lines.last == "... and 38 more problems (fix the first ones and read again)")
        let few = SpecError(problems: (1...3).map { YAMLProblem(file: "s.yaml", line: $0, field: "k", message: "bad") })
        #expect(few.lines.count == 3)
    }
}
