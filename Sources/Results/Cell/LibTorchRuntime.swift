import Foundation

/// Which LibTorch a process runs on: `system` (Debian's libtorch-dev 1.13, reference BLAS), `pypi`
/// (PyPI's torch 2.x wheel: MKL, oneDNN 3, its own libgomp) or a LibTorch directory a user has
/// (pytorch.org's zip `libtorch/`, or a wheel's `torch/`). Each is reached through its own runtime
/// library, built by `CShims/CTorchRuntime/build.sh` (`make libtorch`) into the shims directory:
/// `SHIMS/<directoryName>/libarbench_torch.so` beside a `runtime.json` saying which LibTorch it wraps.
public struct LibTorchRuntime: Sendable, Hashable, Codable, CustomStringConvertible {
    /// As the user wrote it: `system`, `pypi` or a directory path.
    public let name: String

    public static let system = LibTorchRuntime(name: "system")
    public static let pypi = LibTorchRuntime(name: "pypi")
    public static let builtInNames = ["system", "pypi"]

    public init(name: String) { self.name = name }

    /// Written and read as its name alone (`libtorch: [system, pypi]`).
    public init(from decoder: Decoder) throws {
        name = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    public var description: String { name }
    public var isDirectory: Bool { !Self.builtInNames.contains(name) }

    /// Where its runtime library lives under the shims directory. A directory runtime is named after
    /// its resolved path (`/opt/libtorch` -> `dir_opt_libtorch`), the same rule `make libtorch` uses.
    public var directoryName: String {
        guard isDirectory else { return name }
        let resolved = URL(fileURLWithPath: name).resolvingSymlinksInPath().standardizedFileURL.path
        return "dir" + resolved.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? String($0) : "_" }.joined()
    }

    /// Short, safe in file names and cell ids: `system`, `pypi`, or the directory's last component.
    public var label: String {
        guard isDirectory else { return name }
        let last = URL(fileURLWithPath: name).standardizedFileURL.lastPathComponent
        return last.map { $0.isLetter || $0.isNumber || $0 == "." ? String($0) : "_" }.joined()
    }

    /// `$ARBENCH_LIBTORCH_SHIMS`, else `libtorch/` beside this executable (where `make libtorch` puts them;
    /// test bundles sit beside the arbench executable, so they find the same ones).
    public static var shimsDirectory: String {
        if let dir = ProcessInfo.processInfo.environment["ARBENCH_LIBTORCH_SHIMS"], !dir.isEmpty { return dir }
        return OwnExecutable.directory.appendingPathComponent("libtorch").path
    }

    /// What `runtime.json` records about a built runtime library.
    public struct Manifest: Codable, Sendable, Equatable {
        public var name: String
        public var libtorchDir: String
        public var libDir: String
        public var extraLibDirs: [String]

        enum CodingKeys: String, CodingKey {
            case name
            case libtorchDir = "libtorch_dir"
            case libDir = "lib_dir"
            case extraLibDirs = "extra_lib_dirs"
        }
    }

    /// A runtime found and checked: the library to dlopen and the LibTorch it wraps.
    public struct Located: Sendable, Equatable {
        public var runtime: LibTorchRuntime
        public var shimPath: String
        public var manifest: Manifest
        /// The libtorch_cpu.so a process on this runtime must have mapped.
        public var torchLibraryPath: String { manifest.libDir + "/libtorch_cpu.so" }
    }

    /// Finds the runtime library and checks the LibTorch it wraps is there, without loading it: what a
    /// sweep does for every runtime of its spec before any cell runs.
    public func locate(shims: String = LibTorchRuntime.shimsDirectory) throws(LibTorchRuntimeError) -> Located {
        let fm = FileManager.default
        if isDirectory {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: name, isDirectory: &isDir), isDir.boolValue else {
                throw LibTorchRuntimeError(path: name, reason: "no such LibTorch directory")
            }
            let library = name + "/lib/libtorch_cpu.so"
            guard fm.fileExists(atPath: library) else {
                throw LibTorchRuntimeError(path: name, reason: "no lib/libtorch_cpu.so (not a LibTorch directory: give pytorch.org's libtorch/ or a wheel's torch/)")
            }
            if let machine = Self.elfMachine(library), machine != Self.x86_64 {
                throw LibTorchRuntimeError(path: library, reason: "built for another architecture (ELF machine \(machine)), this machine is x86_64")
            }
        }
        let dir = shims + "/" + directoryName
        let shim = dir + "/libarbench_torch.so"
        let manifestPath = dir + "/runtime.json"
        let setUp = isDirectory ? "make libtorch LIBTORCH=\(name)" : "make libtorch"
        guard fm.fileExists(atPath: shim), let data = fm.contents(atPath: manifestPath) else {
            throw LibTorchRuntimeError(path: dir, reason: "the \(name) LibTorch runtime is not set up (no libarbench_torch.so); run `\(setUp)`")
        }
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: data)
        } catch {
            throw LibTorchRuntimeError(path: manifestPath, reason: "unreadable runtime manifest (\(error)); run `\(setUp)` again")
        }
        for needed in [manifest.libDir + "/libtorch_cpu.so"] + manifest.extraLibDirs where !fm.fileExists(atPath: needed) {
            throw LibTorchRuntimeError(path: needed, reason: "missing: the \(name) runtime was removed or moved since it was set up; run `\(setUp)`")
        }
        return Located(runtime: self, shimPath: shim, manifest: manifest)
    }

    static let x86_64: UInt16 = 0x3e

    /// e_machine of an ELF file, nil when it is not one (read as little-endian: x86_64 ELF is).
    static func elfMachine(_ path: String) -> UInt16? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 20), head.count == 20,
              head.prefix(4).elementsEqual([0x7f, 0x45, 0x4c, 0x46]) else { return nil }
        return UInt16(head[18]) | UInt16(head[19]) << 8
    }
}

public struct LibTorchRuntimeError: Error, CustomStringConvertible, Sendable, Equatable {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
