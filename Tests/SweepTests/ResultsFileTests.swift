import Foundation
import Testing
@testable import Sweep
import Results

@Suite("Results files")
struct ResultsFileTests {
    /// The charts code reads these columns by name, in this order.
    @Test func headerIsExactlyTheAgreedColumnsThenAdditions() {
        let agreed = "cell_id,repetition,engine_mode,engine_threads,intra_op_threads,inter_op_threads,allocator,malloc_conf,omp_wait_policy,status,exit_code,signal,error,wall_s,processing_s,model_load_s,process_start_s,user_cpu_s,system_cpu_s,cpu_util_pct,cores_used,rss_peak_mb,rss_avg_mb,rss_end_mb,rss_slope_mb_per_h,threads_peak,voluntary_ctx_switches,involuntary_ctx_switches,minor_faults,major_faults,audio_s,segments,real_time_factor,throughput_x,latency_p50_ms,latency_p95_ms,latency_p99_ms,inference_p50_ms,inference_p95_ms,inference_p99_ms,stage_validation_s,stage_segmentation_s,stage_features_s,stage_inference_s,stage_postprocessing_s,output_digest,allocator_reported,alloc_allocated_mb,alloc_resident_mb,intra_op_effective,started_at"
        #expect(Metric.csvHeader.hasPrefix(agreed + ","))
        #expect(Set(Metric.columns).count == Metric.columns.count)
        #expect(Metric.all.allSatisfy { !$0.meaning.isEmpty })
        #expect(TimelineFile.columns.prefix(6) == ["cell_id", "repetition", "t_s", "rss_mb", "cpu_pct", "threads"])
    }

    @Test func quotesOnlyWhatMustBeQuotedAndKeepsRowsOnOneLine() {
        #expect(CSVText.field("plain") == "plain")
        #expect(CSVText.field("a,b") == "\"a,b\"")
        #expect(CSVText.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVText.field("two\nlines") == "two | lines")
        #expect(CSVText.number(nil, decimals: 2) == "")
        #expect(CSVText.number(.nan, decimals: 2) == "")
        #expect(CSVText.number(1.23456, decimals: 2) == "1.23")
    }

    @Test func rowsRoundTripThroughTheFile() throws {
        let dir = try makeTemporaryDirectory()
        let path = dir + "/results.csv"
        let file = ResultsFile(path: path)
        let row = ResultRow(values: ["cell_id": "c1", "repetition": "1", "status": "failed", "error": "exit 64: Error: bad, \"quoted\""])
        try file.append(row)
        try file.append(ResultRow(values: ["cell_id": "c2", "repetition": "1", "status": "ok"]))
        let read = ResultsReader.read(path: path)
        #expect(read.warnings.isEmpty)
        #expect(read.rows.count == 2)
        #expect(read.rows[0]["error"] == "exit 64: Error: bad, \"quoted\"")
        #expect(read.rows[0].csvLine() == row.csvLine())
    }

    /// results.csv written back by a tool that ends lines with CRLF (RFC 4180; Python's csv module).
    @Test func readsCRLFLineEndings() throws {
        let dir = try makeTemporaryDirectory()
        let path = dir + "/results.csv"
        let file = ResultsFile(path: path)
        try file.append(ResultRow(values: ["cell_id": "c1", "repetition": "1", "status": "ok", "error": "a, \"b\""]))
        try file.append(ResultRow(values: ["cell_id": "c2", "repetition": "1", "status": "ok"]))
        let lf = try String(contentsOfFile: path, encoding: .utf8)
        try lf.replacingOccurrences(of: "\n", with: "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        let read = ResultsReader.read(path: path)
        #expect(read.warnings.isEmpty, "\(read.warnings)")
        #expect(read.rows.map { $0["cell_id"] } == ["c1", "c2"])
        #expect(read.rows[0]["error"] == "a, \"b\"")
        #expect(read.rows[1]["started_at"] == "", "no stray carriage return in the last field")
    }

    @Test func dropsATornLastLineWithAWarning() {
        let text = ResultsFile.text([
            ResultRow(values: ["cell_id": "c1", "repetition": "1", "status": "ok"]),
            ResultRow(values: ["cell_id": "c2", "repetition": "1", "status": "ok"]),
        ])
        let torn = String(text.dropLast(20))
        let read = ResultsReader.parse(torn, path: "results.csv")
        #expect(read.rows.map { $0["cell_id"] } == ["c1"])
        #expect(read.warnings.count == 1)
        #expect(read.warnings[0].contains("results.csv:3: torn last line"))
    }

    @Test func dropsMalformedAndDuplicateLines() {
        var text = ResultsFile.text([
            ResultRow(values: ["cell_id": "c1", "repetition": "1", "status": "ok"]),
            ResultRow(values: ["cell_id": "c1", "repetition": "1", "status": "failed"]),
        ])
        text += "c3,1,too,few,fields\n"
        text += ResultRow(values: ["cell_id": "c4", "repetition": "x", "status": "ok"]).csvLine() + "\n"
        let read = ResultsReader.parse(text, path: "r.csv")
        #expect(read.rows.count == 1)
        #expect(read.rows[0]["status"] == "ok")
        #expect(read.warnings.count == 3)
    }

    @Test func anEmptyOrMissingFileMeansNothingDone() throws {
        #expect(ResultsReader.parse("", path: "r.csv").rows.isEmpty)
        #expect(ResultsReader.read(path: try makeTemporaryDirectory() + "/none.csv").warnings.isEmpty)
    }

    @Test func timelineRetainsOnlyCompleteRowsOfKeptRuns() throws {
        let path = try makeTemporaryDirectory() + "/timeline.csv"
        let cell = Cell(engineThreads: 1, intraOpThreads: 1)
        let samples = (1...3).map { ProcessSample(seconds: Double($0) / 10, rssBytes: 1 << 20, coresUsed: 1, threads: 2, processes: 1) }
        try TimelineFile.append(run: CellRun(cell: cell, repetition: 1), samples: samples, machineCores: 2, to: path)
        try TimelineFile.append(run: CellRun(cell: cell, repetition: 2), samples: samples, machineCores: 2, to: path)
        try AtomicFile.append("\(cell.id),3,0.1,1.0", to: path)   // torn
        let dropped = try TimelineFile.retain([RunKey(cellID: cell.id, repetition: 1)], at: path)
        #expect(dropped == 4)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[1] == "\(cell.id),1,0.100,1.0,50.0,2,1.000,1,", "throttled_pct empty: no quota")
    }

    @Test func rssSlopeFitsAfterWarmUp() {
        // 60 s at 100 ms; 300 MiB during the warm-up (the first 12 s), then +1 MiB per second.
        let samples = (1...600).map { i -> ProcessSample in
            let t = Double(i) / 10
            let mib = t < 12 ? 300 : 100 + (t - 12)
            return ProcessSample(seconds: t, rssBytes: UInt64(mib * 1_048_576), coresUsed: 1, threads: 1, processes: 1)
        }
        let stats = RSSStatistics(samples: samples)
        #expect(abs((stats.slopeMiBPerHour ?? 0) - 3600) < 1)
        #expect(stats.peakMiB == 300)
        #expect(RSSStatistics(samples: Array(samples.prefix(15))).slopeMiBPerHour == nil)
        #expect(RSSStatistics(samples: Array(samples.prefix(300))).slopeMiBPerHour == nil, "24 s left after warm-up is too short")
    }

    /// A leak keeps its rate to the end; fragmentation growth slows towards a plateau. The late-half
    /// slope is what tells them apart.
    @Test func lateSlopeTellsALeakFromGrowthThatSettles() {
        func samples(_ mib: (Double) -> Double) -> [ProcessSample] {
            (1...1200).map { i in
                let t = Double(i) / 10
                return ProcessSample(seconds: t, rssBytes: UInt64(mib(t) * 1_048_576), coresUsed: 1, threads: 1, processes: 1)
            }
        }
        let leak = RSSStatistics(samples: samples { 300 + $0 })                               // +1 MiB/s to the end
        let settling = RSSStatistics(samples: samples { 300 + 200 * (1 - exp(-$0 / 15)) })   // approaches 500 MiB
        let leakSlope = leak.slopeMiBPerHour ?? 0
        let leakLate = leak.lateSlopeMiBPerHour ?? 0
        #expect(abs(leakSlope - 3600) < 1 && abs(leakLate - 3600) < 1)
        let settlingSlope = settling.slopeMiBPerHour ?? 0
        let settlingLate = settling.lateSlopeMiBPerHour ?? .infinity
        #expect(settlingSlope > 100)
        #expect(settlingLate < settlingSlope / 5)
        #expect(RSSStatistics(samples: Array(samples { 300 + $0 }.prefix(350))).lateSlopeMiBPerHour == nil,
                "35 s: 28 s after warm-up, its later half under 15 s")
    }

    @Test func parsesProcStatWithAwkwardNames() {
        let line = "4242 (my (odd) name) S 4200 4242 4200 0 -1 4194560 500 0 0 0 150 30 5 2 20 0 7 0 12345 300000000 2500 18446744073709551615"
        let stat = ProcStat.parse(Array(line.utf8))
        #expect(stat == ProcStat(state: UInt8(ascii: "S"), parent: 4200, cpuTicks: 187, threads: 7, rssPages: 2500, startTicks: 12345))
        #expect(ProcStat.parse(Array("garbage".utf8)) == nil)
    }

    @Test func decodesWaitStatuses() {
        #expect(Termination(waitStatus: 0) == .exited(code: 0))
        #expect(Termination(waitStatus: 64 << 8) == .exited(code: 64))
        #expect(Termination(waitStatus: 9) == .signaled(signal: 9))
        #expect(SignalName.of(9) == "SIGKILL")
        #expect(SignalName.of(11) == "SIGSEGV")
    }
}
