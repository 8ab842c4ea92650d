import ArgumentParser
import Foundation
import Pipeline
import Training

/// The documented exit codes (see `arbench --help`).
enum ExitCodes {
    static let error = ExitCode(1)
    static let regression = ExitCode(2)
    /// `advise`: no cell meets the constraints (the closest are printed).
    static let noneMeetsConstraints = ExitCode(2)
    static let notComparable = ExitCode(3)
    static let inputsRefused = ExitCode(4)
    static let modelRefused = ExitCode(5)
    static let sweepIncomplete = ExitCode(6)
    static let usage = ExitCode(64)
}

/// One line on stderr, prefixed so it is easy to grep in CI logs.
func printError(_ message: String) {
    var stderr = StandardErrorStream()
    print("arbench: error: \(message)", to: &stderr)
}

func printNote(_ message: String) {
    var stderr = StandardErrorStream()
    print("arbench: \(message)", to: &stderr)
}

struct StandardErrorStream: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}

/// A `--model` value (file or preset) resolved to its file (a preset built into the cache if missing), or a
/// one-line error and exit 5.
func resolveModel(_ spec: String) throws -> String {
    do {
        return try ModelCatalog.resolve(spec, log: { printNote($0) })
    } catch {
        printError("\(error)")
        throw ExitCodes.modelRefused
    }
}

/// A `--model` value (file or preset) loaded, or a one-line error and exit 5.
func loadModel(_ spec: String) throws -> TorchModel {
    let path = try resolveModel(spec)
    do {
        return try TorchModel(path: path)
    } catch {
        printError("\(error)")
        throw ExitCodes.modelRefused
    }
}
