import ArgumentParser
import Engine
import Foundation
import Pipeline
import Results

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print a LibTorch runtime's version, build (BLAS, MKL, oneDNN, OpenMP) and parallel settings, and the active allocator.",
        discussion: """
        Examples:
          arbench info
          arbench info --libtorch pypi
          LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 arbench info

        The allocators line lists which of glibc, jemalloc, tcmalloc, mimalloc `run --allocator` and sweeps can use here.
        """)

    @OptionGroup var libtorch: LibTorchOption

    func run() throws {
        let build: TorchBuild
        do {
            try LoadedLibTorch.activate(libtorch.runtime)
            build = try TorchBuild.current()
        } catch {
            printError(error.description)
            throw ExitCodes.modelRefused
        }
        let allocator = AllocatorInfo.current()
        print(build.summary)
        print("library: \(build.libraryPath)")
        print("OpenMP runtimes loaded: \(build.openmpRuntimes.joined(separator: ", "))")
        print("default intra-op threads: \(build.defaultIntraOpThreads)")
        print("allocator: \(allocator.name) \(allocator.version)")
        print("allocators installed: " + AllocatorSetting.builtInSettings.map { setting in
            setting.isInstalled ? setting.label : "\(setting.label) (not installed: apt-get install \(setting.debianPackage))"
        }.joined(separator: ", "))
        print(LoadedLibTorch.parallelInfo)
        if let warning = build.openmpWarning { printNote("warning: \(warning)") }
    }
}
