import CTorch
import Foundation
import Results

/// The process's LibTorch: which runtime is loaded, and its process- and thread-level settings.
/// One runtime per process, chosen before first use (`activate`); anything that touches LibTorch first
/// loads the default (`$ARBENCH_LIBTORCH`, else `system`). Intra-op threads are per calling thread in
/// practice (PLATFORM-FACTS): each engine thread calls `setIntraOpThreads` itself before its first forward.
public enum LoadedLibTorch {
    private static let state = ActiveRuntime()

    /// The runtime used when none was chosen: `$ARBENCH_LIBTORCH`, else `system`.
    public static var defaultRuntime: LibTorchRuntime {
        let env = ProcessInfo.processInfo.environment["ARBENCH_LIBTORCH"] ?? ""
        return env.isEmpty ? .system : LibTorchRuntime(name: env)
    }

    /// Loads `runtime` into this process. Once per process; asking again for the same one is a no-op,
    /// for another one an error (two LibTorch builds must not meet in one process).
    @discardableResult
    public static func activate(_ runtime: LibTorchRuntime) throws(LibTorchRuntimeError) -> LibTorchRuntime.Located {
        try state.activate(runtime)
    }

    /// The loaded runtime (loading the default first if none is).
    public static func ensureActive() throws(LibTorchRuntimeError) -> LibTorchRuntime.Located {
        if let active = state.current { return active }
        return try activate(defaultRuntime)
    }

    /// Nil until a runtime is loaded.
    public static var active: LibTorchRuntime.Located? { state.current }

    /// Seconds spent loading the runtime library and LibTorch's shared libraries (dlopen).
    public static var loadSeconds: Double { state.loadSeconds }

    public static var version: String {
        _ = try? ensureActive()
        return String(cString: arb_torch_version())
    }

    public static var parallelInfo: String {
        _ = try? ensureActive()
        return cText(arb_parallel_info)
    }

    /// at::show_config(): BLAS, LAPACK, MKL, oneDNN and compiler of this LibTorch build.
    public static var buildConfig: String {
        _ = try? ensureActive()
        return cText(arb_build_config)
    }

    public static func setIntraOpThreads(_ n: Int) throws(LoadedLibTorchError) {
        do { _ = try ensureActive() } catch { throw LoadedLibTorchError(message: error.description) }
        var err = [CChar](repeating: 0, count: 512)
        guard arb_set_intra_op_threads(Int32(n), &err, err.count) == ARB_OK else {
            throw LoadedLibTorchError(message: "cannot set intra-op threads to \(n): \(TorchMessage.rootCause(of: err))")
        }
    }

    public static var intraOpThreads: Int {
        _ = try? ensureActive()
        return Int(arb_get_intra_op_threads())
    }

    /// LibTorch accepts this once per process, before inter-op work starts.
    public static func setInterOpThreads(_ n: Int) throws(LoadedLibTorchError) {
        do { _ = try ensureActive() } catch { throw LoadedLibTorchError(message: error.description) }
        var err = [CChar](repeating: 0, count: 512)
        guard arb_set_inter_op_threads(Int32(n), &err, err.count) == ARB_OK else {
            throw LoadedLibTorchError(message: "cannot set inter-op threads to \(n): \(TorchMessage.rootCause(of: err))")
        }
    }

    public static var interOpThreads: Int {
        _ = try? ensureActive()
        return Int(arb_get_inter_op_threads())
    }

    private static func cText(_ fill: (UnsafeMutablePointer<CChar>?, Int) -> Int) -> String {
        let needed = fill(nil, 0)
        var buffer = [CChar](repeating: 0, count: needed + 1)
        _ = fill(&buffer, buffer.count)
        return String(cBuffer: buffer)
    }
}

/// The one runtime of this process, behind a lock: engine threads may touch LibTorch first concurrently.
private final class ActiveRuntime: @unchecked Sendable {
    private let lock = NSLock()
    private var located: LibTorchRuntime.Located?
    private var seconds: Double = 0

    var current: LibTorchRuntime.Located? { lock.withLock { located } }
    var loadSeconds: Double { lock.withLock { seconds } }

    func activate(_ runtime: LibTorchRuntime) throws(LibTorchRuntimeError) -> LibTorchRuntime.Located {
        lock.lock()
        defer { lock.unlock() }
        if let located {
            guard located.runtime == runtime else {
                throw LibTorchRuntimeError(path: runtime.name, reason: "this process already runs on the \(located.runtime.name) LibTorch runtime")
            }
            return located
        }
        let found = try runtime.locate()
        var err = [CChar](repeating: 0, count: 2048)
        let start = DispatchTime.now().uptimeNanoseconds
        guard arb_runtime_open(found.shimPath, &err, err.count) == ARB_OK else {
            let setUp = runtime.isDirectory ? "make libtorch LIBTORCH=\(runtime.name)" : "make libtorch"
            throw LibTorchRuntimeError(path: found.shimPath, reason: "cannot load the \(runtime.name) LibTorch runtime: \(TorchMessage.rootCause(of: err)) (set it up again with `\(setUp)`)")
        }
        seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        located = found
        return found
    }
}

public struct LoadedLibTorchError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}

extension String {
    /// The text of a NUL-terminated C buffer (an error message a C API filled in).
    public init(cBuffer buffer: [CChar]) {
        self = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
