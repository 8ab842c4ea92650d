import ArgumentParser
import Engine
import Foundation
import Pipeline

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print LibTorch's version and parallel settings and the active allocator.",
        discussion: "Example:\n  LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 arbench info")

    func run() throws {
        let allocator = AllocatorInfo.current()
        print("LibTorch \(TorchRuntime.version)")
        print("allocator: \(allocator.name) \(allocator.version)")
        print(TorchRuntime.parallelInfo)
    }
}
