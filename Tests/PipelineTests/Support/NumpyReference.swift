import Foundation
@testable import Pipeline
import TestSupport

/// An independent log-mel implementation in numpy (float64, numpy.fft.rfft, filterbank written out from
/// the HTK formulas), run through /usr/bin/python3. Missing python or numpy is a failure with a clear
/// message, never a silent pass: CI installs python3-numpy.
struct NumpyReference: Decodable {
    let filterbank: [[Double]]
    let mel: [[Double]]
    let logmel: [[Double]]

    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    static let python = "/usr/bin/python3"

    static let script = #"""
    import json, sys
    try:
        import numpy as np
    except ImportError as error:
        sys.stderr.write("numpy is not installed (apt-get install python3-numpy): %s\n" % error)
        sys.exit(3)

    path, sr, win, hop, nfft, nmels, fmin, fmax, floor = sys.argv[1:]
    sr, win, hop, nfft, nmels = int(sr), int(win), int(hop), int(nfft), int(nmels)
    fmin, fmax, floor = float(fmin), float(fmax), float(floor)
    signal = np.fromfile(path, dtype="<f4").astype(np.float64)

    def hz_to_mel(hz):
        return 2595.0 * np.log10(1.0 + hz / 700.0)

    def mel_to_hz(mel):
        return 700.0 * (10.0 ** (mel / 2595.0) - 1.0)

    bins = nfft // 2 + 1
    fft_freqs = np.linspace(0.0, sr / 2.0, bins)
    edges = mel_to_hz(np.linspace(hz_to_mel(fmin), hz_to_mel(fmax), nmels + 2))
    fb = np.zeros((nmels, bins))
    for m in range(nmels):
        rising = (fft_freqs - edges[m]) / (edges[m + 1] - edges[m])
        falling = (edges[m + 2] - fft_freqs) / (edges[m + 2] - edges[m + 1])
        fb[m] = np.maximum(0.0, np.minimum(rising, falling))

    window = 0.5 - 0.5 * np.cos(2.0 * np.pi * np.arange(win) / win)   # periodic Hann
    frames = 1 if len(signal) < win else 1 + (len(signal) - win) // hop
    power = np.zeros((bins, frames))
    for t in range(frames):
        piece = signal[t * hop : t * hop + win]
        padded = np.zeros(nfft)
        padded[: len(piece)] = piece * window[: len(piece)]
        power[:, t] = np.abs(np.fft.rfft(padded)) ** 2
    mel = fb @ power
    json.dump({"filterbank": fb.tolist(), "mel": mel.tolist(),
               "logmel": np.log(np.maximum(mel, floor)).tolist()}, sys.stdout)
    """#

    static func compute(signal: [Float], config: LogMelConfig, workDirectory: TemporaryDirectory) throws -> NumpyReference {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw Unavailable(description: "\(python) not found: the log-mel reference test needs python3 with numpy (apt-get install python3-numpy)")
        }
        let signalPath = workDirectory.path("signal.f32")
        try signal.withUnsafeBytes { Data($0) }.write(to: URL(fileURLWithPath: signalPath))

        // The JSON is larger than a pipe buffer: the runner drains stdout and stderr while python runs.
        let output = try ProcessRunner.run(python, ["-c", script, signalPath, "\(config.sampleRate)", "\(config.windowLength)",
                                                    "\(config.hopLength)", "\(config.fftSize)", "\(config.mels)",
                                                    "\(config.fMin)", "\(config.fMax)", "\(config.logFloor)"])
        guard output.status == 0 else {
            throw Unavailable(description: "numpy reference failed (exit \(output.status)): \(output.stderr)")
        }
        return try JSONDecoder().decode(NumpyReference.self, from: output.stdoutData)
    }
}
