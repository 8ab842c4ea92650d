import Foundation
import TestSupport
import Testing

/// advise's answer as a person reads it in a terminal (issue 31): 100 columns with short labels, exclusions
/// counted (listed with --verbose), code as code blocks in Markdown, C++ only for arbench's own engine.
@Suite("advise answers a person can read")
struct AdviseReadableCLITests {
    static func advise(_ study: String, _ options: [String] = []) throws -> ProcessOutput {
        try AdviseConditionsCLITests.advise(study, options)
    }

    @Test func aConstrainedAnswerFitsAHundredColumnsAndCountsItsExclusions() throws {
        let r = try Self.advise("post-figures-3-4", ["--max-rss", "300MiB", "--max-p99", "10ms"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 100 }, "\(lines.filter { $0.count > 100 })")
        #expect(lines.count < 60, "\(lines.count) lines")
        #expect(r.stdout.contains("excluded: 117 cells (rss_peak_mb <= 300 MiB: 115; latency_p99_ms <= 10.0 ms: 117); --verbose"), "\(r.stdout)")
        #expect(r.stdout.contains("| e2 i1 glibc "), "short labels in the tables")
        let verbose = try Self.advise("post-figures-3-4", ["--max-rss", "300MiB", "--max-p99", "10ms", "--verbose"])
        #expect(verbose.stdout.contains("Excluded by a constraint"))
        #expect(verbose.stdout.split(separator: "\n").count > 200)
    }

    @Test func perConditionAnswersFitToo() throws {
        for study in ["cpu-limits", "streams-latency", "engines-compare"] {
            let r = try Self.advise(study)
            let wide = r.stdout.split(separator: "\n").filter { $0.count > 100 }
            #expect(wide.isEmpty, "\(study): \(wide.map { String($0) })")
        }
    }

    @Test func markdownKeepsCodeAsCodeAndOtherEnginesGetNoCpp() throws {
        let markdown = try Self.advise("post-figures-3-4", ["--format", "markdown"])
        #expect(markdown.stdout.contains("```cpp\nat::set_num_interop_threads(1);"), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("```sh\narbench run AUDIO --engine-threads 2"), "\(markdown.stdout)")
        #expect(!markdown.stdout.contains("- at::"), "C++ lines are not bullets")
        let python = try Self.advise("engines-compare", ["--where", "engine=python"])
        #expect(python.status == 0, "\(python.stderr)")
        #expect(!python.stdout.contains("at::set_num_threads"), "\(python.stdout)")
        #expect(python.stdout.contains("{engine_threads}=2"), "\(python.stdout)")
    }

    /// compare's all-cells table splits its metrics over as many tables as keep each within 100 columns.
    @Test func compareFitsAHundredColumns() throws {
        let quick = AdviseConditionsCLITests.results.appendingPathComponent("baselines/quick").path
        let r = try CLITests.arbench(["compare", quick, quick])
        #expect(r.status == 0, "\(r.stderr)")
        let wide = r.stdout.split(separator: "\n").filter { $0.count > 100 }
        #expect(wide.isEmpty, "\(wide.map { String($0) })")
        #expect(r.stdout.contains("All cells (continued):"))
    }
}
