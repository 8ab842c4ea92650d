import Foundation
import Testing
@testable import SceneGen

@Suite struct GroundTruthTests {
    @Test func csvFormat() {
        let events = [
            SceneEvent(start: 0.5, end: 2.003, soundClass: .speech),
            SceneEvent(start: 12.25, end: 16, soundClass: .knock),
        ]
        #expect(GroundTruth.csv(events) == "start_s,end_s,class\n0.500,2.003,speech\n12.250,16.000,knock\n")
        #expect(GroundTruth.csv([]) == "start_s,end_s,class\n")
    }

    @Test func roundTripIsExact() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        for seed: UInt64 in [1, 2, 3] {
            let events = generator(300, seed: seed).events()
            let path = dir.file("labels-\(seed).csv")
            try GroundTruth.csv(events).write(toFile: path, atomically: false, encoding: .utf8)
            #expect(try GroundTruth.read(csvPath: path) == events)
        }
    }

    @Test func readToleratesCRLFAndBlankLines() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("crlf.csv")
        try "start_s,end_s,class\r\n1.000,2.500,music\r\n\r\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(try GroundTruth.read(csvPath: path) == [SceneEvent(start: 1, end: 2.5, soundClass: .music)])
    }

    @Test(arguments: [
        ("", "empty labels file"),
        ("start,end,label\n", "expected header"),
        ("start_s,end_s,class\n1.0,2.0\n", "line 2: expected 3 fields"),
        ("start_s,end_s,class\nx,2.0,music\n", "line 2: start_s 'x'"),
        ("start_s,end_s,class\n1.0,2.0,music\n3.0,2.0,siren\n", "line 3: end_s 2.0 is not after"),
        ("start_s,end_s,class\n1.0,2.0,dog_bark\n", "unknown class 'dog_bark'"),
    ])
    func readRejectsMalformedFiles(_ content: String, _ message: String) throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("bad.csv")
        try content.write(toFile: path, atomically: false, encoding: .utf8)
        let error = #expect(throws: SceneGenError.self) { try GroundTruth.read(csvPath: path) }
        #expect(error?.description.hasPrefix(path + ": ") == true)
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
        #expect(error?.description.contains("\n") == false)
    }

    @Test func readMissingFileNamesThePath() {
        let error = #expect(throws: SceneGenError.self) { try GroundTruth.read(csvPath: "/nonexistent/x.csv") }
        #expect(error?.path == "/nonexistent/x.csv")
    }
}
