import CTorch

/// Process- and thread-level LibTorch settings. Intra-op threads are per calling thread in practice
/// (PLATFORM-FACTS): each engine thread calls `setIntraOpThreads` itself before its first forward.
public enum TorchRuntime {
    public static var version: String { String(cString: arb_torch_version()) }

    public static var parallelInfo: String {
        let needed = arb_parallel_info(nil, 0)
        var buffer = [CChar](repeating: 0, count: needed + 1)
        _ = arb_parallel_info(&buffer, buffer.count)
        return String(cBuffer: buffer)
    }

    public static func setIntraOpThreads(_ n: Int) throws(TorchRuntimeError) {
        var err = [CChar](repeating: 0, count: 512)
        guard arb_set_intra_op_threads(Int32(n), &err, err.count) == ARB_OK else {
            throw TorchRuntimeError(message: "cannot set intra-op threads to \(n): \(String(cBuffer: err))")
        }
    }

    public static var intraOpThreads: Int { Int(arb_get_intra_op_threads()) }

    /// LibTorch accepts this once per process, before inter-op work starts.
    public static func setInterOpThreads(_ n: Int) throws(TorchRuntimeError) {
        var err = [CChar](repeating: 0, count: 512)
        guard arb_set_inter_op_threads(Int32(n), &err, err.count) == ARB_OK else {
            throw TorchRuntimeError(message: "cannot set inter-op threads to \(n): \(String(cBuffer: err))")
        }
    }

    public static var interOpThreads: Int { Int(arb_get_inter_op_threads()) }
}

public struct TorchRuntimeError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}

extension String {
    /// The text of a NUL-terminated C buffer (an error message a C API filled in).
    public init(cBuffer buffer: [CChar]) {
        self = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
