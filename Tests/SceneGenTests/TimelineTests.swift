import Testing
@testable import SceneGen

@Suite struct TimelineTests {
    static let seeds: [UInt64] = Array(0 ..< 40) + [0xDEAD_BEEF, .max]

    @Test func eventsAreSortedNonOverlappingAndSeparatedByGaps() {
        for seed in Self.seeds {
            let duration = 150.0
            let events = generator(duration, seed: seed).events()
            #expect(!events.isEmpty)
            guard let first = events.first, let last = events.last else { continue }
            #expect(first.start >= SceneGenerator.gapRange.lowerBound)
            #expect(first.start <= SceneGenerator.gapRange.upperBound)
            #expect(last.end <= duration - SceneGenerator.minimumTail + 1e-9)
            for (a, b) in zip(events, events.dropFirst()) {
                let gap = b.start - a.end
                #expect(gap >= SceneGenerator.gapRange.lowerBound - 1e-9, "seed \(seed): gap \(gap) between \(a) and \(b)")
                #expect(gap <= SceneGenerator.gapRange.upperBound + 1e-9, "seed \(seed): gap \(gap)")
            }
        }
    }

    @Test func durationsAreWithinBoundsAndVaryWidely() {
        var all: [Double] = []
        for seed in Self.seeds {
            for e in generator(120, seed: seed).events() {
                #expect(e.duration >= SceneGenerator.eventDurationRange.lowerBound - 1e-9, "\(e)")
                #expect(e.duration <= SceneGenerator.eventDurationRange.upperBound + 1e-9, "\(e)")
                // Boundaries fall on whole milliseconds.
                #expect((e.start * 1000).rounded() / 1000 == e.start)
                #expect((e.end * 1000).rounded() / 1000 == e.end)
                all.append(e.duration)
            }
        }
        #expect(all.min()! < 0.7)
        #expect(all.max()! > 3.8)
    }

    @Test func everyClassAppearsInATwoMinuteScene() {
        let rendered = generator(120, seed: 1).render()
        #expect(Set(rendered.events.map(\.soundClass)) == Set(SoundClass.allCases))
        for seed in Self.seeds {
            let classes = Set(generator(120, seed: seed).events().map(\.soundClass))
            #expect(classes == Set(SoundClass.allCases), "seed \(seed)")
        }
    }

    @Test func classSubsetIsRespected() {
        var config = SceneConfig(durationSeconds: 60, seed: 9)
        config.classes = [.siren, .knock]
        let events = SceneGenerator(config: config).events()
        #expect(Set(events.map(\.soundClass)) == [.siren, .knock])
        config.classes = []
        let quiet = SceneGenerator(config: config).render()
        #expect(quiet.events.isEmpty)
        #expect(quiet.samples.count == 60 * 16000)
        #expect(quiet.samples.map(\.magnitude).max()! < 0.01)
    }

    @Test func sceneIsNotClippedAndGapsAreQuiet() {
        let scene = generator(60, seed: 4).render()
        let peak = scene.samples.map(\.magnitude).max()!
        #expect(peak < 1.0)
        #expect(peak > 0.05)
        // Gap audio is the noise floor: RMS around -60 dBFS.
        var sum = 0.0, count = 0
        var previousEnd = 0
        for e in scene.events {
            let start = Int(e.start * 16000)
            for i in previousEnd ..< start {
                sum += Double(scene.samples[i]) * Double(scene.samples[i])
                count += 1
            }
            previousEnd = Int(e.end * 16000)
        }
        let rms = (sum / Double(count)).squareRoot()
        #expect(rms > 0.0007 && rms < 0.0014, "gap RMS \(rms)")
    }

    @Test func shortAndOddDurations() {
        // Too short for any event: noise only, but the right length.
        let tiny = generator(0.9, seed: 1).render()
        #expect(tiny.events.isEmpty)
        #expect(tiny.samples.count == 14400)
        let odd = generator(12.34567, seed: 2).render()
        #expect(odd.samples.count == 197_531)
        #expect(generator(0, seed: 1).render().samples.isEmpty)
    }
}
