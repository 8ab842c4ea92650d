import Foundation
import Pipeline
import Results

/// Inference alone, the way PyTorch's `torch.utils.ThroughputBenchmark` measures it: E calling threads
/// share one module and take inputs round-robin until `iterations` forwards are done in total. Used to
/// check that the engine's path into LibTorch adds nothing to LibTorch's own cost.
public struct InferenceBenchmark {
    public let model: TorchModel
    public let inputs: [LogMel]
    public let callingThreads: Int
    public let intraOpThreads: Int

    public init(model: TorchModel, inputs: [LogMel], callingThreads: Int, intraOpThreads: Int = 1) {
        self.model = model
        self.inputs = inputs
        self.callingThreads = callingThreads
        self.intraOpThreads = intraOpThreads
    }

    public struct Result: Sendable, Codable {
        public let iterations: Int
        public let seconds: Double
        public var iterationsPerSecond: Double { Double(iterations) / seconds }
    }

    public func run(warmupIterations: Int, iterations: Int) -> Result {
        final class Shared: @unchecked Sendable {
            let lock = NSLock()
            var next = 0
            func take(limit: Int) -> Int? {
                lock.lock()
                defer { lock.unlock() }
                guard next < limit else { return nil }
                next += 1
                return next - 1
            }
        }
        let shared = Shared()
        let ready = DispatchGroup()
        let done = DispatchGroup()
        let go = DispatchSemaphore(value: 0)
        let inputs = self.inputs
        let model = self.model
        let intra = intraOpThreads
        for thread in 0..<callingThreads {
            ready.enter()
            done.enter()
            let worker = Thread {
                _ = LoadedLibTorch.intraOpThreads
                try? LoadedLibTorch.setIntraOpThreads(intra)
                for i in 0..<warmupIterations { Self.forward(model, inputs[(thread + i) % inputs.count]) }
                ready.leave()
                go.wait()
                while let i = shared.take(limit: iterations) { Self.forward(model, inputs[i % inputs.count]) }
                done.leave()
            }
            worker.stackSize = 8 << 20
            worker.start()
        }
        ready.wait()
        let start = MonotonicClock.nanoseconds()
        for _ in 0..<callingThreads { go.signal() }
        done.wait()
        return Result(iterations: iterations, seconds: MonotonicClock.seconds(since: start))
    }

    private static func forward(_ model: TorchModel, _ input: LogMel) {
        _ = try? input.values.withUnsafeBufferPointer { values throws(ModelError) in
            try model.scores(mels: input.mels, frames: input.frames, values: values)
        }
    }
}
