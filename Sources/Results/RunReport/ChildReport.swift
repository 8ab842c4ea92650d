import Foundation

/// Why a cell has no usable metrics report.
public struct ChildReportError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
}

/// Reads the `RunReport` the child wrote with `--metrics`.
public enum ChildReport {
    public static func load(path: String) -> Result<RunReport, ChildReportError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ChildReportError(description: "exited 0 but wrote no metrics JSON (\(path))"))
        }
        do {
            return .success(try JSONDecoder().decode(RunReport.self, from: data))
        } catch {
            return .failure(ChildReportError(description: "metrics JSON \(path) is not a run report: \(oneLine(error))"))
        }
    }

    static func oneLine(_ error: Error) -> String {
        "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
