import ArgumentParser
import Foundation
import Results
import SceneGen
import Sweep
import Training

/// What the commands that run cells share (sweep, tune, ab, slurm and k8s): a spec loaded and validated, an
/// existing run directory to resume, inputs prepared, leftover cgroups cleared; each failure one line on
/// stderr and its exit code.
enum SweepSession {
    /// Groups of cells whose sweep, tune or A/B was killed (SIGKILL leaves it no chance) go first, dry run
    /// included: housekeeping of arbench's own groups, not a run.
    static func removeLeftoverCgroups() {
        if let host = CgroupHost.current, let line = CgroupJanitor.report(CgroupJanitor.removeLeftovers(host: host)) {
            printNote(line)
        }
    }

    /// `--resume X`: X must be a sweep's run directory (it has the spec.yaml the sweep wrote first).
    static func sweepDirectory(_ path: String) throws -> RunDirectory {
        let directory = RunDirectory(path: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
              FileManager.default.fileExists(atPath: directory.specCopy) else {
            let why = !FileManager.default.fileExists(atPath: path) ? "does not exist" : "is not a sweep run directory (no results.csv/spec.yaml)"
            printError("\(path) \(why)")
            throw ExitCodes.usage
        }
        return directory
    }

    /// `--balance-from DIR`: a run directory with a results.csv, or a one-line usage error (exit 64).
    static func checkBalanceSource(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: RunDirectory(path: path).results) else {
            printError("--balance-from \(path): no results.csv there; give an earlier run of this spec (its wall_s weighs the cells)")
            throw ExitCodes.usage
        }
    }

    static func recordedName(_ directory: RunDirectory) -> String? {
        ((try? RunMetadata.read(path: directory.meta)) ?? nil)?.specName
    }

    /// A spec file validated, or its problems on stderr and exit 64 (the A/B loads its spec the same way).
    static func loadSpec(_ path: String, defaultName: String? = nil) throws -> ExperimentSpec {
        let context = SpecValidationContext(
            isModelPreset: { ModelCatalog.presetReference($0) != nil },
            parseDuration: { try? DurationParser.seconds($0) })
        do {
            return try ExperimentSpecLoader.load(path: path, defaultName: defaultName, context: context)
        } catch let error as SpecError {
            error.lines.forEach { printError($0) }
            throw ExitCodes.usage
        }
    }

    /// The spec's model resolved and its audio generated or checked (sweep, tune and ab alike), or the
    /// problem in one line: exit 5 for the model, 1 for the rest.
    static func prepareInputs(_ experiment: ExperimentSpec, directory: RunDirectory) throws -> SweepInputs {
        do {
            return try inputPreparation.prepare(spec: experiment, directory: directory, log: { printNote($0) })
        } catch .model(let message) {
            printError(message)
            throw ExitCodes.modelRefused
        } catch {
            printError(error.description)
            throw ExitCodes.error
        }
    }

    /// The model catalog and scene generator live in modules the sweep does not depend on.
    static var inputPreparation: InputPreparation {
        InputPreparation(
            resolveModel: { try ModelCatalog.resolve($0, log: { printNote($0) }) },
            generateScene: { seconds, seed, audio, labels in
                _ = try SceneGenerator(config: SceneConfig(durationSeconds: seconds, seed: seed)).write(audioTo: audio, labelsTo: labels)
            })
    }
}
