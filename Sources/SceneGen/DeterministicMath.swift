// Transcendental functions built only from IEEE-754 basic operations
// (+, -, *, /, sqrt, floor), so the generator's output is bit-identical on every platform and
// libm (glibc, Darwin, musl) — Foundation's sin/exp are not guaranteed to be. Randomness is
// Results' SeededGenerator (SplitMix64), the one generator of arbench.

/// Platform-independent math (polynomial approximations, ~1e-9 relative error; ample for audio).
enum DMath {
    static let pi = 3.141592653589793

    /// sin(2π·p) for a phase `p` in cycles.
    @inline(__always)
    static func sin2pi(_ p: Double) -> Double {
        var x = p - (p + 0.5).rounded(.down)  // [-0.5, 0.5)
        if x > 0.25 { x = 0.5 - x } else if x < -0.25 { x = -0.5 - x }
        let t = x * 6.283185307179586  // [-π/2, π/2]
        let t2 = t * t
        var s = 1.6059043836821613e-10
        s = s * t2 - 2.505210838544172e-08
        s = s * t2 + 2.7557319223985893e-06
        s = s * t2 - 0.0001984126984126984
        s = s * t2 + 0.008333333333333333
        s = s * t2 - 0.16666666666666666
        s = s * t2 + 1
        return s * t
    }

    /// cos(2π·p) for a phase `p` in cycles.
    @inline(__always)
    static func cos2pi(_ p: Double) -> Double { sin2pi(p + 0.25) }

    /// e^x.
    static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x < -708 { return 0 }
        if x > 709 { return .infinity }
        let k = (x * 1.4426950408889634).rounded()
        let r = (x - k * 6.93147180369123816490e-01) - k * 1.90821492927058770002e-10
        var s = 1.6059043836821613e-10
        s = s * r + 2.08767569878681e-09
        s = s * r + 2.505210838544172e-08
        s = s * r + 2.755731922398589e-07
        s = s * r + 2.7557319223985893e-06
        s = s * r + 2.48015873015873e-05
        s = s * r + 0.0001984126984126984
        s = s * r + 0.001388888888888889
        s = s * r + 0.008333333333333333
        s = s * r + 0.041666666666666664
        s = s * r + 0.16666666666666666
        s = s * r + 0.5
        s = s * r + 1
        s = s * r + 1
        return Double(sign: .plus, exponent: Int(k), significand: s)
    }

    /// Linear gain of a level in dB.
    static func dbToGain(_ db: Double) -> Double { exp(db * 0.11512925464970229) }

    /// 2^x.
    static func exp2(_ x: Double) -> Double { exp(x * 0.6931471805599453) }

    /// Per-sample multiplier of an exponential decay with time constant `tau` seconds.
    static func decay(tau: Double, sampleRate: Double) -> Double { exp(-1 / (tau * sampleRate)) }
}
