import Testing
@testable import SceneGen

@Suite struct DeterminismTests {
    @Test func sameSeedGivesIdenticalSamples() {
        let a = generator(20, seed: 7).render()
        let b = generator(20, seed: 7).render()
        #expect(a.samples == b.samples)
        #expect(a.events == b.events)
        #expect(a.samples.count == 20 * 16000)
    }

    @Test func differentSeedGivesDifferentScene() {
        let a = generator(20, seed: 7).render()
        let b = generator(20, seed: 8).render()
        #expect(a.samples != b.samples)
        #expect(a.events != b.events)
    }

    @Test func longerSceneSharesItsPrefix() {
        let short = generator(30, seed: 3).events()
        let long = generator(60, seed: 3).events()
        // All but the last short event (which may be truncated to fit) are identical.
        #expect(short.count >= 2)
        #expect(Array(long.prefix(short.count - 1)) == Array(short.dropLast()))
    }

    @Test(arguments: SoundClass.allCases)
    func renderEventIsDeterministic(_ c: SoundClass) {
        let a = SceneGenerator.renderEvent(c, seconds: 1.25, seed: 11)
        let b = SceneGenerator.renderEvent(c, seconds: 1.25, seed: 11)
        let other = SceneGenerator.renderEvent(c, seconds: 1.25, seed: 12)
        #expect(a.count == 20000)
        #expect(a == b)
        #expect(a != other)
    }

    /// Golden digests: the generator uses only IEEE basic arithmetic (no libm), so these values
    /// must match on every platform. If you change a synthesizer on purpose, update them (and
    /// note that previously generated data sets and trained models no longer match).
    @Test func goldenDigestIsPlatformIndependent() {
        let scene = generator(10, seed: 42).render()
        #expect(digest(scene.samples) == Self.goldenScene, "scene digest \(digest(scene.samples))")
        let events = SoundClass.allCases.map { digest(SceneGenerator.renderEvent($0, seconds: 0.75, seed: 5)) }
        #expect(events == Self.goldenEvents, "event digests \(events)")
    }

    static let goldenScene: UInt64 = 4_925_029_369_354_285_119
    static let goldenEvents: [UInt64] = [
        12_115_598_976_833_020_577, 14_908_793_620_925_623_682, 5_703_682_574_062_445_473,
        8_895_333_837_626_003_902, 18_116_483_276_667_904_089, 1_531_268_175_858_481_750,
    ]
}
