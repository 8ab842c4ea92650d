import Foundation

// libFuzzer entry point: built by Tests/Fuzz/fuzz.sh together with Sources/Pipeline/Validation,
// Sources/Pipeline/Segmentation and Tests/PipelineTests/Support/FuzzInput.swift (with -D FUZZ_HARNESS),
// under -sanitize=fuzzer,address. A property violation is a crash, so libFuzzer keeps the input.

/// One scratch file per fuzzing process (libFuzzer -jobs/-fork run several).
private let scratchDirectory = ProcessInfo.processInfo.environment["FUZZ_SCRATCH_DIR"] ?? "/dev/shm"
private let scratchPath = "\(scratchDirectory)/arbench-fuzz-\(getpid()).wav"

/// `arbench run` writes its CSV to stdout, so a library printing there corrupts the output (libsndfile's
/// SDS reader did). stdout is pointed at a file checked after every input; libFuzzer reports on stderr.
private let stdoutSink: Int32 = {
    let path = "\(scratchDirectory)/arbench-fuzz-\(getpid()).stdout"
    let descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
    precondition(descriptor >= 0, "cannot open \(path)")
    fflush(stdout)
    dup2(descriptor, STDOUT_FILENO)
    return descriptor
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let sink = stdoutSink
    let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    var problems = FuzzInput.run(bytes, scratchPath: scratchPath)
    fflush(stdout)
    var status = stat()
    if fstat(sink, &status) == 0 && status.st_size > 0 {
        problems.append("\(status.st_size) bytes written to stdout")
        ftruncate(sink, 0)
        lseek(sink, 0, SEEK_SET)
    }
    if !problems.isEmpty {
        fatalError("property violated: " + problems.joined(separator: "; "))
    }
    return 0
}
