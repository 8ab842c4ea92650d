import ArgumentParser
import Pipeline
import Results

/// `--libtorch`, one option for every command that loads LibTorch: absent means $ARBENCH_LIBTORCH, else
/// the system runtime (an optional, so the help states that default once, not twice).
struct LibTorchOption: ParsableArguments {
    @Option(name: .customLong("libtorch"),
            help: ArgumentHelp("LibTorch runtime: system, pypi, or a LibTorch directory (default: $ARBENCH_LIBTORCH, else system).",
                               valueName: "RUNTIME"))
    var given: String?

    var name: String { given ?? LoadedLibTorch.defaultRuntime.name }
    var runtime: LibTorchRuntime { LibTorchRuntime(name: name) }
}
