import Results
// The six class synthesizers. Each renders one isolated event into a zeroed buffer; `render`
// then normalizes its peak to a random level in -20...-6 dBFS and fades the edges.
// Silences inside an event stay below ~0.28 s, shorter than the 0.3 s minimum gap between
// events, so an energy VAD can in principle recover event boundaries.
// Hot loops use raw pointers and local state only (no per-sample allocation), so debug builds
// stay fast.

enum Synth {
    /// Event peak level range in dBFS.
    static let levelRange = -20.0 ... -6.0
    /// Edge fade length, seconds.
    static let fadeSeconds = 0.005

    /// Renders `count` samples of class `c` into `out` (overwritten), fully determined by
    /// (c, count, seed, sampleRate).
    static func render(_ c: SoundClass, into out: UnsafeMutablePointer<Float>, count n: Int,
                       seed: UInt64, sampleRate: Int) {
        guard n > 0 else { return }
        out.initialize(repeating: 0, count: n)
        var rng = SeededGenerator(seed: SeededGenerator.derive(seed, UInt64(c.index) &+ 1))
        let level = rng.uniform(levelRange.lowerBound, levelRange.upperBound)
        let sr = Double(sampleRate)
        switch c {
        case .speech: speech(out, n, &rng, sr)
        case .music: music(out, n, &rng, sr)
        case .birdsong: birdsong(out, n, &rng, sr)
        case .siren: siren(out, n, &rng, sr)
        case .machinery: machinery(out, n, &rng, sr)
        case .knock: knock(out, n, &rng, sr)
        }
        normalize(out, n, peak: Float(DMath.dbToGain(level)))
        fade(out, n, Int(fadeSeconds * sr))
    }

    static func peak(_ p: UnsafeMutablePointer<Float>, _ n: Int) -> Float {
        var m: Float = 0
        for i in 0 ..< n {
            let a = p[i].magnitude
            if a > m { m = a }
        }
        return m
    }

    static func normalize(_ p: UnsafeMutablePointer<Float>, _ n: Int, peak target: Float) {
        let m = peak(p, n)
        guard m > 0, m.isFinite else { return }
        let g = target / m
        for i in 0 ..< n { p[i] *= g }
    }

    static func fade(_ p: UnsafeMutablePointer<Float>, _ n: Int, _ length: Int) {
        let f = min(length, n / 4)
        guard f > 0 else { return }
        for i in 0 ..< f {
            let g = Float(i) / Float(f)
            p[i] *= g
            p[n - 1 - i] *= g
        }
    }

    // MARK: speech

    /// Vowel formant targets F1, F2, F3 in Hz (adult male averages).
    static let vowels: [(Double, Double, Double)] = [
        (730, 1090, 2440), // a
        (270, 2290, 3010), // i
        (300, 870, 2240),  // u
        (530, 1840, 2480), // e
        (570, 840, 2410),  // o
        (660, 1720, 2410), // æ
        (640, 1190, 2390), // ʌ
    ]

    /// Formant synthesis: glottal pulse train (f0 90-220 Hz, intonation + jitter) through a cascade
    /// of three 2-pole formant resonators gliding between vowel targets once per syllable
    /// (~120-250 ms), with a syllable amplitude envelope, word pauses and fricative onsets.
    static func speech(_ out: UnsafeMutablePointer<Float>, _ n: Int, _ rng: inout SeededGenerator, _ sr: Double) {
        let f0Base = rng.uniform(90, 220)
        let formantScale = f0Base > 160 ? rng.uniform(1.08, 1.22) : rng.uniform(0.92, 1.06)
        let intonationRate = rng.uniform(0.25, 0.9)
        let intonationDepth = rng.uniform(0.06, 0.2)
        let intonationPhase = rng.unit()
        let meanSyllable = rng.uniform(0.13, 0.21)
        let breath = rng.uniform(0.01, 0.05)
        let nyq = 0.45 * sr
        let r1 = DMath.exp(-DMath.pi * rng.uniform(60, 90) / sr)
        let r2 = DMath.exp(-DMath.pi * rng.uniform(80, 120) / sr)
        let r3 = DMath.exp(-DMath.pi * rng.uniform(110, 160) / sr)
        let a21 = -r1 * r1, a22 = -r2 * r2, a23 = -r3 * r3
        let ctrl = 32
        let smooth = 1 - DMath.exp(-Double(ctrl) / (sr * 0.025))

        var vowel = rng.int(0, vowels.count - 1)
        var t1 = min(vowels[vowel].0 * formantScale, nyq)
        var t2 = min(vowels[vowel].1 * formantScale, nyq)
        var t3 = min(vowels[vowel].2 * formantScale, nyq)
        var f1 = t1, f2 = t2, f3 = t3
        var segLeft = 0, segLen = 1, inPause = true
        var syllablesLeft = 0
        var wordPitch = 1.0, wordPitchTarget = 1.0
        var jitter = 0.0
        var phase = rng.unit()
        var src = 0.0
        var y11 = 0.0, y12 = 0.0, y21 = 0.0, y22 = 0.0, y31 = 0.0, y32 = 0.0
        var envPrev = 0.0
        var fricatives: [(start: Int, length: Int, amp: Double)] = []

        var block = 0
        while block < n {
            let end = min(block + ctrl, n)
            if segLeft <= 0 {
                if !inPause && syllablesLeft == 0 {
                    inPause = true
                    segLen = Int(rng.uniform(0.05, 0.15) * sr)
                } else {
                    if inPause {
                        syllablesLeft = rng.int(2, 5)
                        wordPitchTarget = rng.uniform(0.9, 1.12)
                    }
                    inPause = false
                    syllablesLeft -= 1
                    segLen = Int(meanSyllable * rng.uniform(0.8, 1.25) * sr)
                    var v = rng.int(0, vowels.count - 2)
                    if v >= vowel { v += 1 }
                    vowel = v
                    t1 = min(vowels[v].0 * formantScale, nyq)
                    t2 = min(vowels[v].1 * formantScale, nyq)
                    t3 = min(vowels[v].2 * formantScale, nyq)
                    if rng.chance(0.35) {
                        fricatives.append((block, Int(rng.uniform(0.04, 0.1) * sr), rng.uniform(0.08, 0.25)))
                    }
                }
                segLen = max(segLen, 1)
                segLeft = segLen
            }
            // Control-rate updates: pitch, formant glide, resonator coefficients, envelope.
            let u = 1 - Double(segLeft - (end - block)) / Double(segLen)
            let envNext = inPause ? 0 : DMath.sin2pi(0.5 * min(max(u, 0), 1)).squareRoot()
            jitter = 0.97 * jitter + 0.004 * rng.bipolar()
            wordPitch += (wordPitchTarget - wordPitch) * 0.02
            let tSec = Double(block) / sr
            let f0 = f0Base * wordPitch * (1 + jitter)
                * (1 + intonationDepth * DMath.sin2pi(intonationPhase + intonationRate * tSec))
            let dphase = f0 / sr
            f1 += (t1 - f1) * smooth
            f2 += (t2 - f2) * smooth
            f3 += (t3 - f3) * smooth
            let a11 = 2 * r1 * DMath.cos2pi(f1 / sr), b1 = 1 - a11 - a21
            let a12 = 2 * r2 * DMath.cos2pi(f2 / sr), b2 = 1 - a12 - a22
            let a13 = 2 * r3 * DMath.cos2pi(f3 / sr), b3 = 1 - a13 - a23
            let envStep = (envNext - envPrev) / Double(end - block)
            var env = envPrev
            for i in block ..< end {
                phase += dphase
                var x = breath * rng.bipolar()
                if phase >= 1 {
                    phase -= 1
                    x += 1
                }
                src = x + 0.9 * src
                let e = src * env
                env += envStep
                let y1 = b1 * e + a11 * y11 + a21 * y12
                y12 = y11; y11 = y1
                let y2 = b2 * y1 + a12 * y21 + a22 * y22
                y22 = y21; y21 = y2
                let y3 = b3 * y2 + a13 * y31 + a23 * y32
                y32 = y31; y31 = y3
                out[i] = Float(y3)
            }
            envPrev = envNext
            segLeft -= end - block
            block = end
        }
        // Fricative consonants: high-passed noise bursts on top of the voiced signal.
        let p = Double(peak(out, n))
        for f in fricatives {
            let len = min(f.length, n - f.start)
            guard len > 1 else { continue }
            var prev = 0.0
            for i in 0 ..< len {
                let w = rng.bipolar()
                let hp = w - prev
                prev = w
                let env = DMath.sin2pi(0.5 * Double(i) / Double(len))
                out[f.start + i] += Float(0.5 * p * f.amp * env * hp)
            }
        }
    }

    // MARK: music

    static let scales: [[Int]] = [
        [0, 2, 4, 5, 7, 9, 11], // major
        [0, 2, 3, 5, 7, 8, 10], // natural minor
        [0, 2, 4, 7, 9],        // major pentatonic
        [0, 3, 5, 7, 10],       // minor pentatonic
    ]

    /// A melody of harmonic notes (3-6 harmonics with geometrically decaying amplitudes), note
    /// lengths 150-500 ms, ADSR envelopes, occasional two-note chords.
    static func music(_ out: UnsafeMutablePointer<Float>, _ n: Int, _ rng: inout SeededGenerator, _ sr: Double) {
        let scale = scales[rng.int(0, scales.count - 1)]
        let root = rng.int(48, 67)
        let harmonics = rng.int(3, 6)
        let harmonicDecay = rng.uniform(0.35, 0.75)
        var amps = [Double](repeating: 0, count: harmonics)
        var a = 1.0
        for k in 0 ..< harmonics {
            amps[k] = a
            a *= harmonicDecay
        }
        let unit = rng.uniform(0.15, 0.3)
        let adsr = ADSR(attack: Int(rng.uniform(0.004, 0.03) * sr), decay: Int(rng.uniform(0.04, 0.15) * sr),
                        sustain: rng.uniform(0.35, 0.8), release: Int(rng.uniform(0.03, 0.12) * sr))
        let chordProbability = rng.uniform(0, 0.4)
        let multipliers = [1.0, 1.0, 1.5, 2.0]
        var degree = rng.int(0, scale.count - 1)
        var pos = 0
        while pos < n {
            let length = min(0.5, max(0.15, unit * multipliers[rng.int(0, multipliers.count - 1)]))
            let len = min(Int(length * sr), n - pos)
            degree = min(max(degree + rng.int(-2, 2), -4), 2 * scale.count)
            let chord = rng.chance(chordProbability)
            let accent = rng.uniform(0.7, 1.0)
            let gain = chord ? 0.5 * accent : accent
            for d in chord ? [degree, degree + 2] : [degree] {
                let octave = d >= 0 ? d / scale.count : -((-d + scale.count - 1) / scale.count)
                let midi = root + 12 * octave + scale[d - octave * scale.count]
                let f = 440 * DMath.exp2(Double(midi - 69) / 12)
                amps.withUnsafeBufferPointer { amp in
                    note(out + pos, len, freq: f, amps: amp, adsr: adsr, gain: gain, sr: sr)
                }
            }
            pos += len
        }
    }

    struct ADSR {
        var attack: Int, decay: Int, sustain: Double, release: Int
    }

    /// Adds one harmonic note: a rotating phasor for the fundamental and the Chebyshev recurrence
    /// sin(kθ) = 2cosθ·sin((k-1)θ) - sin((k-2)θ) for the harmonics (no per-sample sin calls).
    static func note(_ out: UnsafeMutablePointer<Float>, _ len: Int, freq: Double, amps: UnsafeBufferPointer<Double>,
                     adsr: ADSR, gain: Double, sr: Double) {
        let k = min(amps.count, Int(0.45 * sr / freq))
        guard k > 0, len > 0 else { return }
        let cd = DMath.cos2pi(freq / sr), sd = DMath.sin2pi(freq / sr)
        var c = 1.0, s = 0.0
        let rel = min(adsr.release, len / 3)
        let atk = max(1, min(adsr.attack, len / 3))
        let dec = max(1, adsr.decay)
        for i in 0 ..< len {
            var env: Double
            if i < atk {
                env = Double(i) / Double(atk)
            } else if i < atk + dec {
                env = 1 - (1 - adsr.sustain) * Double(i - atk) / Double(dec)
            } else {
                env = adsr.sustain
            }
            if i >= len - rel { env *= Double(len - i) / Double(rel) }
            var sum = amps[0] * s
            var sPrev2 = 0.0, sPrev = s
            let twoC = 2 * c
            var h = 1
            while h < k {
                let sk = twoC * sPrev - sPrev2
                sum += amps[h] * sk
                sPrev2 = sPrev
                sPrev = sk
                h += 1
            }
            out[i] += Float(gain * env * sum)
            let nc = c * cd - s * sd
            s = s * cd + c * sd
            c = nc
        }
    }

    // MARK: birdsong

    /// Bursts of 2-6 short FM chirps (30-150 ms, sweeping within 2-6 kHz: up, down or arched,
    /// sometimes trilled), separated by short gaps.
    static func birdsong(_ out: UnsafeMutablePointer<Float>, _ n: Int, _ rng: inout SeededGenerator, _ sr: Double) {
        let top = min(6000, 0.45 * sr)
        let fLo = min(rng.uniform(2000, 3500), 0.6 * top)
        let fHi = min(fLo + rng.uniform(1000, 2500), top)
        let meanChirp = rng.uniform(0.03, 0.15)
        let style = rng.int(0, 3) // up, down, arch, mixed
        let trill = rng.chance(0.35)
        let trillRate = rng.uniform(30, 80)
        let trillDepth = trill ? rng.uniform(100, 400) : 0
        let chirpGap = rng.uniform(0.02, 0.08)
        let burstGap = rng.uniform(0.1, 0.22)
        var phase = 0.0
        var pos = Int(rng.uniform(0, 0.03) * sr)
        while pos < n {
            let chirps = rng.int(2, 6)
            for k in 0 ..< chirps where pos < n {
                let len = min(Int(min(max(meanChirp * rng.uniform(0.75, 1.3), 0.03), 0.15) * sr), n - pos)
                let shape = style == 3 ? rng.int(0, 2) : style
                let amp = rng.uniform(0.5, 1.0)
                let lo = fLo * rng.uniform(0.95, 1.05)
                let hi = min(fHi * rng.uniform(0.95, 1.05), top)
                let span = hi - lo
                let o = out + pos
                for i in 0 ..< len {
                    let u = Double(i) / Double(len)
                    let w = 4 * u * (1 - u)
                    var f: Double
                    switch shape {
                    case 0: f = lo + span * u
                    case 1: f = hi - span * u
                    default: f = lo + span * w
                    }
                    if trill { f += trillDepth * DMath.sin2pi(trillRate * Double(i) / sr) }
                    phase += f / sr
                    if phase >= 1 { phase -= 1 }
                    o[i] += Float(amp * w * w * DMath.sin2pi(phase))
                }
                pos += len + (k == chirps - 1 ? Int(burstGap * rng.uniform(0.8, 1.2) * sr)
                                              : Int(chirpGap * rng.uniform(0.7, 1.3) * sr))
            }
        }
    }

    // MARK: siren

    /// An alarm: either a wail sweeping slowly between ~600 and ~1400 Hz (period 0.5-2 s) or a
    /// two-tone (hi-lo) alternation, with 2nd and 3rd harmonics.
    static func siren(_ out: UnsafeMutablePointer<Float>, _ n: Int, _ rng: inout SeededGenerator, _ sr: Double) {
        let wail = rng.chance(0.6)
        let fLo = wail ? rng.uniform(550, 800) : rng.uniform(600, 900)
        let fHi = wail ? rng.uniform(1100, 1450) : fLo * rng.uniform(1.25, 1.5)
        let period = wail ? rng.uniform(0.5, 2.0) : 2 * rng.uniform(0.25, 0.6)
        let modPhase = rng.unit()
        let h2 = rng.uniform(0.1, 0.4), h3 = rng.uniform(0.05, 0.25)
        let glide = 1 - DMath.exp(-1 / (0.005 * sr))
        let mid = 0.5 * (fLo + fHi), dev = 0.5 * (fHi - fLo)
        var f = wail ? mid : fLo
        var phase = 0.0
        for i in 0 ..< n {
            let m = modPhase + Double(i) / (period * sr)
            if wail {
                f = mid + dev * DMath.sin2pi(m)
            } else {
                let target = m - m.rounded(.down) < 0.5 ? fLo : fHi
                f += (target - f) * glide
            }
            phase += f / sr
            if phase >= 1 { phase -= 1 }
            let s1 = DMath.sin2pi(phase), c = DMath.cos2pi(phase)
            let s2 = 2 * c * s1
            let s3 = 2 * c * s2 - s1
            out[i] = Float(s1 + h2 * s2 + h3 * s3)
        }
    }

    // MARK: machinery

    /// Broadband (partly low-passed) noise plus mains-like hum (50 Hz and harmonics, 100 Hz
    /// strong), amplitude-modulated at a motor rate of 4-25 Hz.
    static func machinery(_ out: UnsafeMutablePointer<Float>, _ n: Int, _ rng: inout SeededGenerator, _ sr: Double) {
        let cutoff = rng.uniform(300, 2000)
        let lpA = DMath.exp(-2 * DMath.pi * cutoff / sr)
        let lpNorm = ((1 + lpA) / (1 - lpA)).squareRoot() // unit-variance low-passed noise
        let whiteMix = rng.uniform(0.1, 0.35)
        let hum = rng.uniform(0.5, 1.5)
        let humAmps = [1.0, rng.uniform(0.6, 1.3), rng.uniform(0.1, 0.5), rng.uniform(0.05, 0.3)]
        let humTotal = humAmps[0] + humAmps[1] + humAmps[2] + humAmps[3]
        let h0 = hum * humAmps[0] / humTotal * 2, h1 = hum * humAmps[1] / humTotal * 2
        let h2 = hum * humAmps[2] / humTotal * 2, h3 = hum * humAmps[3] / humTotal * 2
        let motorRate = rng.uniform(4, 25)
        let depth = rng.uniform(0.3, 0.7)
        let humF = 50.0
        let hcd = DMath.cos2pi(humF / sr), hsd = DMath.sin2pi(humF / sr)
        let mcd = DMath.cos2pi(motorRate / sr), msd = DMath.sin2pi(motorRate / sr)
        var hc = 1.0, hs = 0.0
        let mp = rng.unit()
        var mc = DMath.cos2pi(mp), ms = DMath.sin2pi(mp)
        var lp = 0.0
        let whiteNorm = 1.7320508075688772 // uniform [-1,1) has variance 1/3
        for i in 0 ..< n {
            let w = rng.bipolar() * whiteNorm
            lp = (1 - lpA) * w + lpA * lp
            let noise = (1 - whiteMix) * lp * lpNorm + whiteMix * w
            let s2 = 2 * hc * hs
            let s3 = 2 * hc * s2 - hs
            let s4 = 2 * hc * s3 - s2
            let humSample = h0 * hs + h1 * s2 + h2 * s3 + h3 * s4
            let am = 1 - depth * 0.5 * (1 - ms)
            out[i] = Float(am * (noise + humSample))
            let nhc = hc * hcd - hs * hsd
            hs = hs * hcd + hc * hsd
            hc = nhc
            let nmc = mc * mcd - ms * msd
            ms = ms * mcd + mc * msd
            mc = nmc
            if i & 4095 == 4095 { // keep the phasors on the unit circle
                let gh = 1.5 - 0.5 * (hc * hc + hs * hs)
                hc *= gh; hs *= gh
                let gm = 1.5 - 0.5 * (mc * mc + ms * ms)
                mc *= gm; ms *= gm
            }
        }
    }

    // MARK: knock

    /// Knocking: impulsive broadband bursts (10-60 ms noise with fast decay) exciting a damped
    /// wooden resonance, in irregular groups of 2-5 knocks.
    static func knock(_ out: UnsafeMutablePointer<Float>, _ n: Int, _ rng: inout SeededGenerator, _ sr: Double) {
        let burst = rng.uniform(0.01, 0.06)
        let resF = rng.uniform(150, 600)
        let resF2 = resF * rng.uniform(2.2, 3.1)
        let resTau = rng.uniform(0.008, 0.02)
        let ring = rng.uniform(0.3, 1.0)
        let interval = rng.uniform(0.08, 0.2)
        let groupGap = rng.uniform(0.12, 0.23)
        let noiseDecay = DMath.decay(tau: burst / 3, sampleRate: sr)
        let ringDecay = DMath.decay(tau: resTau, sampleRate: sr)
        let c1 = DMath.cos2pi(resF / sr) * ringDecay, s1 = DMath.sin2pi(resF / sr) * ringDecay
        let c2 = DMath.cos2pi(resF2 / sr) * ringDecay, s2 = DMath.sin2pi(resF2 / sr) * ringDecay
        let knockLen = max(Int(burst * sr), Int(5 * resTau * sr))
        var pos = Int(rng.uniform(0, 0.03) * sr)
        while pos < n {
            let knocks = rng.int(2, 5)
            for k in 0 ..< knocks where pos < n {
                let len = min(knockLen, n - pos)
                let amp = rng.uniform(0.6, 1.0)
                var envN = 1.0
                var zc = 0.0, zs = 1.0, wc = 0.0, ws = 0.6
                let o = out + pos
                for i in 0 ..< len {
                    let noise = rng.bipolar() * envN
                    envN *= noiseDecay
                    o[i] += Float(amp * (noise + ring * (zs + ws)))
                    let nz = zc * c1 - zs * s1
                    zs = zs * c1 + zc * s1
                    zc = nz
                    let nw = wc * c2 - ws * s2
                    ws = ws * c2 + wc * s2
                    wc = nw
                }
                pos += k == knocks - 1 ? Int(groupGap * rng.uniform(0.8, 1.2) * sr)
                                       : Int(interval * rng.uniform(0.6, 1.4) * sr)
            }
        }
    }
}
