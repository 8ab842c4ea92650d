import CFFTW
import Foundation

/// FFTW's planner keeps global state and is not thread-safe (only `fftwf_execute*` is), so every plan
/// creation and destruction in the process goes through this lock.
let fftwPlannerLock = NSLock()

/// The shared, read-only half of log-mel extraction: one real-to-complex FFTW plan (fftSize,
/// FFTW_ESTIMATE), the periodic Hann window and the mel filterbank. Made once, shared by all engine
/// threads; each LogMelExtractor executes the plan on its own buffers with `fftwf_execute_dft_r2c`.
///
/// The new-array execute requires buffers with the plan's alignment, so the plan is made on
/// `fftwf_malloc` buffers and extractors allocate theirs the same way.
public final class LogMelPlan: @unchecked Sendable {
    public let config: LogMelConfig
    public let filterbank: MelFilterbank
    /// Periodic Hann of windowLength (the DFT-even form used for spectral analysis).
    public let window: [Float]
    /// Immutable after init and only passed to `fftwf_execute_dft_r2c`, which FFTW documents as
    /// thread-safe: hence the unchecked Sendable.
    let plan: OpaquePointer

    public init(config: LogMelConfig = .standard) {
        precondition(config.fftSize >= 2 && config.fftSize % 2 == 0, "fftSize must be even")
        precondition(config.windowLength >= 1 && config.windowLength <= config.fftSize,
                     "window (\(config.windowLength) samples) must fit in fftSize \(config.fftSize)")
        precondition(config.mels >= 1, "need at least one mel band")
        precondition(config.fMin >= 0 && config.fMin < config.fMax
                     && Double(config.fMax) <= Double(config.sampleRate) / 2,
                     "need 0 <= fMin < fMax <= sampleRate / 2")
        self.config = config
        filterbank = MelFilterbank(config: config)
        window = Self.periodicHann(length: config.windowLength)
        plan = fftwPlannerLock.withLock {
            let input = FFTBuffers(fftSize: config.fftSize)
            // FFTW_ESTIMATE does not touch the arrays, so throwaway buffers are enough to plan on.
            guard let plan = fftwf_plan_dft_r2c_1d(Int32(config.fftSize), input.real, input.spectrum,
                                                   UInt32(FFTW_ESTIMATE)) else {
                fatalError("FFTW could not plan a \(config.fftSize)-point r2c transform")
            }
            return plan
        }
    }

    deinit {
        fftwPlannerLock.withLock { fftwf_destroy_plan(plan) }
    }

    static func periodicHann(length: Int) -> [Float] {
        (0 ..< length).map { index in
            Float(0.5 - 0.5 * cos(2 * Double.pi * Double(index) / Double(length)))
        }
    }
}
