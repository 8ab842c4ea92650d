import CPlot
import Foundation

public enum ChartFormat: String, Sendable, CaseIterable {
    case png, svg

    var terminal: arb_terminal { self == .png ? ARB_TERMINAL_PNG : ARB_TERMINAL_SVG }
}

/// Draws a `Figure` through CShims/CPlot's C API.
public enum GnuplotRenderer {
    /// Writes `figure` to `path`. Returns gnuplot's warnings (usually empty); throws on failure.
    @discardableResult
    public static func render(_ figure: Figure, format: ChartFormat, to path: String) throws -> String {
        let arena = CArena()
        var panels: [arb_panel] = []
        for panel in figure.panels {
            let series = panel.series.map { s -> arb_series in
                var c = arb_series()
                c.name = arena.string(s.name)
                c.kind = s.kind.c
                c.style = Int32(s.style)
                c.count = min(s.x.count, s.y.count)
                c.x = arena.doubles(s.x)
                c.y = arena.doubles(s.y)
                c.base = s.base.map(arena.doubles)
                c.err_low = s.errLow.map(arena.doubles)
                c.err_high = s.errHigh.map(arena.doubles)
                c.value = s.value.map(arena.doubles)
                c.width = s.width
                c.height = s.height
                c.label_format = s.labelFormat.map(arena.string)
                return c
            }
            var p = arb_panel()
            p.title = arena.string(panel.title)
            p.x = panel.x.c(arena)
            p.y = panel.y.c(arena)
            p.colour = panel.colour.c(arena)
            p.key = panel.key.c
            p.series = arena.array(series)
            p.series_count = series.count
            panels.append(p)
        }
        var f = arb_figure()
        f.output_path = arena.string(path)
        f.terminal = format.terminal
        f.width = Int32(figure.width)
        f.height = Int32(figure.height)
        f.title = arena.string(figure.title)
        f.footer = arena.string(figure.footer)
        f.rows = figure.rows
        f.columns = figure.columns
        f.panels = arena.array(panels)
        f.panel_count = panels.count

        var message = [CChar](repeating: 0, count: 4096)
        let status = arb_plot_figure(&f, &message, message.count)
        let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if status != 0 { throw RunDataError("cannot draw \(path): \(text)") }
        return text
    }
}

extension Series.Kind {
    var c: arb_series_kind {
        switch self {
        case .linesPoints: ARB_SERIES_LINESPOINTS
        case .lines: ARB_SERIES_LINES
        case .bars: ARB_SERIES_BARS
        case .cells: ARB_SERIES_CELLS
        case .points: ARB_SERIES_POINTS
        }
    }
}

extension Panel.Key {
    var c: arb_key_position {
        switch self {
        case .outsideRight: ARB_KEY_OUTSIDE_RIGHT
        case .insideTopLeft: ARB_KEY_INSIDE_TOP_LEFT
        case .insideTopRight: ARB_KEY_INSIDE_TOP_RIGHT
        case .below: ARB_KEY_BELOW
        case .none: ARB_KEY_NONE
        }
    }
}

extension Axis {
    fileprivate func c(_ arena: CArena) -> arb_axis {
        var a = arb_axis()
        a.label = arena.string(label)
        a.log_base = Int32(logBase)
        a.min = min ?? .nan
        a.max = max ?? .nan
        if !ticks.isEmpty {
            let cTicks = ticks.map { arb_tick(label: arena.string($0.label), position: $0.position) }
            a.ticks = arena.array(cTicks)
            a.tick_count = cTicks.count
        }
        a.tick_rotation = Int32(tickRotation)
        return a
    }
}

/// Owns the C copies of strings and arrays for one call; frees them when it goes away.
private final class CArena {
    private var releases: [() -> Void] = []

    func string(_ text: String) -> UnsafePointer<CChar> {
        let copy = strdup(text)!
        releases.append { free(copy) }
        return UnsafePointer(copy)
    }

    func doubles(_ values: [Double]) -> UnsafePointer<Double> { array(values) }

    func array<T>(_ values: [T]) -> UnsafePointer<T> {
        let buffer = UnsafeMutablePointer<T>.allocate(capacity: max(values.count, 1))
        buffer.initialize(from: values, count: values.count)
        let count = values.count
        releases.append {
            buffer.deinitialize(count: count)
            buffer.deallocate()
        }
        return UnsafePointer(buffer)
    }

    deinit {
        for release in releases { release() }
    }
}

extension ChartPlan {
    /// Draws the chart into `directory/charts/<name>.<format>` for each format; returns the files and
    /// gnuplot's warnings. For charts drawn outside `arbench plot` (advise, capacity).
    public func write(into directory: URL, formats: [ChartFormat]) throws -> (files: [URL], warnings: [String]) {
        let charts = directory.appendingPathComponent("charts")
        try FileManager.default.createDirectory(at: charts, withIntermediateDirectories: true)
        var files: [URL] = []
        var warnings: [String] = []
        for format in formats {
            let url = charts.appendingPathComponent("\(name).\(format.rawValue)")
            let warning = try GnuplotRenderer.render(figure, format: format, to: url.path)
            if !warning.isEmpty { warnings.append(warning) }
            files.append(url)
        }
        return (files, warnings)
    }
}
