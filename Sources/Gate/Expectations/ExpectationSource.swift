import Results
import Foundation

/// Where `check` finds a run's expectations: a spec given on the command line, else the spec the
/// run recorded (meta.json's spec_yaml, else the run directory's spec.yaml).
public enum ExpectationSource {
    /// The expectations and a description of where they came from.
    public static func load(run: RunResults, specPath: String?) throws -> (expectations: [Expectation], source: String) {
        if let specPath {
            guard let text = try? String(contentsOfFile: specPath, encoding: .utf8) else {
                throw RunLoadError("\(specPath): cannot read the spec")
            }
            return (try ExpectationParser.parse(specYAML: text, file: specPath), specPath)
        }
        if let text = run.meta?.specYAML, !text.isEmpty {
            let file = "\(RunDirectory(path: RunLoader.directory(of: run.source)).meta) (spec_yaml)"
            return (try ExpectationParser.parse(specYAML: text, file: file), file)
        }
        let copy = RunDirectory(path: RunLoader.directory(of: run.source)).specCopy
        if let text = try? String(contentsOfFile: copy, encoding: .utf8) {
            return (try ExpectationParser.parse(specYAML: text, file: copy), copy)
        }
        throw RunLoadError("\(run.source): the run has no recorded spec (meta.json spec_yaml or spec.yaml); give one with --spec")
    }
}
