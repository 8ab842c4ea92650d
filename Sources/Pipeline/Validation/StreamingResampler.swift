import CSampleRate

/// libsamplerate in streaming mode: feed blocks, then flush once with end_of_input so the filter's
/// tail comes out. Mono only, because AudioReader downmixes first (cheaper: one channel to filter).
final class StreamingResampler {
    private let state: OpaquePointer
    private let ratio: Double
    private let path: String
    private var scratch: UnsafeMutablePointer<Float>
    private var scratchCapacity: Int

    init(fromRate: Int, toRate: Int, path: String) throws(AudioInputError) {
        ratio = Double(toRate) / Double(fromRate)
        self.path = path
        guard src_is_valid_ratio(ratio) != 0 else {
            throw AudioInputError(path: path, kind: .unsupported,
                                  reason: "cannot resample \(fromRate) Hz to \(toRate) Hz")
        }
        var error: Int32 = 0
        guard let state = src_new(Int32(SRC_SINC_MEDIUM_QUALITY), 1, &error) else {
            throw AudioInputError(path: path, kind: .resampleFailed, reason: Self.message(error))
        }
        self.state = state
        scratchCapacity = 0
        scratch = .allocate(capacity: 0)
    }

    deinit {
        src_delete(state)
        scratch.deallocate()
    }

    /// Appends the converted samples for `input` to `output`; with `endOfInput` also drains the filter.
    func process(_ input: [Float], endOfInput: Bool, into output: inout [Float]) throws(AudioInputError) {
        // libsamplerate rejects a null input pointer even for zero frames; the final flush has no input.
        var placeholder: Float = 0
        let result: Int32 = input.withUnsafeBufferPointer { buffer in
            withUnsafeMutablePointer(to: &placeholder) { placeholderPointer in
                convert(from: buffer.baseAddress ?? UnsafePointer(placeholderPointer), count: buffer.count,
                        endOfInput: endOfInput, into: &output)
            }
        }
        if result != 0 {
            throw AudioInputError(path: path, kind: .resampleFailed, reason: Self.message(result))
        }
    }

    private func convert(from input: UnsafePointer<Float>, count: Int, endOfInput: Bool,
                         into output: inout [Float]) -> Int32 {
        reserveScratch(Int(Double(count) * ratio) + 4_096)
        var consumed = 0
        while true {
            var data = SRC_DATA(
                data_in: input + consumed, data_out: scratch,
                input_frames: count - consumed, output_frames: scratchCapacity,
                input_frames_used: 0, output_frames_gen: 0,
                end_of_input: endOfInput ? 1 : 0, src_ratio: ratio)
            let status = src_process(state, &data)
            if status != 0 { return status }
            consumed += data.input_frames_used
            output.append(contentsOf: UnsafeBufferPointer(start: scratch, count: data.output_frames_gen))
            let madeProgress = data.input_frames_used > 0 || data.output_frames_gen > 0
            // While flushing, the filter keeps producing until it has nothing left.
            let done = consumed >= count && (!endOfInput || data.output_frames_gen == 0)
            if done || !madeProgress { return 0 }
        }
    }

    private func reserveScratch(_ capacity: Int) {
        guard capacity > scratchCapacity else { return }
        scratch.deallocate()
        scratch = .allocate(capacity: capacity)
        scratchCapacity = capacity
    }

    private static func message(_ code: Int32) -> String {
        src_strerror(code).map { String(cString: $0) } ?? "libsamplerate error \(code)"
    }
}
