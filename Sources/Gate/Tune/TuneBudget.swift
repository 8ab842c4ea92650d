import Foundation

/// `--budget`: how many runs `tune` may spend, as a count (`40`) or a share of the full grid's runs
/// (`10%`, the unit the replay table reports in).
public enum TuneBudget: Sendable, Equatable, CustomStringConvertible {
    case runs(Int)
    case share(Double)

    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("%") {
            guard let percent = Double(trimmed.dropLast()), percent > 0, percent <= 100 else { return nil }
            self = .share(percent / 100)
        } else {
            guard let runs = Int(trimmed), runs >= 1 else { return nil }
            self = .runs(runs)
        }
    }

    /// Runs allowed for a grid of `gridRuns` runs (cells x repetitions); a share rounds down, at least 1.
    public func runs(ofGrid gridRuns: Int) -> Int {
        switch self {
        case .runs(let runs): runs
        case .share(let share): max(1, Int((Double(gridRuns) * share + 1e-9).rounded(.down)))
        }
    }

    public var description: String {
        switch self {
        case .runs(let runs): "\(runs) runs"
        case .share(let share): "\(NumberText.adaptive(share * 100))% of the grid's runs"
        }
    }
}
