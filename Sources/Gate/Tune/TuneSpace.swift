import Results

/// The grid as `tune` walks it: every axis with more than one value, each value's place on its axis,
/// and the cell one step along an axis from another. Built from the cells alone (their results.csv axis
/// columns, `CellAxes.columns`), so an axis added to the grid is searchable without a change here.
public struct TuneSpace: Sendable {
    public struct Axis: Sendable, Equatable {
        /// The results.csv column (the allocator's column stands for allocator and malloc_conf together).
        public var name: String
        /// In search order: numbers ascending, then the words (`default`, `none`) in grid order;
        /// a categorical axis keeps grid order.
        public var values: [String]
        /// How many of `values` (from the front) are numbers: steps along the axis move among these.
        public var numericCount: Int

        /// The values a line search along the axis measures first: all of them when there are few;
        /// else about five numbers spaced evenly on a log scale (1, 2, 4, 8, 16 of 1...16) and every word.
        public var probe: [Int] {
            guard numericCount > Self.probeSize else { return Array(values.indices) }
            let numbers = values.prefix(numericCount).map { Double($0)! }
            let (low, high) = (max(numbers.first!, 1e-9), max(numbers.last!, 1e-9))
            var picked: [Int] = []
            for step in 0..<Self.probeSize {
                let target = (low.logarithm + (high.logarithm - low.logarithm) * Double(step) / Double(Self.probeSize - 1))
                let nearest = numbers.indices.min { abs(max(numbers[$0], 1e-9).logarithm - target) < abs(max(numbers[$1], 1e-9).logarithm - target) }!
                if !picked.contains(nearest) { picked.append(nearest) }
            }
            return picked.sorted() + Array(numericCount..<values.count)
        }

        static let probeSize = 5
    }

    public let cells: [CellAxes]
    /// Only axes the grid varies: engine threads, intra-op threads, LibTorch runtime, engine mode, allocator,
    /// wait policy, inter-op threads, then any other axis by name.
    public let axes: [Axis]
    private let coordinates: [CellAxes: [Int]]
    private let byCoordinates: [[Int]: CellAxes]

    public init(cells: [CellAxes]) {
        var unique: [CellAxes] = []
        var seen = Set<CellAxes>()
        for cell in cells where seen.insert(cell).inserted { unique.append(cell) }
        self.cells = unique

        var byName: [String: [String]] = [:]
        for cell in unique {
            for (name, value) in Self.values(of: cell) where !(byName[name]?.contains(value) ?? false) {
                byName[name, default: []].append(value)
            }
        }
        let varied = byName.filter { $0.value.count > 1 }
        let names = varied.keys.sorted { a, b in
            let (x, y) = (Self.visitOrder.firstIndex(of: a) ?? Int.max, Self.visitOrder.firstIndex(of: b) ?? Int.max)
            return x != y ? x < y : a < b
        }
        axes = names.map { name in
            let values = varied[name]!
            let numbers = values.filter { Double($0) != nil }.sorted { Double($0)! < Double($1)! }
            // A mostly-word axis (allocators) is categorical: one number among words is not a scale.
            guard numbers.count >= 2 else { return Axis(name: name, values: values, numericCount: 0) }
            return Axis(name: name, values: numbers + values.filter { Double($0) == nil }, numericCount: numbers.count)
        }
        var coordinates: [CellAxes: [Int]] = [:]
        var byCoordinates: [[Int]: CellAxes] = [:]
        for cell in unique {
            let values = Self.values(of: cell)
            let point = axes.map { axis in axis.values.firstIndex(of: values[axis.name]!)! }
            coordinates[cell] = point
            byCoordinates[point] = cell
        }
        self.coordinates = coordinates
        self.byCoordinates = byCoordinates
    }

    /// The orders the search walks the axes in (indices into `axes`): thread counts first, then the others
    /// first when the grid has both kinds (see `TuneSearch`).
    public var walks: [[Int]] {
        let numeric = axes.indices.filter { axes[$0].numericCount > 0 }
        let other = axes.indices.filter { axes[$0].numericCount == 0 }
        return numeric.isEmpty || other.isEmpty ? [Array(axes.indices)] : [numeric + other, other + numeric]
    }

    /// Where the search starts: every axis at its first value (the fewest threads, the grid's first
    /// allocator and runtime), or the grid's first cell when that combination is not in it.
    public var start: CellAxes? {
        byCoordinates[axes.map { _ in 0 }] ?? cells.first
    }

    public func index(of cell: CellAxes, on axis: Int) -> Int { coordinates[cell]![axis] }

    /// `cell` with `axis` at value `index`; nil when the grid has no such cell.
    public func moving(_ cell: CellAxes, axis: Int, to index: Int) -> CellAxes? {
        guard var point = coordinates[cell] else { return nil }
        point[axis] = index
        return byCoordinates[point]
    }

    /// The value indices next to `index` on a numeric axis (one step down and up); none on a word.
    public func neighbours(of index: Int, on axis: Int) -> [Int] {
        let count = axes[axis].numericCount
        guard index < count else { return [] }
        return [index - 1, index + 1].filter { (0..<count).contains($0) }
    }

    /// The cells one step from `cell`: on a numeric axis the next value down and up (and every word, such as
    /// `default`), on a categorical one every other value; axis by axis, in value order.
    public func oneStep(from cell: CellAxes) -> [CellAxes] {
        axes.indices.flatMap { axis -> [CellAxes] in
            let here = index(of: cell, on: axis)
            let numeric = axes[axis].numericCount
            let steps = here < numeric
                ? neighbours(of: here, on: axis) + Array(numeric..<axes[axis].values.count)
                : axes[axis].values.indices.filter { $0 != here }
            return steps.compactMap { moving(cell, axis: axis, to: $0) }
        }
    }

    /// One cell's value per axis column; allocator and its malloc_conf are one axis (`jemalloc (conf)`).
    static func values(of cell: CellAxes) -> [String: String] {
        var values: [String: String] = [:]
        for (metric, value) in cell.columns where metric != .mallocConf {
            values[metric.column] = metric == .allocator ? cell.allocatorLabel : value
        }
        return values
    }

    static let visitOrder: [String] = [Metric.engineThreads, .intraOpThreads, .libtorch, .engineMode, .allocator, .ompWaitPolicy,
                                       .interOpThreads].map(\.column)
}
