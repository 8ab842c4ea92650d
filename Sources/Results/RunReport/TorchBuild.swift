import Foundation

/// What the loaded LibTorch is, as a process on it sees it: recorded with every run and cell, so a
/// figure says which LibTorch, BLAS, OpenMP and oneDNN produced it.
public struct TorchBuild: Codable, Sendable, Equatable {
    /// The runtime's name: `system`, `pypi` or the LibTorch directory given.
    public var runtime: String
    public var version: String
    /// at::show_config()'s BLAS_INFO (`mkl`, `generic` = Debian's reference BLAS via libblas.so.3),
    /// with the BLAS library actually mapped when it is a separate one.
    public var blas: String
    /// "MKL 2024.2" or "none".
    public var mkl: String
    /// oneDNN (MKL-DNN) version, e.g. "2.6.3", "3.13.3"; "none" when not built in.
    public var onednn: String
    /// The OpenMP standard LibTorch's parallel backend was built for, e.g. "OpenMP 4.5".
    public var openmp: String
    /// The libtorch_cpu.so mapped into this process: proves which runtime ran.
    public var libraryPath: String
    /// Every OpenMP runtime library mapped into this process (libgomp, libiomp5, libomp). More than one
    /// is a known cause of large slowdowns (two thread pools that each think they own the cores).
    public var openmpRuntimes: [String]
    /// Intra-op threads LibTorch picks on this runtime when none is set (at::get_num_threads on a
    /// thread that never set it).
    public var defaultIntraOpThreads: Int

    public init(runtime: String, version: String, blas: String, mkl: String, onednn: String, openmp: String,
                libraryPath: String, openmpRuntimes: [String], defaultIntraOpThreads: Int) {
        self.runtime = runtime
        self.version = version
        self.blas = blas
        self.mkl = mkl
        self.onednn = onednn
        self.openmp = openmp
        self.libraryPath = libraryPath
        self.openmpRuntimes = openmpRuntimes
        self.defaultIntraOpThreads = defaultIntraOpThreads
    }

    enum CodingKeys: String, CodingKey {
        case runtime, version, blas, mkl, onednn, openmp
        case libraryPath = "library_path"
        case openmpRuntimes = "openmp_runtimes"
        case defaultIntraOpThreads = "default_intra_op_threads"
    }

    public var hasSeveralOpenMPRuntimes: Bool { openmpRuntimes.count > 1 }

    /// One line for a person: `LibTorch 2.15.0 (pypi): BLAS mkl, MKL 2024.2, oneDNN 3.13.3, OpenMP 4.5`.
    public var summary: String {
        "LibTorch \(version) (\(runtime)): BLAS \(blas), \(mkl == "none" ? "no MKL" : mkl), oneDNN \(onednn), \(openmp)"
    }

    /// The warning a run prints and records when two OpenMP runtimes share the process.
    public var openmpWarning: String? {
        hasSeveralOpenMPRuntimes
            ? "\(openmpRuntimes.count) OpenMP runtimes in one process (\(openmpRuntimes.joined(separator: ", "))): their thread pools compete for the cores"
            : nil
    }

    public static func isOpenMPRuntime(_ file: String) -> Bool {
        ["libgomp", "libiomp5", "libomp."].contains { file.hasPrefix($0) } && file.contains(".so")
    }

    public static func setting(_ key: String, in config: String) -> String? {
        guard let range = config.range(of: key + "=") else { return nil }
        return String(config[range.upperBound...].prefix { $0 != "," && $0 != "\n" })
    }

    public static func line(in text: String, containing needle: String) -> String? {
        text.split(separator: "\n").first { $0.contains(needle) }.map(String.init)
    }

    public static func word(after marker: String, in line: String) -> String? {
        guard let range = line.range(of: marker) else { return nil }
        return String(line[range.upperBound...].prefix { !$0.isWhitespace })
    }

    public static func text(between start: String, and end: String, in line: String) -> String? {
        guard let a = line.range(of: start), let b = line[a.upperBound...].range(of: end) else { return nil }
        return String(line[a.upperBound..<b.lowerBound])
    }

    /// "Intel(R) oneAPI Math Kernel Library Version 2024.2-Product Build ..." -> "MKL 2024.2".
    public static func mklVersion(_ line: String) -> String? {
        word(after: "Version ", in: line).map { "MKL " + ($0.split(separator: "-").first.map(String.init) ?? $0) }
    }

    public static func basename(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }
}
