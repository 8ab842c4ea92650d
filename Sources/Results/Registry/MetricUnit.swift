/// What a results.csv number counts. The symbol is what tables and chart axes print.
public enum MetricUnit: String, Sendable, CaseIterable {
    case seconds, milliseconds, mebibytes, mebibytesPerHour, percent, cores, threads, count
    /// Seconds of audio per second of processing.
    case timesRealTime
    /// A dimensionless quotient (processing_s / audio_s).
    case ratio
    /// Events per second (requests sent).
    case perSecond
    /// Not a quantity: an id, a name, a version, a status.
    case text
    /// ISO 8601 UTC.
    case timestamp

    public var symbol: String {
        switch self {
        case .seconds: "s"
        case .milliseconds: "ms"
        case .mebibytes: "MiB"
        case .mebibytesPerHour: "MiB/h"
        case .percent: "%"
        case .cores: "cores"
        case .threads: "threads"
        case .timesRealTime: "x real time"
        case .perSecond: "/s"
        case .count, .ratio, .text, .timestamp: ""
        }
    }

    public var isNumeric: Bool { self != .text && self != .timestamp }

    /// A rate of change may be negative (RSS shrinking); every other quantity is at least 0.
    public var isSigned: Bool { self == .mebibytesPerHour }
}
