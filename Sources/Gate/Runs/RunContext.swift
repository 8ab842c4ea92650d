import Foundation
import Sweep

/// What the gate needs from a run's meta.json. Read field by field and leniently: a meta.json
/// written by an older arbench still gives what it has, and a missing fingerprint makes the run
/// "not comparable" rather than unreadable.
public struct RunContext: Sendable {
    public var specName: String?
    /// The experiment spec as written (its `expectations:` and `reference_cell:` are read from it).
    public var specYAML: String?
    public var referenceCell: ReferenceCell?
    public var machine: MachineFingerprint?
    public var software: SoftwareVersions?

    public init(specName: String? = nil, specYAML: String? = nil, referenceCell: ReferenceCell? = nil,
                machine: MachineFingerprint? = nil, software: SoftwareVersions? = nil) {
        self.specName = specName
        self.specYAML = specYAML
        self.referenceCell = referenceCell
        self.machine = machine
        self.software = software
    }

    /// Nil when the file is missing; throws when it exists but is not JSON.
    public static func read(path: String) throws -> RunContext? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(Stored.self, from: data).context
        } catch {
            throw RunLoadError("\(path): not a readable meta.json (\(error.localizedDescription))")
        }
    }

    private struct Stored: Decodable {
        struct Spec: Decodable {
            var referenceCell: ReferenceCell?
            enum CodingKeys: String, CodingKey { case referenceCell = "reference_cell" }
        }

        var context: RunContext

        enum CodingKeys: String, CodingKey {
            case specName = "spec_name", specYAML = "spec_yaml", spec, machine, software
        }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            context = RunContext(
                specName: try? container.decodeIfPresent(String.self, forKey: .specName),
                specYAML: try? container.decodeIfPresent(String.self, forKey: .specYAML),
                referenceCell: (try? container.decodeIfPresent(Spec.self, forKey: .spec))?.referenceCell,
                machine: try? container.decodeIfPresent(MachineFingerprint.self, forKey: .machine),
                software: try? container.decodeIfPresent(SoftwareVersions.self, forKey: .software))
        }
    }
}
