import Engine
import Pipeline
import Foundation

/// The software that shapes the numbers: LibTorch and its parallel backend, BLAS, the allocator
/// packages, and the commit of this harness.
public struct SoftwareVersions: Codable, Sendable {
    public var torchVersion: String
    /// `at::get_parallel_info()` as a child reported it: OpenMP/oneDNN backends and thread defaults.
    public var torchParallelInfo: String
    /// BLAS and LAPACK libraries the child loads (from ldd, symlinks resolved: Debian's
    /// alternatives decide between netlib and OpenBLAS).
    public var blas: [String]
    /// dpkg versions of libc6 and the allocator packages ("not installed" when absent).
    public var packages: [String: String]
    public var gitCommit: String
    public var gitDirty: Bool?
    /// The program each cell runs.
    public var childExecutable: String
    /// Each LibTorch runtime the ok cells ran on: version, BLAS, MKL, oneDNN, OpenMP, libraries.
    public var runtimes: [TorchBuild]?

    enum CodingKeys: String, CodingKey {
        case torchVersion = "torch_version"
        case torchParallelInfo = "torch_parallel_info"
        case blas, packages
        case gitCommit = "git_commit"
        case gitDirty = "git_dirty"
        case childExecutable = "child_executable"
        case runtimes
    }

    /// `report` is any ok cell's metrics (LibTorch's version is only known inside a child).
    /// `runtimeLibraries`: the runtime library (libarbench_torch.so) of each runtime of the spec: what
    /// links the BLAS now that the executable does not link LibTorch.
    public static func collect(childExecutable: String, report: RunReport?, runtimes: [TorchBuild] = [],
                               runtimeLibraries: [String] = []) -> SoftwareVersions {
        var packages: [String: String] = [:]
        for package in Set(AllocatorKind.allCases.map(\.debianPackage)).sorted() {
            packages[package] = HelperCommand.output(["dpkg-query", "-W", "-f=${Version}", package]) ?? "not installed"
        }
        let commit = HelperCommand.output(["git", "rev-parse", "HEAD"]) ?? "unknown"
        let dirty = commit == "unknown" ? nil : HelperCommand.output(["git", "status", "--porcelain", "--untracked-files=no"]).map { !$0.isEmpty }
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
