import Foundation
import TestSupport
import Testing

/// Users' own models: scripted or traced in Python (Debian's python3-torch is the same LibTorch
/// build), with class names from a sidecar file, run through `arbench run` unchanged.
@Suite(.serialized) struct PythonModelTests {
    static let python = "/usr/bin/python3"

    /// A small CNN over [batch, 1, 64, frames] log-mel, saved by torch.jit.script or torch.jit.trace.
    static func makeModel(_ mode: String, mels: Int = 64) throws -> String {
        try runPython(saving: "py-\(mode)-\(mels).pt", source: { path in """
        import torch, torch.nn as nn
        torch.manual_seed(0)
        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.conv = nn.Conv2d(1, 4, 3, padding=1)
                self.head = nn.Linear(4, 3)
            def forward(self, x):
                x = torch.relu(self.conv(x))
                x = torch.amax(torch.mean(x, 2), 2)
                return torch.softmax(self.head(x), 1)
        net = Net().eval()
        if "\(mode)" == "script":
            m = torch.jit.script(net)
        else:
            m = torch.jit.trace(net, torch.randn(1, 1, \(mels), 50))
        m.save("\(path)")
        """ })
    }

    /// A model over [batch, mels, frames] (Conv1d): the wrong layout for arbench's 4-D input.
    static func makeConv1dModel() throws -> String {
        try runPython(saving: "py-conv1d.pt", source: { path in """
        import torch, torch.nn as nn
        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.conv = nn.Conv1d(64, 3, 3)
            def forward(self, x):
                return torch.softmax(torch.amax(self.conv(x), 2), 1)
        torch.jit.script(Net().eval()).save("\(path)")
        """ })
    }

    /// A model built for 40 mel bands: arbench's 64 reach a Linear(40, 5) and LibTorch refuses the shapes.
    static func makeFortyMelModel() throws -> String {
        try runPython(saving: "py-mels40.pt", source: { path in """
        import torch, torch.nn as nn
        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.head = nn.Linear(40, 5)
            def forward(self, x):
                return torch.softmax(self.head(torch.mean(x, 3).flatten(1)), 1)
        torch.jit.script(Net().eval()).save("\(path)")
        """ })
    }

    static func runPython(saving name: String, source: (String) -> String) throws -> String {
        let path = CLITests.directory.appendingPathComponent(name).path
        // torch.jit.script reads the module's source with inspect, so it must live in a file.
        let script = path + ".py"
        try source(path).write(toFile: script, atomically: true, encoding: .utf8)
        let output = try ProcessRunner.run(python, [script])
        try #require(output.status == 0, "building a model with python3-torch failed: \(output.stderr)")
        return path
    }

    @Test(arguments: ["script", "trace"])
    func pythonModelWithSidecarRunsAndTags(mode: String) throws {
        let model = try Self.makeModel(mode)
        try #"{"classes": ["alpha", "beta", "gamma"]}"#.write(toFile: model + ".json", atomically: true, encoding: .utf8)
        let r = try CLITests.arbench(["run", CLITests.scene, "--model", model, "--unknown-threshold", "0"])
        #expect(r.status == 0, "\(r.stderr)")
        let tags = Set(r.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[2]) })
        #expect(!tags.isEmpty && tags.isSubset(of: ["alpha", "beta", "gamma"]), "\(tags)")
    }

    /// Scripted by Debian's python3-torch (1.13), run on both runtimes: the same tags, scores within 1e-3.
    @Test func pythonModelGivesTheSameTagsOnBothRuntimes() throws {
        let model = try Self.makeModel("script")
        try #"{"classes": ["alpha", "beta", "gamma"]}"#.write(toFile: model + ".json", atomically: true, encoding: .utf8)
        var tags: [String: [(String, String, Double)]] = [:]
        for runtime in ["system", "pypi"] {
            let r = try CLITests.arbench(["run", CLITests.scene, "--model", model, "--unknown-threshold", "0", "--libtorch", runtime])
            #expect(r.status == 0, "\(runtime): \(r.stderr)")
            tags[runtime] = RuntimeTests.tags(r.stdout)
        }
        let a = tags["system"] ?? [], b = tags["pypi"] ?? []
        #expect(!a.isEmpty && a.count == b.count)
        for (x, y) in zip(a, b) {
            #expect(x.0 == y.0 && x.1 == y.1 && abs(x.2 - y.2) <= 1e-3, "\(x) vs \(y)")
        }
    }

    @Test func pythonModelWithoutSidecarGetsNumberedClasses() throws {
        let model = try Self.makeModel("script")
        try? FileManager.default.removeItem(atPath: model + ".json")
        let r = try CLITests.arbench(["run", CLITests.scene, "--model", model, "--unknown-threshold", "0"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(",class"))
    }

    @Test func modelWhoseClassesDoNotFitIsRefusedBeforeAnyAudio() throws {
        let model = try Self.makeModel("script", mels: 64)
        try #"{"mels": 64, "classes": ["a", "b"]}"#.write(toFile: model + ".json", atomically: true, encoding: .utf8)
        let r = try CLITests.arbench(["run", CLITests.scene, "--model", model])
        #expect(r.status == 5, "\(r.stderr)")
        #expect(r.stderr.contains("3 classes") && r.stderr.contains("names 2"), "\(r.stderr)")
        #expect(!r.stdout.contains("start_s"), "no audio is processed with a refused model")
    }

    @Test func modelWithAnotherInputLayoutIsRefusedWithTheShape() throws {
        let model = try Self.makeConv1dModel()
        let r = try CLITests.arbench(["run", CLITests.scene, "--model", model])
        #expect(r.status == 5, "\(r.stderr)")
        #expect(r.stderr.contains("dry forward on [1, 1, 64, 100] failed"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "one line: \(r.stderr)")
    }

    /// One line, LibTorch's root cause rather than the TorchScript interpreter's preamble, and the sidecar field that fixes it.
    @Test func dryForwardRefusalGivesTheRootCauseAndTheFix() throws {
        let model = try Self.makeFortyMelModel()
        try? FileManager.default.removeItem(atPath: model + ".json")
        let r = try CLITests.arbench(["run", CLITests.scene, "--model", model])
        #expect(r.status == 5, "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "one line: \(r.stderr)")
        #expect(r.stderr.contains("mat1 and mat2 shapes cannot be multiplied (1x64 and 40x5)"), "\(r.stderr)")
        #expect(r.stderr.contains("`mels`") && r.stderr.contains(model + ".json"), "\(r.stderr)")
        #expect(!r.stderr.contains("TorchScript interpreter"), "\(r.stderr)")
    }
}
