import Foundation
import TestSupport
import Testing

/// Every command's help page at 80 columns: it has examples, each example line is whole (the parser wraps
/// long lines at a space, which splits a command so a copy-paste breaks: long examples continue with `\`),
/// no runs of spaces inside a sentence, a default stated once.
@Suite("help pages")
struct HelpPagesCLITests {
    static func help(_ command: [String]) throws -> String {
        let r = try CLITests.arbench(command + ["--help"], environment: ["COLUMNS": "80"])
        #expect(r.status == 0, "\(command): \(r.stderr)")
        return r.stdout
    }

    /// The names under SUBCOMMANDS: (one per line, indented by two, before the description).
    static func subcommands(_ page: String) -> [String] {
        guard let start = page.range(of: "SUBCOMMANDS:\n") else { return [] }
        return page[start.upperBound...].split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            return line.split(separator: " ").first.map(String.init).flatMap { $0.first?.isLetter == true ? $0 : nil }
        }.filter { $0 != "See" && $0 != "help" }
    }

    @Test func everyPageHasWholeExamplesAndReadsCleanly() throws {
        var pages: [[String]] = []
        for name in Self.subcommands(try Self.help([])) {
            pages.append([name])
            for sub in Self.subcommands(try Self.help([name])) { pages.append([name, sub]) }
        }
        #expect(pages.count >= 25, "\(pages)")
        for command in pages {
            let page = try Self.help(command)
            let what = command.joined(separator: " ")
            guard let start = page.range(of: "Examples:\n") else {
                Issue.record("arbench \(what) --help has no Examples:")
                continue
            }
            // The examples run to the first blank line; each line is an indented command, its continuation or
            // a comment: a line starting at column 0 is the tail of a wrapped one.
            for line in String(page[start.upperBound...]).components(separatedBy: "\n\n")[0].split(separator: "\n") {
                #expect(line.hasPrefix("  "), "arbench \(what) --help: an example wrapped at 80 columns: \(line)")
            }
            for line in page.split(separator: "\n") where !line.hasPrefix("  ") {
                #expect(!line.contains("   "), "arbench \(what) --help: a run of spaces: \(line)")
            }
            let flat = page.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            #expect(flat.range(of: #"\(default: [^)]*\)\.? \(default:"#, options: .regularExpression) == nil,
                    "arbench \(what) --help: a default stated twice")
        }
    }
}
