/// One axis of the grid, declared once (see `Axis.all`, the table): its name (the spec key, the results.csv
/// column, the `--ignore-axis`/`--where` name and the external engine's placeholder), its role, how a cell
/// spells its value in ids, labels and columns, and what rows written before it existed held. The grid, the
/// cell id, `CellAxes`' columns, reading rows back, labels, blanking, spec changes, placeholders and the
/// deployment snippet iterate the table, so a new axis is one entry here plus its applier.
///
/// Values travel as text (`CellAxes`); the axes that launch code reads as types (thread counts, allocator,
/// runtime, limits, load, engine) also have a typed field on `Cell`. A table-only axis (`values != nil`) has
/// no typed field: its spec values, its canonical text and its effect on the child's environment are all here.
public struct Axis: Sendable, Hashable, CustomStringConvertible {
    /// Spec key, results.csv column, `--ignore-axis` / `--where` name, `{placeholder}`.
    public let name: String
    /// The results.csv column holding the value (a load spreads over more: `CellLoad.columns`).
    public let column: Metric
    /// How answers treat the axis, unless a spec's `roles:` says otherwise.
    public let role: AxisRole
    /// The value of rows written before the axis existed; ids and short labels leave it out.
    public let usual: String
    /// Whether `compare --ignore-axis` may leave it out of a cell's identity (the thread counts are the grid).
    public let blankable: Bool
    /// Axes blanked with this one (the allocator takes its MALLOC_CONF with it).
    public let alsoBlanks: [String]
    /// What `{name}` gives an external engine; nil when the axis is not a placeholder.
    public let placeholderMeaning: String?
    /// The spec key when it differs from the name (`malloc_conf` is spelled inside `allocator:`); nil: none.
    public let specKey: String?
    /// For table-only axes: the values a spec may give and what each sets in the child's environment.
    public let values: AxisValues?

    let get: @Sendable (CellAxes) -> String
    let set: @Sendable (inout CellAxes, String) -> Void
    /// A row's value; nil when the row's text cannot be one (a damaged row).
    let read: @Sendable (ResultRow) -> String?
    /// The columns this value writes.
    let write: @Sendable (String) -> [Metric: String]
    /// This axis's part of the cell id, with its leading separator; "" when the id leaves it out.
    let idPart: @Sendable (CellAxes) -> String
    /// This axis's words in a short label (`e4`, `quota 1.5`); nil when the label leaves it out.
    let labelPart: @Sendable (CellAxes) -> String?
    /// A value as a number for `--limit` (`cpu_quota<=2`: `none` is unlimited, +infinity); nil: not a number.
    public let number: @Sendable (String) -> Double?

    public var description: String { name }
    public var label: String { column.label }

    public static func == (a: Axis, b: Axis) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// The axis named `name`; nil when there is none.
    public static func named(_ name: String) -> Axis? { all.first { $0.name == name } }

    /// The axes a spec writes values of directly (`malloc_conf` comes inside `allocator:`).
    public static var inSpec: [Axis] { all.filter { $0.specKey != nil } }

    /// Table-only axes: no typed field; the spec reader, grid, environment and snippet handle them from here.
    public static var tableOnly: [Axis] { all.filter { $0.values != nil } }

    /// `axes`' value on this axis, as text (`4`, `budget`, `jemalloc`, `streams-8-p10`).
    public func value(in axes: CellAxes) -> String { get(axes) }

    public func setting(_ axes: CellAxes, to value: String) -> CellAxes {
        var copy = axes
        set(&copy, value)
        return copy
    }

    /// `axes` with this axis (and the ones it takes along) left out: `*`.
    public func blank(_ axes: CellAxes) -> CellAxes {
        var copy = axes
        for name in [name] + alsoBlanks { Axis.named(name)?.set(&copy, Axis.blankText) }
        return copy
    }

    /// What a blanked value reads as.
    public static let blankText = "*"
}

/// The values of a table-only axis: how a spec writes one, its canonical text, and its applier (the
/// environment variables a cell with that value gets; arbench removes `controlledVariables` from every
/// cell's inherited environment, so nothing leaks in from the sweep's own).
public struct AxisValues: Sendable {
    /// For errors: `default or a spin count (0, 1000, ...)`.
    public let vocabulary: String
    /// The canonical text of a spec value; nil when it is not one.
    public let parse: @Sendable (String) -> String?
    /// The child's environment for a value (empty at the usual one).
    public let environment: @Sendable (String) -> [String: String]
    public let controlledVariables: [String]
    /// Values sort in this order in reports (default: as text).
    public let precedes: @Sendable (String, String) -> Bool

    public init(vocabulary: String, parse: @escaping @Sendable (String) -> String?,
                environment: @escaping @Sendable (String) -> [String: String], controlledVariables: [String],
                precedes: @escaping @Sendable (String, String) -> Bool = { $0 < $1 }) {
        self.vocabulary = vocabulary
        self.parse = parse
        self.environment = environment
        self.controlledVariables = controlledVariables
        self.precedes = precedes
    }
}

extension Axis {
    /// A value in words for a person: the short label's words when they say more than the value
    /// (`quota 1.5`, `8 streams at 10x`), else the axis's label and the value (`engine cpp`, `CPU quota none`).
    public func describe(_ value: String) -> String {
        var axes = CellAxes(engineThreads: 1, intraOpThreads: 1)
        set(&axes, value)
        // A label that only repeats the value (`pypi`, an engine's name) gets the axis's name before it.
        guard let words = labelPart(axes), words != value else { return "\(label) \(value)" }
        return words
    }
}

extension Axis {
    /// The axes whose role (`roles`, else the table's) is not a knob and that take more than one value among
    /// `cells`: what splits a run into condition groups, in table order.
    public static func conditions(varyingIn cells: [CellAxes], roles: [String: AxisRole] = [:]) -> [Axis] {
        all.filter { axis in (roles[axis.name] ?? axis.role) != .knob && Set(cells.map { axis.value(in: $0) }).count > 1 }
    }

    /// `items` split by their values on `axes`, groups and items in first-seen order.
    public static func grouped<Item>(_ items: [Item], by axes: [Axis], _ cell: (Item) -> CellAxes) -> [(values: [String], items: [Item])] {
        var groups: [(values: [String], items: [Item])] = []
        var index: [[String]: Int] = [:]
        for item in items {
            let key = axes.map { $0.value(in: cell(item)) }
            if let at = index[key] {
                groups[at].items.append(item)
            } else {
                index[key] = groups.count
                groups.append((key, [item]))
            }
        }
        return groups
    }
}

extension Axis {
    /// A condition group's values in words: `quota 1, pypi`.
    public static func describe(_ axes: [Axis], _ values: [String]) -> String {
        zip(axes, values).map { $0.0.describe($0.1) }.joined(separator: ", ")
    }
}
