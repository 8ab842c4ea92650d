import CTorch
import Foundation

/// One TorchScript module, loaded once and shared by every engine thread (LibTorch's `forward` on a
/// shared module is safe under InferenceMode). Refuses at load time, by a dry forward, a model whose
/// input or output shapes do not fit the metadata, so no audio is processed with a model that cannot work.
public final class TorchModel: @unchecked Sendable {
    public let path: String
    public let metadata: ModelMetadata
    public let parameterCount: Int
    /// Where the metadata came from: "embedded", "sidecar" or "defaults".
    public let metadataSource: String
    private let handle: OpaquePointer

    public var classCount: Int { metadata.classes.count }

    public init(path: String) throws(ModelError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw ModelError(path: path, reason: "no such model file")
        }
        do {
            _ = try LoadedLibTorch.ensureActive()
        } catch {
            throw ModelError(path: path, reason: "no LibTorch to load it with: \(error)")
        }
        // LibTorch's message for a TorchScript model carries a traceback before its root cause.
        var err = [CChar](repeating: 0, count: 16 * 1024)
        var extra = [CChar](repeating: 0, count: 64 * 1024)
        var raw: OpaquePointer?
        guard arb_model_load(path, &raw, &extra, extra.count, &err, err.count) == ARB_OK, let raw else {
            throw ModelError(path: path, reason: "not a loadable TorchScript model: \(TorchMessage.rootCause(of: err))")
        }
        handle = raw
        parameterCount = Int(arb_model_parameter_count(raw))

        let embedded = String(cBuffer: extra)
        let sidecarPath = path + ".json"
        var metadata: ModelMetadata?
        var source = "defaults"
        do {
            if FileManager.default.fileExists(atPath: sidecarPath) {
                let data = try Data(contentsOf: URL(fileURLWithPath: sidecarPath))
                metadata = try JSONDecoder().decode(ModelMetadata.self, from: data)
                source = "sidecar"
            } else if !embedded.isEmpty {
                metadata = try JSONDecoder().decode(ModelMetadata.self, from: Data(embedded.utf8))
                source = "embedded"
            }
        } catch {
            arb_model_free(raw)
            let file = source == "sidecar" || FileManager.default.fileExists(atPath: sidecarPath) ? sidecarPath : path
            throw ModelError(path: file, reason: "unreadable model metadata: \(error)")
        }
        var resolved = metadata ?? ModelMetadata(classes: [])
        guard resolved.layout == ModelMetadata.inputLayout else {
            arb_model_free(raw)
            throw ModelError(path: path, reason: "unsupported input layout \"\(resolved.layout)\"; arbench feeds \(ModelMetadata.inputLayout)")
        }

        // Dry forward: proves the input shape works and tells the class count.
        let frames = max(resolved.minFrames, 100)
        let probe = [Float](repeating: -5, count: resolved.mels * frames)
        let maxClasses = 4096
        var out = [Float](repeating: 0, count: maxClasses)
        var classes: Int64 = 0
        let status = probe.withUnsafeBufferPointer { p in
            arb_model_forward(raw, p.baseAddress, 1, Int64(resolved.mels), Int64(frames), &out, Int64(maxClasses),
                              &classes, &err, err.count)
        }
        guard status == ARB_OK else {
            arb_model_free(raw)
            let hint = source == "sidecar" ? "check `mels` in \(sidecarPath)" : "if the model takes another number of mel bands, give `mels` in \(sidecarPath)"
            throw ModelError(path: path, reason: "dry forward on [1, 1, \(resolved.mels), \(frames)] failed: \(TorchMessage.rootCause(of: err)) (\(hint))")
        }
        if resolved.classes.isEmpty {
            resolved.classes = (0..<Int(classes)).map { "class\($0)" }
        } else if resolved.classes.count != Int(classes) {
            arb_model_free(raw)
            throw ModelError(path: path, reason: "model outputs \(classes) classes but its metadata names \(resolved.classes.count)")
        }
        self.metadata = resolved
        self.metadataSource = metadata == nil ? "defaults" : source
    }

    deinit { arb_model_free(handle) }

    /// Class scores for one log-mel input shaped [1, 1, mels, frames] (row-major values).
    public func scores(mels: Int, frames: Int, values: UnsafeBufferPointer<Float>) throws(ModelError) -> [Float] {
        guard mels == metadata.mels else {
            throw ModelError(path: path, reason: "input has \(mels) mel bands, model expects \(metadata.mels)")
        }
        var out = [Float](repeating: 0, count: classCount)
        var classes: Int64 = 0
        var err = [CChar](repeating: 0, count: 512)   // per forward: kept small (the allocator is measured)
        let status = arb_model_forward(handle, values.baseAddress, 1, Int64(mels), Int64(frames), &out,
                                       Int64(out.count), &classes, &err, err.count)
        guard status == ARB_OK else {
            throw ModelError(path: path, reason: "forward failed on [1, 1, \(mels), \(frames)]: \(TorchMessage.rootCause(of: err))")
        }
        return out
    }
}
