#!/usr/bin/python3
"""PyTorch's own inference throughput for an arbench model, for comparison with `arbench model bench`.

Runs torch.utils.ThroughputBenchmark on the same TorchScript file and the same input shapes (written by
`arbench model bench --shapes-out`), with intra-op threads 1 and `num_calling_threads` = E.
Debian's python3-torch is the same LibTorch build arbench links.

    /usr/bin/python3 Experiments/benchmarks/pytorch_throughput.py MODEL.pt shapes.json E ITERATIONS
"""
import json
import sys

import torch
from torch.utils import ThroughputBenchmark


def main() -> None:
    model_path, shapes_path, threads, iterations = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(1)
    module = torch.jit.load(model_path)
    module.eval()
    shapes = json.load(open(shapes_path))
    generator = torch.Generator().manual_seed(0)
    bench = ThroughputBenchmark(module)
    for shape in shapes:
        # Log-mel-like values; convolution cost does not depend on them.
        bench.add_input(torch.randn(*shape, generator=generator) * 3.0 - 5.0)
    with torch.inference_mode():
        stats = bench.benchmark(num_calling_threads=threads, num_warmup_iters=20 * threads, num_iters=iterations)
    print(json.dumps({"engine_threads": threads, "iterations": iterations,
                      "iters_per_second": stats.iters_per_second, "latency_avg_ms": stats.latency_avg_ms}))


if __name__ == "__main__":
    main()
