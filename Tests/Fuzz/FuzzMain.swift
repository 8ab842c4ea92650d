import Foundation

// libFuzzer entry point: built by Tests/Fuzz/fuzz.sh together with Sources/Pipeline/Validation,
// Sources/Pipeline/Segmentation and Tests/PipelineTests/Support/FuzzInput.swift (with -D FUZZ_HARNESS),
// under -sanitize=fuzzer,address. A property violation is a crash, so libFuzzer keeps the input.

/// One scratch file per fuzzing process (libFuzzer -jobs/-fork run several).
private let scratchPath: String = {
    let directory = ProcessInfo.processInfo.environment["FUZZ_SCRATCH_DIR"] ?? "/dev/shm"
    return "\(directory)/arbench-fuzz-\(getpid()).wav"
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    let problems = FuzzInput.run(bytes, scratchPath: scratchPath)
    if !problems.isEmpty {
        fatalError("property violated: " + problems.joined(separator: "; "))
    }
    return 0
}
