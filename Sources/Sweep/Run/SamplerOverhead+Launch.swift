import Results

extension SamplerOverhead {
    public mutating func add(_ outcome: LaunchOutcome) {
        samples += outcome.samples.count
        cpuSeconds += outcome.samplerCPUSeconds
        wallSeconds += outcome.wallSeconds
        maxMicrosecondsPerSample = max(maxMicrosecondsPerSample, outcome.samplerMaxSampleCPUSeconds * 1e6)
        meanMicrosecondsPerSample = samples > 0 ? cpuSeconds / Double(samples) * 1e6 : 0
        shareOfOneCorePercent = wallSeconds > 0 ? cpuSeconds / wallSeconds * 100 : 0
    }
}
