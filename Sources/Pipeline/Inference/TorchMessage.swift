/// A LibTorch error message reduced to the one line that says what went wrong. The runtime library
/// hands back LibTorch's whole message: for a TorchScript model that is a preamble ("The following
/// operation failed in the TorchScript interpreter."), a TorchScript traceback, and last the error
/// itself ("RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x64 and 40x5)").
public enum TorchMessage {
    /// The last `SomethingError: ...` line (without its type), else the first non-empty line.
    public static func rootCause(_ text: String) -> String {
        var lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        // A C++ backtrace, when one came along, says where, not what.
        if let backtrace = lines.firstIndex(where: { $0.hasPrefix("Exception raised from") }) { lines = Array(lines[..<backtrace]) }
        for line in lines.reversed() {
            guard let colon = line.range(of: ": ") else { continue }
            let type = line[..<colon.lowerBound]
            if (type.hasSuffix("Error") || type.hasSuffix("Exception")), type.allSatisfy({ $0.isLetter || $0 == "." || $0 == "_" }) {
                return String(line[colon.upperBound...])
            }
        }
        return lines.first ?? "unknown error"
    }

    /// The root cause of the message a C API call left in `buffer`.
    public static func rootCause(of buffer: [CChar]) -> String {
        rootCause(String(cBuffer: buffer))
    }
}
