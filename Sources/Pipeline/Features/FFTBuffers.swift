import CFFTW

/// Input and output arrays for one r2c transform, from `fftwf_malloc` so they have the alignment
/// the shared plan was made with. Owned by one thread at a time.
final class FFTBuffers {
    let real: UnsafeMutablePointer<Float>
    let spectrum: UnsafeMutablePointer<fftwf_complex>
    let fftSize: Int

    init(fftSize: Int) {
        self.fftSize = fftSize
        let bins = fftSize / 2 + 1
        guard let realMemory = fftwf_malloc(MemoryLayout<Float>.stride * fftSize),
              let spectrumMemory = fftwf_malloc(MemoryLayout<fftwf_complex>.stride * bins) else {
            fatalError("fftwf_malloc failed for a \(fftSize)-point transform")
        }
        real = realMemory.bindMemory(to: Float.self, capacity: fftSize)
        real.initialize(repeating: 0, count: fftSize)
        spectrum = spectrumMemory.bindMemory(to: fftwf_complex.self, capacity: bins)
        spectrum.initialize(repeating: (0, 0), count: bins)
    }

    deinit {
        fftwf_free(real)
        fftwf_free(spectrum)
    }
}
