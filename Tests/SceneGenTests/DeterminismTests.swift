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

    static let goldenScene: UInt64 = 0
    static let goldenEvents: [UInt64] = []
}
