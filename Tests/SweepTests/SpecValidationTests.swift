import Testing
@testable import Sweep
import Results

private let valid = """
name: demo
audio: {generate: {duration: 90s, seed: 3}}
model: base
engine_threads: "1-4"
intra_op_threads: [1, 4]
"""

@Suite("Spec validation")
struct SpecValidationTests {
    @Test func acceptsAMinimalSpecWithDefaults() throws {
        let spec = try parse(valid)
        #expect(spec.name == "demo")
        #expect(spec.audio == .generate(durationSeconds: 90, seed: 3))
        #expect(spec.engineThreads == [1, 2, 3, 4])
        #expect(spec.intraOpThreads == [1, 4])
        #expect(spec.interOpThreads == [1])
        #expect(spec.allocators == [AllocatorSetting(kind: .glibc)])
        #expect(spec.ompWaitPolicies == [.default])
        #expect(spec.engineModes == [.threads])
        #expect(spec.repetitions == 1)
        #expect(spec.order == .interleaved)
        #expect(spec.timeoutSeconds == 3600)
        #expect(spec.sampleIntervalMs == 100)
        #expect(spec.audioPasses == 1)
    }

    @Test func readsEveryOption() throws {
        let spec = try parse("""
        audio: {paths: [/data/a.wav]}
        audio_passes: 3
        model: /models/m.pt
        engine_threads: [1, "4-5", 8]
        intra_op_threads: 1
        inter_op_threads: [1, 2]
        allocator:
          - glibc
          - glibc-arena2
          - {name: glibc, malloc_arena_max: [1, 4]}
          - {name: jemalloc, malloc_conf: [default, "oversize_threshold:0"]}
          - tcmalloc
          - mimalloc
        omp_wait_policy: [default, passive, active]
        engine_mode: [threads, processes]
        repetitions: 3
        order: randomized
        seed: 42
        timeout: 1h30m
        sample_interval_ms: 50
        reference_cell: {engine_threads: 1, intra_op_threads: 1}
        expectations:
          anything: [goes, here]
          nested: {free: form}
        """, existing: Set(["/data/a.wav", "/models/m.pt"] + AllocatorKind.allCases.compactMap(\.defaultLibraryPath)))
        #expect(spec.engineThreads == [1, 4, 5, 8])
        #expect(spec.audioPasses == 3)
        #expect(spec.allocators.map(\.label) == ["glibc", "glibc-arena2", "glibc-arena1", "glibc-arena4", "jemalloc", "jemalloc", "tcmalloc", "mimalloc"])
        #expect(spec.allocators.map(\.confLabel) == ["default", "default", "default", "default", "default", "oversize_threshold_0", "default", "default"])
        #expect(spec.allocators[5].mallocConf == "oversize_threshold:0")
        #expect(spec.ompWaitPolicies == [.default, .passive, .active])
        #expect(spec.engineModes == [.threads, .processes])
        #expect(spec.order == .randomized(seed: 42))
        #expect(spec.timeoutSeconds == 5400)
        #expect(spec.referenceCell == ReferenceCell(engineThreads: 1, intraOpThreads: 1))
        #expect(spec.expectationsYAML?.contains("nested") == true)
    }

    @Test func rejectsAnUnknownKeyNamingItAndItsLine() {
        let found = problems(valid + "\nrepetitons: 3\n")
        #expect(found.count == 1)
        #expect(found.first?.field == "repetitons")
        #expect(found.first?.line == 6)
        #expect(found.first?.description.hasPrefix("test.yaml:6: repetitons: unknown key") == true)
    }

    /// Spec, expectations and thresholds share one YAML reader: a doubled key or broken YAML is one line
    /// at its line, never Yams' multi-line text.
    @Test func rejectsAKeyGivenTwiceAndBrokenYAMLAtTheirLines() {
        let doubled = problems(valid + "\nengine_threads: 8\n")
        #expect(doubled.map(\.description) == ["test.yaml:4: engine_threads: given twice (first on this line)"])
        let broken = problems(valid + "\nallocator: [glibc\n")
        #expect(broken.count == 1 && broken.first?.line != nil && broken.first?.message.hasPrefix("not valid YAML: ") == true)
        #expect(broken.first?.description.contains("\n") == false)
    }

    @Test func rejectsUnknownNestedKeys() {
        let found = problems("""
        audio: {generate: {duration: 90s, sed: 3}}
        model: base
        engine_threads: 1
        intra_op_threads: 1
        allocator: [{name: jemalloc, malloc_cnf: "x"}]
        """)
        #expect(found.map(\.field).sorted() == ["allocator[0].malloc_cnf", "audio.generate.sed"])
    }

    @Test(arguments: ["0", "-2", "[1, 0]", "\"0-4\"", "\"four\"", "[]"])
    func rejectsThreadCountsBelowOne(_ value: String) {
        let found = problems("""
        audio: {generate: {duration: 90s}}
        model: base
        engine_threads: \(value)
        intra_op_threads: 1
        """)
        #expect(found.count >= 1)
        #expect(found.allSatisfy { $0.field.hasPrefix("engine_threads") })
    }

    @Test func rejectsAnUnknownAllocator() {
        let found = problems(valid + "\nallocator: [glibc, hoard]\n")
        #expect(found.count == 1)
        #expect(found.first?.field == "allocator[1]")
        #expect(found.first?.message.contains("unknown allocator \"hoard\"") == true)
    }

    @Test func rejectsAnAllocatorWhoseLibraryIsNotInstalled() {
        let found = problems(valid + "\nallocator: [glibc, jemalloc]\n", existing: [])
        #expect(found.count == 1)
        #expect(found.first?.field == "allocator[1]")
        #expect(found.first?.message.contains("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 is not installed (apt-get install libjemalloc2)") == true)

        let custom = problems(valid + "\nallocator: [{name: tcmalloc, library: /opt/nowhere/libtcmalloc.so}]\n")
        #expect(custom.first?.message.contains("/opt/nowhere/libtcmalloc.so is not installed") == true)
    }

    @Test func rejectsMissingAudioFiles() {
        let found = problems("""
        audio: {paths: [here.wav, gone.wav]}
        model: base
        engine_threads: 1
        intra_op_threads: 1
        """, existing: ["here.wav"])
        #expect(found.map(\.field) == ["audio.paths[1]"])
        #expect(found.first?.message == "gone.wav does not exist")
    }

    @Test func rejectsAMissingModelFileAndAnUnknownPreset() {
        #expect(problems(valid.replacingOccurrences(of: "model: base", with: "model: /models/none.pt")).map(\.field) == ["model"])
        #expect(problems(valid.replacingOccurrences(of: "model: base", with: "model: huge")).first?.message.contains("neither a model file nor a preset") == true)
    }

    @Test func namedTuningBecomesItsOwnSetting() throws {
        let spec = try parse(valid + """

        allocator:
          - glibc
          - {name: glibc, label: glibc-trim, env: {MALLOC_TRIM_THRESHOLD_: 131072, MALLOC_MMAP_THRESHOLD_: 131072}}
          - tcmalloc-full
          - {name: mimalloc, label: mimalloc-large-pages, env: {MIMALLOC_LARGE_OS_PAGES: 1}}
        """, existing: ["/usr/lib/x86_64-linux-gnu/libtcmalloc.so.4", "/usr/lib/x86_64-linux-gnu/libmimalloc.so.2"])
        #expect(spec.allocators.map(\.label) == ["glibc", "glibc-trim", "tcmalloc-full", "mimalloc-large-pages"])
        #expect(spec.allocators[1].environmentText == "MALLOC_MMAP_THRESHOLD_=131072 MALLOC_TRIM_THRESHOLD_=131072")
        #expect(spec.allocators[2].kind == .tcmalloc && spec.allocators[2].libraryPath == "/usr/lib/x86_64-linux-gnu/libtcmalloc.so.4")
        #expect(spec.allocators[3].environment == ["MIMALLOC_LARGE_OS_PAGES": "1"])
        let cell = Cell(engineThreads: 2, intraOpThreads: 1, allocator: spec.allocators[1])
        #expect(cell.id == "threads-e2-i1-x1-glibc-trim-default-wdefault")
    }

    @Test func rejectsTuningAnAllocatorDoesNotRead() {
        let found = problems(valid + """

        allocator:
          - {name: glibc, label: g1, env: {MALLOC_TRIM_THRESHOLD: 5}}
          - {name: glibc, label: g2, env: {MALLOC_TRIM_THRESHOLD_: lots}}
          - {name: glibc, env: {MALLOC_TRIM_THRESHOLD_: 5}}
          - {name: tcmalloc, label: "t c", env: {MIMALLOC_X: 1}}
          - {name: jemalloc, label: j, env: {MALLOC_CONF: "x"}}
          - {name: glibc, label: g3, malloc_arena_max: [1, 2]}
        """)
        #expect(found.map(\.field) == ["allocator[0].env.MALLOC_TRIM_THRESHOLD", "allocator[1].env.MALLOC_TRIM_THRESHOLD_",
                                        "allocator[2].env", "allocator[3].env.MIMALLOC_X", "allocator[3].label",
                                        "allocator[4].env.MALLOC_CONF", "allocator[5].label"])
        #expect(found[1].message.contains("non-negative integer"))
        #expect(found[2].message.contains("needs a label"))
    }

    @Test func namesThePackageOfTcmallocFull() {
        let found = problems(valid + "\nallocator: [tcmalloc-full]\n", existing: [])
        #expect(found.first?.message.contains("apt-get install libgoogle-perftools4") == true)
    }

    @Test func rejectsTuningTheWrongAllocator() {
        let found = problems(valid + "\nallocator: [{name: glibc, malloc_conf: \"x:1\"}, {name: jemalloc, malloc_arena_max: 2}]\n")
        #expect(found.map(\.field) == ["allocator[0].malloc_conf", "allocator[1].malloc_arena_max"])
    }

    @Test func rejectsBadValuesOfTheOtherFields() {
        let found = problems(valid + """

        omp_wait_policy: [lazy]
        engine_mode: forks
        repetitions: 0
        audio_passes: 0
        order: shuffled
        timeout: soon
        sample_interval_ms: 1
        reference_cell: {engine_threads: 32, intra_op_threads: 1}
        """)
        #expect(Set(found.map(\.field)) == ["omp_wait_policy[0]", "engine_mode", "repetitions", "audio_passes", "order", "timeout",
                                             "sample_interval_ms", "reference_cell.engine_threads"])
    }

    @Test func reportsEveryProblemAtOnceAndMissingRequiredFields() {
        let found = problems("engine_threads: 0\n")
        #expect(Set(found.map(\.field)) == ["engine_threads", "audio", "model", "intra_op_threads"])
    }

    @Test func rejectsAnAllocatorListedTwice() {
        #expect(problems(valid + "\nallocator: [jemalloc, {name: jemalloc}]\n").first?.message.contains("listed twice") == true)
    }

    @Test func rejectsYAMLThatIsNotAMapping() {
        #expect(problems("- just\n- a list\n").count == 1)
        #expect(problems("key: [unclosed\n").first?.message.hasPrefix("not valid YAML") == true)
    }

    @Test func readsDurations() {
        #expect(DurationText.seconds("90") == 90)
        #expect(DurationText.seconds("90s") == 90)
        #expect(DurationText.seconds("35m") == 2100)
        #expect(DurationText.seconds("1h30m") == 5400)
        #expect(DurationText.seconds("500ms") == 0.5)
        #expect(DurationText.seconds("soon") == nil)
        #expect(DurationText.seconds("5x") == nil)
    }
}
