import Foundation
import Testing
@testable import Pipeline
import Results

/// Reading a LibTorch's build from its own texts (no LibTorch loaded): what every run and cell records.
@Suite struct TorchBuildTests {
    // at::get_parallel_info() of PyPI's torch 2.15.0 on this machine kind.
    let pypiParallel = """
    ATen/Parallel:
    \tat::get_num_threads() : 2
    OpenMP 201511 (a.k.a. OpenMP 4.5)
    Intel(R) oneAPI Math Kernel Library Version 2024.2-Product Build 20240605 for Intel(R) 64 architecture applications
    Intel(R) MKL-DNN v3.13.3 (Git Hash b38f97eb6f2173513112f15a0481750b8a66e901)
    ATen parallel backend: OpenMP
    """

    @Test func readsMKLoneDNNAndOpenMPFromParallelInfo() {
        let mkl = TorchBuild.line(in: pypiParallel, containing: "Math Kernel Library").flatMap(TorchBuild.mklVersion)
        #expect(mkl == "MKL 2024.2")
        #expect(TorchBuild.line(in: pypiParallel, containing: "MKL-DNN").flatMap { TorchBuild.word(after: " v", in: $0) } == "3.13.3")
        #expect(TorchBuild.line(in: pypiParallel, containing: "a.k.a. OpenMP")
            .flatMap { TorchBuild.text(between: "(a.k.a. ", and: ")", in: $0) } == "OpenMP 4.5")
        #expect(TorchBuild.line(in: "MKL not found\n", containing: "Math Kernel Library") == nil)
    }

    @Test func readsBLASFromShowConfig() {
        let config = "  - Build settings: BLAS_INFO=generic, BUILD_TYPE=RelWithDebInfo, LAPACK_INFO=generic\n"
        #expect(TorchBuild.setting("BLAS_INFO", in: config) == "generic")
        #expect(TorchBuild.setting("BLAS_INFO", in: "  - Build settings: BLAS_INFO=mkl, X=1") == "mkl")
        #expect(TorchBuild.setting("BLAS_INFO", in: "nothing") == nil)
    }

    @Test func findsEveryOpenMPRuntimeMapped() {
        let maps = """
        7f0000000000-7f0000001000 r-xp 00000000 fd:01 1 /usr/lib/x86_64-linux-gnu/libgomp.so.1.0.0
        7f0000001000-7f0000002000 r--p 00001000 fd:01 1 /usr/lib/x86_64-linux-gnu/libgomp.so.1.0.0
        7f0000002000-7f0000003000 r-xp 00000000 fd:01 2 /cache/pypi/torch/lib/libgomp.so.1
        7f0000003000-7f0000004000 r-xp 00000000 fd:01 3 /opt/intel/libiomp5.so
        7f0000004000-7f0000005000 r-xp 00000000 fd:01 4 /usr/lib/libgompish-not.txt
        7f0000005000-7f0000006000 rw-p 00000000 00:00 0 [heap]
        7f0000006000-7f0000007000 r-xp 00000000 fd:01 5 /dir with space/libtorch_cpu.so
        """
        let files = MappedLibraries.parse(maps)
        #expect(files.count == 5, "distinct files, first occurrence order: \(files)")
        #expect(files.last == "/dir with space/libtorch_cpu.so")
        let openmp = files.filter { TorchBuild.isOpenMPRuntime(($0 as NSString).lastPathComponent) }
        #expect(openmp == ["/usr/lib/x86_64-linux-gnu/libgomp.so.1.0.0", "/cache/pypi/torch/lib/libgomp.so.1", "/opt/intel/libiomp5.so"])
    }

    @Test func namesDirectoryRuntimesStably() {
        let runtime = LibTorchRuntime(name: "/opt/lib torch")
        #expect(runtime.isDirectory)
        #expect(runtime.directoryName == "dir_opt_lib_torch")
        #expect(runtime.label == "lib_torch")
        #expect(!LibTorchRuntime.pypi.isDirectory && LibTorchRuntime.pypi.directoryName == "pypi")
    }

    @Test func refusesDirectoriesThatAreNotLibTorch() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("not-libtorch-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir + "/lib", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: LibTorchRuntimeError.self) { try LibTorchRuntime(name: dir + "/missing").locate(shims: dir) }
        // Why the directory is refused, or nil when it is accepted.
        func refusal() -> String? {
            do {
                _ = try LibTorchRuntime(name: dir).locate(shims: dir)
                return nil
            } catch {
                return error.reason
            }
        }
        #expect(refusal()?.contains("no lib/libtorch_cpu.so") == true)
        // An ELF for aarch64 (e_machine 0xb7) where libtorch_cpu.so should be.
        var header = [UInt8](repeating: 0, count: 64)
        header[0...3] = [0x7f, 0x45, 0x4c, 0x46]
        header[18] = 0xb7
        _ = FileManager.default.createFile(atPath: dir + "/lib/libtorch_cpu.so", contents: Data(header))
        #expect(refusal()?.contains("another architecture") == true)
        // The right architecture, but nothing built for it yet: says how to set it up.
        header[18] = 0x3e
        _ = FileManager.default.createFile(atPath: dir + "/lib/libtorch_cpu.so", contents: Data(header))
        #expect(refusal()?.contains("make libtorch LIBTORCH=\(dir)") == true)
    }
}
