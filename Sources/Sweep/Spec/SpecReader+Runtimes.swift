import Yams
import Results

extension SpecReader {
    /// The `libtorch` axis: `system`, `pypi` or LibTorch directories, each checked (runtime library
    /// built, LibTorch in place) so a missing runtime is a spec error with its line, before any cell runs.
    func runtimes(_ node: Node, field: String, context: SpecValidationContext) -> [LibTorchRuntime]? {
        var runtimes: [LibTorchRuntime] = []
        var ok = true
        for (item, path) in items(node, field: field) {
            guard let text = item.scalar?.string, !text.isEmpty else {
                report(item, path, "expected system, pypi or a LibTorch directory, got \(describe(item))")
                ok = false
                continue
            }
            let runtime = LibTorchRuntime(name: text)
            if runtimes.contains(runtime) {
                report(item, path, "\(text) is listed twice")
                ok = false
            } else if let problem = context.runtimeProblem(runtime) {
                report(item, path, problem)
                ok = false
            } else {
                runtimes.append(runtime)
            }
        }
        return ok && !runtimes.isEmpty ? runtimes : nil
    }
}
