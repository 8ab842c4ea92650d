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

    public init(torchVersion: String, torchParallelInfo: String, blas: [String], packages: [String: String], gitCommit: String,
                gitDirty: Bool?, childExecutable: String, runtimes: [TorchBuild]?) {
        self.torchVersion = torchVersion
        self.torchParallelInfo = torchParallelInfo
        self.blas = blas
        self.packages = packages
        self.gitCommit = gitCommit
        self.gitDirty = gitDirty
        self.childExecutable = childExecutable
        self.runtimes = runtimes
    }
}
