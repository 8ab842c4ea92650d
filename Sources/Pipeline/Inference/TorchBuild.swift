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

    /// The loaded runtime, read from LibTorch and from /proc/self/maps. Call on a thread that has not set
    /// its intra-op threads (the main thread before the engine starts) to see the default.
    public static func current() throws(LibTorchRuntimeError) -> TorchBuild {
        let located = try TorchRuntime.ensureActive()
        let config = TorchRuntime.buildConfig
        let parallel = TorchRuntime.parallelInfo
        let mapped = MappedLibraries.current()
        var blas = setting("BLAS_INFO", in: config) ?? "unknown"
        if let library = mapped.first(where: { basename($0).hasPrefix("libblas") || basename($0).hasPrefix("libopenblas") }) {
            blas += " (\(URL(fileURLWithPath: library).resolvingSymlinksInPath().path))"
        }
        return TorchBuild(
            runtime: located.runtime.name, version: TorchRuntime.version, blas: blas,
            mkl: line(in: parallel, containing: "Math Kernel Library").flatMap { mklVersion($0) } ?? "none",
            onednn: line(in: parallel, containing: "MKL-DNN").flatMap { word(after: " v", in: $0) } ?? "none",
            openmp: line(in: parallel, containing: "a.k.a. OpenMP").flatMap { text(between: "(a.k.a. ", and: ")", in: $0) } ?? "none",
            libraryPath: mapped.first { basename($0).hasPrefix("libtorch_cpu.so") } ?? "",
            openmpRuntimes: mapped.filter { isOpenMPRuntime(basename($0)) },
            defaultIntraOpThreads: TorchRuntime.intraOpThreads)
    }

    static func isOpenMPRuntime(_ file: String) -> Bool {
        ["libgomp", "libiomp5", "libomp."].contains { file.hasPrefix($0) } && file.contains(".so")
    }

    static func setting(_ key: String, in config: String) -> String? {
        guard let range = config.range(of: key + "=") else { return nil }
        return String(config[range.upperBound...].prefix { $0 != "," && $0 != "\n" })
    }

    static func line(in text: String, containing needle: String) -> String? {
        text.split(separator: "\n").first { $0.contains(needle) }.map(String.init)
    }

    static func word(after marker: String, in line: String) -> String? {
        guard let range = line.range(of: marker) else { return nil }
        return String(line[range.upperBound...].prefix { !$0.isWhitespace })
    }

    static func text(between start: String, and end: String, in line: String) -> String? {
        guard let a = line.range(of: start), let b = line[a.upperBound...].range(of: end) else { return nil }
        return String(line[a.upperBound..<b.lowerBound])
    }

    /// "Intel(R) oneAPI Math Kernel Library Version 2024.2-Product Build ..." -> "MKL 2024.2".
    static func mklVersion(_ line: String) -> String? {
        word(after: "Version ", in: line).map { "MKL " + ($0.split(separator: "-").first.map(String.init) ?? $0) }
    }

    private static func basename(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }
}

/// The distinct files mapped into a process, from /proc/PID/maps (the sweep reads its children's,
/// a run its own).
public enum MappedLibraries {
    public static func current() -> [String] { of(pid: nil) }

    public static func of(pid: Int32?) -> [String] {
        let path = pid.map { "/proc/\($0)/maps" } ?? "/proc/self/maps"
        // Read to the end: /proc files report size 0, and a size-based read can stop at the first page.
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        guard let data = try? handle.readToEnd() else { return [] }
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// The path column of each line (the sixth field, which may contain spaces), first occurrence order.
    public static func parse(_ maps: String) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for line in maps.split(separator: "\n") {
            guard let slash = line.firstIndex(of: "/") else { continue }
            let file = String(line[slash...])
            if file.hasSuffix(" (deleted)") { continue }
            if seen.insert(file).inserted { out.append(file) }
        }
        return out
    }
}
