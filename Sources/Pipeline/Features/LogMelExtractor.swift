import CFFTW
import Foundation

/// Computes log-mel features with a shared LogMelPlan. One per engine thread: it owns its FFT and
/// spectrum buffers and is not thread-safe itself.
///
/// Per frame: `windowLength` samples times the periodic Hann window, zero-padded at the end to
/// `fftSize`; power spectrum |X|²; mel = W · power; value = ln(max(mel, logFloor)).
public final class LogMelExtractor {
    public let plan: LogMelPlan
    private let buffers: FFTBuffers
    private var power: [Float]

    public init(plan: LogMelPlan) {
        self.plan = plan
        buffers = FFTBuffers(fftSize: plan.config.fftSize)
        power = [Float](repeating: 0, count: plan.config.frequencyBins)
    }

    public func extract(_ samples: [Float]) -> LogMel {
        let config = plan.config
        let frames = config.frameCount(forSamples: samples.count)
        var values = [Float](repeating: 0, count: config.mels * frames)
        samples.withUnsafeBufferPointer { signal in
            for frame in 0 ..< frames {
                powerSpectrum(of: signal, from: frame * config.hopLength)
                addLogMel(frame: frame, frames: frames, into: &values)
            }
        }
        return LogMel(mels: config.mels, frames: frames, values: values)
    }

    private func powerSpectrum(of signal: UnsafeBufferPointer<Float>, from start: Int) {
        let config = plan.config
        let available = max(0, min(config.windowLength, signal.count - start))
        let real = buffers.real
        plan.window.withUnsafeBufferPointer { window in
            for index in 0 ..< available {
                real[index] = signal[start + index] * window[index]
            }
        }
        // Zero the tail every time: a short final frame and the fftSize padding must not keep old samples.
        for index in available ..< config.fftSize {
            real[index] = 0
        }
        fftwf_execute_dft_r2c(plan.plan, real, buffers.spectrum)
        let spectrum = buffers.spectrum
        for bin in 0 ..< config.frequencyBins {
            let (re, im) = spectrum[bin]
            power[bin] = re * re + im * im
        }
    }

    private func addLogMel(frame: Int, frames: Int, into values: inout [Float]) {
        let filterbank = plan.filterbank
        let floor = plan.config.logFloor
        for mel in 0 ..< plan.config.mels {
            let weights = filterbank.weights[mel]
            var energy: Float = 0
            for bin in filterbank.nonZeroBins[mel] {
                energy += weights[bin] * power[bin]
            }
            values[mel * frames + frame] = log(max(energy, floor))
        }
    }
}
