import Engine
import Foundation
import Pipeline
import Testing
import Results

@Suite struct EngineRunTests {
    @Test func aBadFileIsReportedAndTheOthersAreProcessed() throws {
        let text = TinyModelFixture.directory.appendingPathComponent("notes.wav")
        try "not audio at all".write(to: text, atomically: true, encoding: .utf8)
        let missing = TinyModelFixture.directory.appendingPathComponent("missing.wav").path
        let run = EngineRun(model: TinyModelFixture.model, config: EngineConfig(engineThreads: 2))
        let output = run.run(files: [missing, TinyModelFixture.scenePath, text.path])
        #expect(output.files.map(\.isOK) == [false, true, false])
        #expect(output.files[0].error?.contains(missing) == true)
        #expect(output.files[2].error?.contains("notes.wav") == true)
        #expect(output.files.compactMap(\.error).allSatisfy { !$0.contains("\n") })
        #expect(!output.files[1].tags.isEmpty)
    }

    @Test func reportCarriesTheStudyFields() throws {
        let run = EngineRun(model: TinyModelFixture.model, config: EngineConfig(engineThreads: 2, intraOpThreads: 2))
        let output = run.run(files: [TinyModelFixture.scenePath])
        let report = RunReport(output: output, run: run, modelLoadSeconds: 0.1, processStartSeconds: 0.2)
        let json = try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any]
        let object = try #require(json)
        for key in ["audio_seconds", "segments", "wall_s", "stage_seconds", "latency", "real_time_factor", "output_digest",
                    "threads", "allocator", "torch", "model_load_s", "process_start_s"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(abs(report.audioSeconds - 60) < 0.1)
        #expect(report.threads.intraOpEffective == [2, 2])
        #expect(report.allocator.name == "glibc")
        #expect(report.latency.inference.p99Ms >= report.latency.inference.p50Ms)
        #expect(report.stageSeconds.inference > 0 && report.stageSeconds.features > 0)
        #expect(!report.torch.parallelInfo.isEmpty)
    }

    @Test func queueIsBoundedAndDrains() {
        let queue = SegmentQueue(capacity: 2)
        let segment = Segment(index: 0, startSample: 0, sampleRate: 16_000, samples: [0])
        final class Count: @unchecked Sendable { var value = 0 }
        let count = Count()
        let done = DispatchSemaphore(value: 0)
        let consumer = Thread {
            while queue.pop() != nil { count.value += 1 }
            done.signal()
        }
        consumer.start()
        for _ in 0..<100 { queue.push(WorkItem(fileIndex: 0, segment: segment, enqueuedAt: 0)) }
        queue.close()
        done.wait()
        #expect(count.value == 100)
    }
}
