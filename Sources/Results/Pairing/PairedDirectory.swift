import Foundation

/// Where `arbench ab` keeps an A/B:
///
/// ```
/// DIR/base/      a normal run directory (RunDirectory) of the base build's runs
/// DIR/current/   the same for the current build
/// DIR/pairs.csv  which base row and which current row make each pair (PairsFile)
/// DIR/ab.json    the seed and the two binaries (PairedSettings), so --resume continues the same plan
/// DIR/instructions.csv  the counts an instruction-count A/B judged (InstructionsFile)
/// ```
public struct PairedDirectory: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public func side(_ side: BuildSide) -> RunDirectory { RunDirectory(path: file(side.rawValue)) }
    public var pairs: String { file("pairs.csv") }
    public var settings: String { file("ab.json") }
    public var instructions: String { file("instructions.csv") }

    private func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }
}

/// DIR/ab.json: what an A/B must keep to be resumed as the same A/B.
public struct PairedSettings: Sendable, Equatable, Codable {
    public var seed: UInt64
    public var baseBinary: String
    public var currentBinary: String

    public init(seed: UInt64, baseBinary: String, currentBinary: String) {
        self.seed = seed
        self.baseBinary = baseBinary
        self.currentBinary = currentBinary
    }

    enum CodingKeys: String, CodingKey {
        case seed
        case baseBinary = "base_binary"
        case currentBinary = "current_binary"
    }

    public static func read(path: String) -> PairedSettings? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(PairedSettings.self, from: data)
    }

    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(try encoder.encode(self) + Data("\n".utf8), to: path)
    }
}
