/// The engine a cell runs: arbench's own (`arbench run`), or a command from the spec. An axis like the
/// others: a spec may list several engines, and every other axis then applies to each of them.
public enum CellEngine: Sendable, Hashable, Codable {
    case arbench
    case external(ExternalEngine)

    /// The built-in engine's name in specs, the `engine` column and labels.
    public static let builtInName = "arbench"

    public var name: String {
        switch self {
        case .arbench: Self.builtInName
        case .external(let engine): engine.name
        }
    }

    public var external: ExternalEngine? {
        if case .external(let engine) = self { return engine }
        return nil
    }

    public var isBuiltIn: Bool { external == nil }

    /// The order engines are listed in by name (tables, charts): arbench's own first, then by name.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        if (a == builtInName) != (b == builtInName) { return a == builtInName }
        return a < b
    }

    /// The built-in engine as the string `arbench`, an external one as its mapping.
    public init(from decoder: Decoder) throws {
        if let name = try? decoder.singleValueContainer().decode(String.self), name == Self.builtInName {
            self = .arbench
        } else {
            self = .external(try ExternalEngine(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .arbench:
            var c = encoder.singleValueContainer()
            try c.encode(Self.builtInName)
        case .external(let engine): try engine.encode(to: encoder)
        }
    }
}
