import Foundation

/// A figure ready to draw: every number, label and range decided. `GnuplotRenderer` hands it to
/// the C++ layer in CShims/CPlot, which only translates it into gnuplot commands.
public struct Figure: Sendable {
    public var title: String
    public var footer: String
    public var rows: Int
    public var columns: Int
    public var width: Int
    public var height: Int
    public var panels: [Panel]

    /// Panels in a grid sized for a person to read: 1 panel 1200x800, more in up to 4 columns
    /// (3 unless asked), long panel titles wrapped to fit their column.
    public init(title: String, footer: String, panels: [Panel], columns: Int? = nil) {
        self.title = title
        self.footer = footer
        let n = max(panels.count, 1)
        let cols = Swift.min(Swift.max(columns ?? (n == 1 ? 1 : n <= 4 ? 2 : 3), 1), 4, n)
        self.columns = cols
        rows = (n + cols - 1) / cols
        width = [1200, 1500, 1800, 2200][cols - 1]
        height = rows == 1 ? (cols == 1 ? 800 : 700) : 440 * rows + 80
        let limit = [100, 60, 45, 38][cols - 1]
        self.panels = panels.map { panel in
            var p = panel
            p.title = Figure.wrap(panel.title, limit: limit)
            return p
        }
    }

    /// Breaks `text` into lines of at most about `limit` characters, after a comma or before " (".
    public static func wrap(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        var pieces: [String] = []
        var current = ""
        for ch in text {
            if ch == "(" && current.hasSuffix(" ") {
                pieces.append(current)
                current = ""
            }
            current.append(ch)
            if ch == "," {
                pieces.append(current)
                current = ""
            }
        }
        pieces.append(current)
        var lines: [String] = []
        var line = ""
        for piece in pieces {
            if !line.isEmpty, line.count + piece.count > limit {
                lines.append(line.trimmingCharacters(in: .whitespaces))
                line = ""
            }
            line += piece
        }
        lines.append(line.trimmingCharacters(in: .whitespaces))
        return lines.filter { !$0.isEmpty }.joined(separator: "\n")
    }
}

public struct Panel: Sendable {
    public enum Key: Sendable { case outsideRight, insideTopLeft, insideTopRight, below, none }

    public var title: String
    public var x: Axis
    public var y: Axis
    public var colour = Axis(label: "")
    public var key: Key = .outsideRight
    public var series: [Series]

    public init(title: String, x: Axis, y: Axis, colour: Axis = Axis(label: ""), key: Key = .outsideRight,
                series: [Series]) {
        self.title = title
        self.x = x
        self.y = y
        self.colour = colour
        self.key = key
        self.series = series
    }
}

public struct Axis: Sendable {
    public var label: String
    public var logBase = 0
    public var min: Double?
    public var max: Double?
    public var ticks: [(label: String, position: Double)] = []
    public var tickRotation = 0

    public init(label: String, logBase: Int = 0, min: Double? = nil, max: Double? = nil,
                ticks: [(label: String, position: Double)] = [], tickRotation: Int = 0) {
        self.label = label
        self.logBase = logBase
        self.min = min
        self.max = max
        self.ticks = ticks
        self.tickRotation = tickRotation
    }
}

public struct Series: Sendable {
    public enum Kind: Sendable { case linesPoints, lines, bars, cells, points }

    public var name: String
    public var kind: Kind
    public var style: Int
    public var x: [Double]
    public var y: [Double]
    public var base: [Double]? = nil
    public var errLow: [Double]? = nil
    public var errHigh: [Double]? = nil
    public var value: [Double]? = nil
    public var width = 0.0
    public var height = 0.0
    public var labelFormat: String? = nil

    public init(name: String, kind: Kind, style: Int, x: [Double], y: [Double]) {
        self.name = name
        self.kind = kind
        self.style = style
        self.x = x
        self.y = y
    }
}

/// A chart the plot command writes: `charts/<name>.png` and `.svg`.
public struct ChartPlan: Sendable {
    public var name: String
    /// One line for the report: what the chart shows and how to read it.
    public var caption: String
    public var figure: Figure
}
