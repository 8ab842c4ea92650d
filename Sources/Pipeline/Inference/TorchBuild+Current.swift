import Foundation
import Results

extension TorchBuild {
    /// The loaded runtime, read from LibTorch and from /proc/self/maps. Call on a thread that has not set
    /// its intra-op threads (the main thread before the engine starts) to see the default.
    public static func current() throws(LibTorchRuntimeError) -> TorchBuild {
        let located = try LoadedLibTorch.ensureActive()
        let config = LoadedLibTorch.buildConfig
        let parallel = LoadedLibTorch.parallelInfo
        let mapped = MappedLibraries.current()
        var blas = setting("BLAS_INFO", in: config) ?? "unknown"
        if let library = mapped.first(where: { basename($0).hasPrefix("libblas") || basename($0).hasPrefix("libopenblas") }) {
            blas += " (\(URL(fileURLWithPath: library).resolvingSymlinksInPath().path))"
        }
        return TorchBuild(
            runtime: located.runtime.name, version: LoadedLibTorch.version, blas: blas,
            mkl: line(in: parallel, containing: "Math Kernel Library").flatMap { mklVersion($0) } ?? "none",
            onednn: line(in: parallel, containing: "MKL-DNN").flatMap { word(after: " v", in: $0) } ?? "none",
            openmp: line(in: parallel, containing: "a.k.a. OpenMP").flatMap { text(between: "(a.k.a. ", and: ")", in: $0) } ?? "none",
            libraryPath: MappedLibraries.torchLibrary(in: mapped) ?? "",
            openmpRuntimes: mapped.filter { isOpenMPRuntime(basename($0)) },
            defaultIntraOpThreads: LoadedLibTorch.intraOpThreads)
    }
}
