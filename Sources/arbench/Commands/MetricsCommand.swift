import ArgumentParser
import Results

extension MetricCatalog.Format: ExpressibleByArgument {}

struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "List every results.csv column: its unit, which direction is better, its kind and what it means.",
        discussion: """
        One registry declares each column once; the sweep writes it, and compare, check, plot, advise and \
        REPORT.md read it. Kinds: axis (a setting of the grid), measured, derived (computed from other \
        columns of the row), record (status, versions, digests: not a quantity to compare). check's \
        expectations accept the numeric columns that have a better direction.

        Examples:
          arbench metrics
          arbench metrics --format markdown
          arbench metrics --format json
        """)

    @Option(help: "text (one line per column), markdown (the README's table), csv or json.")
    var format: MetricCatalog.Format = .text

    func run() throws {
        print(MetricCatalog.render(format), terminator: "")
    }
}
