import Foundation
import Results

extension SoftwareVersions {
    /// `source`: the checkout as it was when the sweep started (nil: read now).
    public static func collect(childExecutable: String, source: SourceCommit.Found? = nil, report: RunReport?, runtimes: [TorchBuild] = [],
                               runtimeLibraries: [String] = []) -> SoftwareVersions {
        var packages: [String: String] = [:]
        for package in Set(AllocatorKind.allCases.map(\.debianPackage)).sorted() {
            packages[package] = HelperCommand.output(["dpkg-query", "-W", "-f=${Version}", package]) ?? "not installed"
        }
        // The checkout the binary was built in, not the working directory: a sweep started elsewhere still
        // records which source measured it.
        let source = source ?? SourceCommit.of(executable: childExecutable)
        let commit = source?.commit ?? "unknown"
        let dirty = source?.dirty
        return SoftwareVersions(
            torchVersion: report?.torch.version ?? "unknown (no ok cell)",
            torchParallelInfo: report?.torch.parallelInfo ?? "unknown (no ok cell)",
            blas: blasLibraries(of: runtimeLibraries.isEmpty ? [childExecutable] : runtimeLibraries),
            packages: packages,
            gitCommit: commit, gitDirty: dirty, childExecutable: childExecutable,
            runtimes: runtimes.isEmpty ? nil : runtimes)
    }

    /// BLAS/LAPACK lines of `ldd` over the libraries, each listed once. MKL inside PyPI's
    /// libtorch_cpu.so is linked statically and shows as none here; TorchBuild.blas records it.
    static func blasLibraries(of libraries: [String]) -> [String] {
        var found: [String] = []
        for library in libraries {
            guard let ldd = HelperCommand.output(["ldd", library]) else { return ["unknown (ldd failed)"] }
            for line in ldd.split(separator: "\n") {
                let text = line.trimmingCharacters(in: .whitespaces)
                let lower = text.lowercased()
                guard lower.contains("blas") || lower.contains("lapack") || lower.contains("libmkl") else { continue }
                let parts = text.components(separatedBy: " => ")
                let name = parts[0]
                guard parts.count == 2, let path = parts[1].split(separator: " ").first else {
                    found.append(name)
                    continue
                }
                let real = (String(path) as NSString).resolvingSymlinksInPath
                if !found.contains("\(name) -> \(real)") { found.append("\(name) -> \(real)") }
            }
        }
        return found.isEmpty ? ["none linked"] : found
    }
}
