import Foundation
@testable import Report

/// The synthetic run directories in Tests/ReportTests/.fixtures (invented numbers, for tests only;
/// a dot folder so SwiftPM does not ask to declare them as resources).
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(".fixtures")

    /// A fresh copy of fixture `name` in a temporary folder, since plotting writes into the run directory.
    static func copy(_ name: String) throws -> URL {
        let target = FileManager.default.temporaryDirectory
            .appendingPathComponent("arbench-report-tests-\(UUID().uuidString)")
            .appendingPathComponent(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: root.appendingPathComponent(name), to: target)
        return target
    }

    static func remove(_ directory: URL) {
        try? FileManager.default.removeItem(at: directory.deletingLastPathComponent())
    }

    static func index(_ name: String) throws -> RunIndex {
        RunIndex(try RunData.load(from: root.appendingPathComponent(name)))
    }
}

extension PlotOutcome {
    func chart(_ name: String) -> RenderedChart? { charts.first { $0.name == name } }

    func svgText(_ name: String) throws -> String {
        guard let url = chart(name)?.files[.svg] else { return "" }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
