// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "arbench",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "arbench", targets: ["arbench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.1.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/ordo-one/TextTable", from: "0.0.2"),
    ],
    targets: [
        // MARK: C and C++ shims: thin wrappers, no logic.
        .systemLibrary(name: "CSndFile", path: "CShims/CSndFile", pkgConfig: "sndfile",
                       providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(name: "CFFTW", path: "CShims/CFFTW", pkgConfig: "fftw3f",
                       providers: [.apt(["libfftw3-dev"])]),
        .systemLibrary(name: "CSampleRate", path: "CShims/CSampleRate", pkgConfig: "samplerate",
                       providers: [.apt(["libsamplerate0-dev"])]),
        .target(name: "CAllocStats", path: "CShims/CAllocStats",
                linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "CProcess", path: "CShims/CProcess"),
        .target(name: "CCount", path: "CShims/CCount"),
        // Trampolines only: LibTorch itself is loaded at run time from a runtime library built per LibTorch
        // by CShims/CTorchRuntime/build.sh (`make libtorch`), so nothing here links LibTorch.
        .target(name: "CTorch", path: "CShims/CTorch",
                linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("pthread")]),
        .target(name: "CPlot", path: "CShims/CPlot",
                linkerSettings: [.linkedLibrary("boost_iostreams")]),

        // MARK: The results core: every on-disk format (a run's metrics JSON, results.csv, timeline.csv,
        // meta.json, spec.yaml's values), the registry of metrics and axes, the cell, statistics. No LibTorch,
        // no C++: what reads results imports this alone.
        .target(name: "Results", dependencies: ["SwiftCSV", "Yams"]),

        // MARK: The AR pipeline's four stages and the engine that runs them.
        .target(name: "Pipeline", dependencies: [
            "Results", "CSndFile", "CFFTW", "CSampleRate", "CTorch",
        ]),
        .target(name: "SceneGen", dependencies: ["Results", "CSndFile"]),
        // The presets' weights ship as resources (Sources/Training/Presets): every machine runs the same model.
        .target(name: "Training", dependencies: ["Results", "Pipeline", "SceneGen", "CTorch"],
                resources: [.copy("Presets")]),
        .target(name: "Engine", dependencies: [
            "Results", "Pipeline", "CAllocStats", "CProcess", "CCount",
            .product(name: "Histogram", package: "hdrhistogram-swift"),
        ]),

        // MARK: The sweep, the charts and the gate.
        // None of them depends on Engine, Pipeline or CTorch: they read and write through Results.
        .target(name: "Sweep", dependencies: ["Results", "Gate", "Yams", "CProcess"]),
        .target(name: "Report", dependencies: ["Results", "Gate", "CPlot", "SwiftCSV"]),
        .target(name: "Gate", dependencies: ["Results", "Yams"]),

        // MARK: The command line.
        .executableTarget(name: "arbench", dependencies: [
            "Results", "Pipeline", "Engine", "SceneGen", "Training", "Sweep", "Report", "Gate",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "TextTable", package: "TextTable"),
        ]),

        // Code the test targets share (they cannot share source files): the one way to run a child process.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"]),
        .testTarget(name: "ResultsTests", dependencies: ["Results"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Results", "SceneGen", "TestSupport"]),
        .testTarget(name: "SceneGenTests", dependencies: ["SceneGen", "Results", "Pipeline"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Results", "Pipeline", "SceneGen", "Training"]),
        // Runs the built `arbench` binary as a user would.
        .testTarget(name: "CLITests", dependencies: ["arbench", "SceneGen", "TestSupport", "Results"]),
        .testTarget(name: "TrainingTests", dependencies: [
            "Training", "Engine", "Results", "Pipeline", "SceneGen", "CTorch", "TestSupport",
        ]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Results", "Gate"]),
        .testTarget(name: "SweepTests", dependencies: ["Sweep", "Results", "Yams", "TestSupport"]),
        .testTarget(name: "GateTests", dependencies: ["Gate", "Results"]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)

// `make sanitize` builds only the test targets it runs and what they depend on (ARBENCH_TEST_TARGETS=EngineTests,
// comma-separated; in its own scratch path): the ThreadSanitizer step needs the engine's tests alone, and
// compiling the sweep, charts, gate and CLI under it too cost CI about two minutes.
if let only = Context.environment["ARBENCH_TEST_TARGETS"].map({ Set($0.split(separator: ",").map(String.init)) }) {
    var needed = Set<String>()
    var pending = Array(only)
    while let name = pending.popLast() {
        guard needed.insert(name).inserted, let target = package.targets.first(where: { $0.name == name }) else { continue }
        for dependency in target.dependencies {
            if case .targetItem(let dependencyName, _) = dependency { pending.append(dependencyName) }
            if case .byNameItem(let dependencyName, _) = dependency { pending.append(dependencyName) }
        }
    }
    package.targets = package.targets.filter { needed.contains($0.name) }
    package.products = package.products.filter { product in product.name != "arbench" || needed.contains("arbench") }
}
