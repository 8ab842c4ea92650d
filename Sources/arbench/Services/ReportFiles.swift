import Foundation
import Gate
import Report
import Results

/// Files the gate and advice commands share: the A/B's thresholds file (`ab`, `ab-power`) and the advice
/// section and chart of a run directory (`advise --report`, every `tune`).
enum ReportFiles {
    /// --thresholds of `ab` and `ab-power`: the defaults, or a file overriding any subset (exit 64 when bad).
    static func loadThresholds(_ thresholds: String?) throws -> PairedThresholds {
        guard let thresholds else { return .default }
        do {
            return try PairedThresholds.load(yaml: String(contentsOfFile: thresholds, encoding: .utf8))
        } catch {
            printError("\(thresholds): \(error)")
            throw ExitCodes.usage
        }
    }

    /// The chart and REPORT.md section (`--report`, and every tune), or a one-line error and exit 1.
    static func writeReport(_ advice: Advice, run: RunResults, conditions: ConditionAdvice? = nil) throws {
        do {
            let written = try AdviceReport.write(advice, run: run, conditions: conditions)
            written.warnings.forEach { printNote("gnuplot warning: \($0)") }
            printNote("wrote " + written.files.map { $0.lastPathComponent }.joined(separator: ", "))
        } catch {
            printError("cannot write the advice report into \(RunLoader.directory(of: run.source)): \(error)")
            throw ExitCodes.error
        }
    }
}
