/// What an external engine's command and environment can name in braces: every axis of the table that
/// has a placeholder (named as its results.csv column: `Axis.all`), and the paths arbench prepares. The
/// list the README prints and the spec error names.
public enum EnginePlaceholder: Sendable, Hashable {
    /// An axis of the cell, by name (`Axis.placeholderMeaning` says what it gives).
    case axis(String)
    case cpuBudget, cellID, repetition
    case model, audio, audioList, out, metrics

    /// The axes' placeholders in table order, then the others.
    public static var allCases: [EnginePlaceholder] {
        Axis.all.filter { $0.placeholderMeaning != nil }.map { .axis($0.name) }
            + [.cpuBudget, .cellID, .repetition, .model, .audio, .audioList, .out, .metrics]
    }

    /// The name between the braces.
    public var name: String {
        switch self {
        case .axis(let name): name
        case .cpuBudget: Metric.cpuBudget.column
        case .cellID: Metric.cellID.column
        case .repetition: Metric.repetition.column
        case .model: "model"
        case .audio: "audio"
        case .audioList: "audio_list"
        case .out: "out"
        case .metrics: "metrics"
        }
    }

    public init?(name: String) {
        guard let found = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = found
    }

    public var text: String { "{\(name)}" }

    /// Stands for several values: one argv element each, so it must be a whole element of the command.
    public var isList: Bool { self == .audio }

    public var meaning: String {
        switch self {
        case .axis(let name): Axis.named(name)?.placeholderMeaning ?? name
        case .cpuBudget: "CPUs the cell may use: min(quota, cpuset, machine)"
        case .cellID: "the cell's id"
        case .repetition: "the repetition, from 1"
        case .model: "the TorchScript model file (the spec's preset or file)"
        case .audio: "the audio files, one argument each (a whole element of the command)"
        case .audioList: "a text file listing the audio files, one path per line"
        case .out: "a scratch directory of this run, empty at start (kept beside the cell's metrics)"
        case .metrics: "where the engine may write its metrics JSON (schema arbench.engine-metrics/1)"
        }
    }
}
