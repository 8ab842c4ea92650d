import Results

/// The counts of an A/B's runs, as `ab --measure instructions` left them beside each run
/// (RunDirectory.instructionsPath), or, once those are gone, as it exported them (DIR/instructions.csv):
/// what `ab` judges after its runs and `ab-power` reads back.
public enum InstructionProfiles {
    public typealias BySide = [BuildSide: [RunKey: Result<InstructionProfile, InstructionProfile.ParseError>]]

    /// Every pair's two counts (or why one cannot be read); nil when the A/B counted nothing (a timed A/B).
    public static func read(_ directory: PairedDirectory, pairs: [PairRecord]) -> BySide? {
        let exported = InstructionsFile.read(path: directory.instructions)
        var profiles: BySide = [:]
        var found = false
        for pair in pairs {
            for side in BuildSide.allCases {
                let key = pair.key(side)
                var result = InstructionProfile.read(path: directory.side(side).instructionsPath(key))
                if case .failure = result, let byObject = exported?[side]?[key] {
                    result = .success(InstructionProfile(total: byObject.values.reduce(0, +), byObject: byObject))
                }
                if case .success = result { found = true }
                profiles[side, default: [:]][key] = result
            }
        }
        return found ? profiles : nil
    }

    /// The counts read, as DIR/instructions.csv keeps them.
    public static func counts(_ profiles: BySide) -> InstructionsFile.Counts {
        profiles.mapValues { runs in
            runs.compactMapValues { result in (try? result.get())?.byObject }
        }
    }
}
