import ArgumentParser
import Foundation
import Results

struct AxesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "axes",
        abstract: "List every axis of the grid: its spec key, role, usual value and placeholder.",
        discussion: """
        One table declares each axis once; the spec reader, the grid, cell ids, results.csv, labels, \
        compare --ignore-axis, advise --where and external engines' placeholders read it. Roles: knob (a \
        setting you deploy: answers pick among its values), condition (where the engine runs and what it \
        is asked: answers are given per value), subject (what is studied: per value). A spec's \
        `roles: {libtorch: condition}` or advise --role changes a role.

        Examples:
          arbench axes
        """)

    func run() throws {
        print("axis                role       usual     spec key          ignorable  placeholder")
        for axis in Axis.all {
            let spec = axis.specKey ?? "(inside allocator)"
            let cells = [axis.name, axis.role.rawValue, axis.usual.isEmpty ? "(empty)" : axis.usual, spec,
                         axis.blankable ? "yes" : "no", axis.placeholderMeaning == nil ? "-" : "{\(axis.name)}"]
            let widths = [20, 11, 10, 18, 11]
            print(cells.enumerated().map { $0.offset < widths.count ? $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) : $0.element }.joined())
        }
    }
}
