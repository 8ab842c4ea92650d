import Foundation

/// Where a sweep keeps everything it produces:
///
/// ```
/// DIR/results.csv   one row per cell run          DIR/spec.yaml   the spec as run
/// DIR/timeline.csv  /proc samples of every run    DIR/meta.json   machine, versions, sessions
/// DIR/REPORT.md     summary for people            DIR/audio/      the generated scene
/// DIR/cells/CELL-rN.json  the child's metrics     DIR/cells/CELL-rN.log  its stdout and stderr
/// DIR/cells/CELL-rN.callgrind  its instruction count (`ab --measure instructions`)
/// ```
public struct RunDirectory: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public var results: String { file("results.csv") }
    public var timeline: String { file("timeline.csv") }
    public var meta: String { file("meta.json") }
    public var report: String { file("REPORT.md") }
    public var specCopy: String { file("spec.yaml") }
    /// `tune`'s search path and advice (Markdown), and the same as JSON.
    public var tuneReport: String { file("TUNE.md") }
    public var tuneRecord: String { file("tune.json") }
    public var cells: String { file("cells") }
    public var audio: String { file("audio") }

    public func metricsPath(_ run: CellRun) -> String { metricsPath(run.key) }
    public func metricsPath(_ key: RunKey) -> String { "\(cells)/\(key.fileStem).json" }
    public func logPath(_ run: CellRun) -> String { "\(cells)/\(run.fileStem).log" }
    /// callgrind's output of a run counted by `ab --measure instructions`.
    public func instructionsPath(_ key: RunKey) -> String { Self.instructionsPath(metricsPath: metricsPath(key)) }
    public static func instructionsPath(metricsPath: String) -> String {
        (metricsPath as NSString).deletingPathExtension + ".callgrind"
    }

    public func create() throws {
        try FileManager.default.createDirectory(atPath: cells, withIntermediateDirectories: true)
    }

    /// `Results/runs/NAME-YYYYMMDDTHHMMSSZ` (UTC), the layout the Makefile uses for its runs.
    public static func defaultPath(specName: String, date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        return "Results/runs/\(specName)-\(formatter.string(from: date))"
    }

    private func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }
}
