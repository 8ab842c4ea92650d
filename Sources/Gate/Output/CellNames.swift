import Results

/// Short names for the cells an answer shows (`e2 i1 jemalloc`, the knobs only), so its tables fit a
/// terminal: unique among the answer's cells, else their cell ids (two cells must never read alike).
struct CellNames {
    private let names: [String: String]

    init(_ advice: Advice) {
        var axes: [String: CellAxes] = [:]
        for candidate in [advice.pick].compactMap({ $0 }) + advice.ties + advice.runnersUp + advice.pareto {
            axes[candidate.cellID] = candidate.axes
        }
        for exclusion in advice.excluded + advice.closest { axes[exclusion.cellID] = exclusion.axes }
        let labels = axes.mapValues(\.knobLabel)
        names = Set(labels.values).count == labels.count ? labels : Dictionary(uniqueKeysWithValues: axes.keys.map { ($0, $0) })
    }

    subscript(cellID: String) -> String { names[cellID] ?? cellID }
}
