import Yams
import Results

extension SpecReader {
    /// `audio: {generate: {duration: 35m, seed: 1}}` or `audio: {paths: [a.wav, b.flac]}`.
    func audio(_ node: Node, context: SpecValidationContext) -> AudioInput? {
        guard let entries = mapping(node, field: "audio", allowed: ["generate", "paths"]) else { return nil }
        switch (entries["generate"], entries["paths"]) {
        case let (generate?, nil):
            return generatedAudio(generate, context: context)
        case let (nil, paths?):
            var files: [String] = []
            for (item, path) in items(paths, field: "audio.paths") {
                guard let file = string(item, field: path) else { continue }
                if context.fileExists(file) {
                    files.append(file)
                } else {
                    report(item, path, "\(file) does not exist")
                }
            }
            return files.count == items(paths, field: "audio.paths").count && !files.isEmpty ? .paths(files) : nil
        case (_?, _?):
            report(node, "audio", "give either `generate` or `paths`, not both")
            return nil
        case (nil, nil):
            report(node, "audio", "needs `generate: {duration, seed}` or `paths: [...]`")
            return nil
        }
    }

    private func generatedAudio(_ node: Node, context: SpecValidationContext) -> AudioInput? {
        guard let entries = mapping(node, field: "audio.generate", allowed: ["duration", "seed"]) else { return nil }
        guard let durationNode = entries["duration"] else {
            report(node, "audio.generate.duration", "missing (e.g. 35m)")
            return nil
        }
        let seconds = duration(durationNode, field: "audio.generate.duration", context: context)
        let seed = entries["seed"].map { integer($0, field: "audio.generate.seed", minimum: 0) } ?? 1
        guard let seconds, let seed else { return nil }
        return .generate(durationSeconds: seconds, seed: UInt64(seed))
    }

    /// A positive duration: `90`, `90s`, `35m`, `2h`, `1h30m`.
    func duration(_ node: Node, field: String, context: SpecValidationContext) -> Double? {
        guard let text = string(node, field: field) else { return nil }
        guard let seconds = context.parseDuration(text), seconds > 0 else {
            report(node, field, "\"\(text)\" is not a positive duration (e.g. 90s, 35m, 2h, 1h30m)")
            return nil
        }
        return seconds
    }

    /// A preset name the catalog knows, or an existing TorchScript file.
    func model(_ node: Node, context: SpecValidationContext) -> String? {
        guard let model = string(node, field: "model"), !model.isEmpty else {
            report(node, "model", "expected a preset (tiny, base, large, optionally @SEED) or a .pt file")
            return nil
        }
        if SpecValidationContext.looksLikeModelPath(model) {
            guard context.fileExists(model) else {
                report(node, "model", "\(model) does not exist")
                return nil
            }
        } else if !context.isModelPreset(model) {
            report(node, "model", "\"\(model)\" is neither a model file nor a preset (tiny, base, large, optionally @SEED)")
            return nil
        }
        return model
    }

    /// `reference_cell: {engine_threads: 1, intra_op_threads: 1}`; both must be values of their axes.
    func referenceCell(_ node: Node, engineThreads: [Int]?, intraOpThreads: [Int]?) -> ReferenceCell? {
        guard let entries = mapping(node, field: "reference_cell", allowed: ["engine_threads", "intra_op_threads"]) else {
            return nil
        }
        guard let engineNode = entries["engine_threads"], let intraNode = entries["intra_op_threads"] else {
            report(node, "reference_cell", "needs both engine_threads and intra_op_threads")
            return nil
        }
        guard let engine = integer(engineNode, field: "reference_cell.engine_threads", minimum: 1),
              let intra = integer(intraNode, field: "reference_cell.intra_op_threads", minimum: 1) else { return nil }
        if let engineThreads, !engineThreads.contains(engine) {
            report(engineNode, "reference_cell.engine_threads", "\(engine) is not one of the sweep's engine_threads")
            return nil
        }
        if let intraOpThreads, !intraOpThreads.contains(intra) {
            report(intraNode, "reference_cell.intra_op_threads", "\(intra) is not one of the sweep's intra_op_threads")
            return nil
        }
        return ReferenceCell(engineThreads: engine, intraOpThreads: intra)
    }
}
