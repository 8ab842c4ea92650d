import Results

/// How the engine is asked to run: the axes of the study.
public struct EngineConfig: Sendable, Codable, Equatable {
    /// OS threads that each take segments off the shared queue (the post's "engine threads").
    public var engineThreads: Int
    /// LibTorch intra-op threads, set by every engine thread for itself; `IntraOpThreads.libTorchDefault`
    /// (0) leaves LibTorch's own choice.
    public var intraOpThreads: Int
    /// LibTorch inter-op threads, set once per process.
    public var interOpThreads: Int
    /// Segments waiting for an engine thread; bounds memory on long files.
    public var queueCapacity: Int

    public init(engineThreads: Int = 1, intraOpThreads: Int = 1, interOpThreads: Int = 1, queueCapacity: Int? = nil) {
        self.engineThreads = engineThreads
        self.intraOpThreads = intraOpThreads
        self.interOpThreads = interOpThreads
        self.queueCapacity = queueCapacity ?? max(16, 4 * engineThreads)
    }
}
