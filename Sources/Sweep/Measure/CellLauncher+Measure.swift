import Foundation
import Results

extension CellLauncher {
    /// One cell run as a sweep records it: a report left by an earlier, killed attempt removed (it must not
    /// pass for this run's), the child launched and measured, its report and log read, the verdict judged.
    /// A sweep's runs and a capacity search's loads all go through here.
    public func measure(_ invocation: CellInvocation, logPath: String, timeoutSeconds: Double, sampleIntervalMs: Int,
                        machineCores: Int, inputs: InputDigests) -> CellMeasurement {
        try? FileManager.default.removeItem(atPath: invocation.metricsPath)
        let outcome = launch(invocation, logPath: logPath, timeoutSeconds: timeoutSeconds, sampleIntervalMs: sampleIntervalMs)
        let childLog = LogTail.read(logPath)
        if let external = invocation.run.cell.engine.external {
            let verdict = CellVerdict.judgeExternal(cell: invocation.run.cell, outcome: outcome, logTail: childLog.errorLine,
                                                    allocatorRejection: childLog.allocatorRejection, timeoutSeconds: timeoutSeconds,
                                                    sampleIntervalMs: sampleIntervalMs)
            let reading = EngineMetrics.read(path: invocation.metricsPath, expected: external.asksForMetrics)
            // A scratch directory the engine left empty is not kept.
            let scratch = ExternalCommand.scratchDirectory(metricsPath: invocation.metricsPath)
            if (try? FileManager.default.contentsOfDirectory(atPath: scratch))?.isEmpty == true { try? FileManager.default.removeItem(atPath: scratch) }
            return CellMeasurement(run: invocation.run, outcome: outcome, report: nil, verdict: verdict, machineCores: machineCores,
                                   inputs: inputs, engineMetrics: reading)
        }
        let report = ChildReport.load(path: invocation.metricsPath)
        let verdict = CellVerdict.judge(cell: invocation.run.cell, outcome: outcome, report: report, logTail: childLog.errorLine,
                                        allocatorRejection: childLog.allocatorRejection, timeoutSeconds: timeoutSeconds)
        return CellMeasurement(run: invocation.run, outcome: outcome, report: try? report.get(), verdict: verdict,
                               machineCores: machineCores, inputs: inputs)
    }
}
