// The yardstick for arbench's own overhead: LibTorch's forward called from a bare C++ loop, no arbench
// code in between. E threads (intra-op 1 each, set per thread as arbench does) share one module and take
// the feature tensors `arbench model bench --features-out` wrote, round-robin, until ITERATIONS forwards
// are done in total: the scheme of arbench's InferenceBenchmark. Built per runtime by build.sh --bench.
//
//   bare_forward MODEL.pt FEATURES.bin THREADS ITERATIONS WARMUP   -> {"iters_per_second": ...}
#include <ATen/Parallel.h>
#include <torch/script.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <thread>
#include <vector>

int main(int argc, char **argv) {
    if (argc != 6) {
        std::fprintf(stderr, "usage: %s MODEL FEATURES THREADS ITERATIONS WARMUP\n", argv[0]);
        return 64;
    }
    const int threads = std::atoi(argv[3]);
    const long iterations = std::atol(argv[4]);
    const int warmup = std::atoi(argv[5]);
    auto module = torch::jit::load(argv[1], torch::kCPU);
    module.eval();

    std::vector<torch::Tensor> inputs;
    std::ifstream in(argv[2], std::ios::binary);
    int32_t dims[2];
    while (in.read(reinterpret_cast<char *>(dims), sizeof dims)) {
        auto t = torch::empty({1, 1, dims[0], dims[1]}, torch::kFloat32);
        in.read(reinterpret_cast<char *>(t.data_ptr<float>()), sizeof(float) * dims[0] * dims[1]);
        inputs.push_back(t);
    }
    if (inputs.empty()) {
        std::fprintf(stderr, "%s: no inputs\n", argv[2]);
        return 65;
    }

    std::atomic<long> next{0};
    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    auto work = [&](int thread) {
        (void)at::get_num_threads();   // per-thread lazy init first (PLATFORM-FACTS), then this thread's count
        at::set_num_threads(1);
        c10::InferenceMode guard;
        for (int i = 0; i < warmup; ++i) module.forward({inputs[(thread + i) % inputs.size()]});
        ready.fetch_add(1);
        while (!go.load()) std::this_thread::yield();
        for (long i; (i = next.fetch_add(1)) < iterations;) module.forward({inputs[i % inputs.size()]});
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work, t);
    while (ready.load() < threads) std::this_thread::yield();
    auto start = std::chrono::steady_clock::now();
    go.store(true);
    for (auto &t : pool) t.join();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("{\"engine_threads\": %d, \"iterations\": %ld, \"seconds\": %.4f, \"iters_per_second\": %.2f, \"inputs\": %zu}\n",
                threads, iterations, seconds, iterations / seconds, inputs.size());
    return 0;
}
