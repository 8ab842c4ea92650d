// Thin C wrappers over LibTorch: training the built-in tagger (TaggerNet.h) and saving TorchScript. What
// to train on and for how long is decided in Swift (Sources/Training). Compiled with CTorchRuntime.cpp into
// the same per-runtime libarbench_torch.so by build.sh: models are trained on one runtime only (Swift's
// ModelBuilder.trainingRuntime), but the export check (arb_tagger_export_reference) runs on every one.
#include "CBoundary.h"
#include "CTorch.h"
#include "TaggerNet.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

using arb::copy_out;
using arb::guarded;

namespace {

bool valid(const arb_train_config *c) {
    return c != nullptr && c->channels != nullptr && c->block_count > 0 && c->classes > 1 && c->mels > 0 &&
           c->frames > 0;
}

std::vector<int32_t> channels_of(const arb_train_config *c) {
    return std::vector<int32_t>(c->channels, c->channels + c->block_count);
}

void save(torch::jit::Module &m, const char *out_path, const char *metadata_json) {
    torch::jit::ExtraFilesMap extra{{"arbench.json", metadata_json ? metadata_json : ""}};
    m.save(std::string(out_path), extra);
}

} // namespace

extern "C" {

arb_status arb_train_tagger(const arb_train_config *c, const float *x, const int32_t *y, int64_t n,
                            const char *out_path, const char *metadata_json, arb_train_log_fn log,
                            void *log_ctx, char *err, size_t errlen) {
    if (c == nullptr || c->block_count <= 0 || n <= 0 || c->batch_size <= 0 || c->classes <= 1) {
        copy_out("invalid training configuration", err, errlen);
        return ARB_ERR_ARGUMENT;
    }
    return guarded(ARB_ERR_TRAIN, err, errlen, [&] {
        torch::manual_seed(c->seed);
        arb::TaggerNet net(channels_of(c), c->classes);
        auto X = torch::from_blob(const_cast<float *>(x), {n, 1, c->mels, c->frames}, torch::kFloat32).clone();
        auto Y = torch::from_blob(const_cast<int32_t *>(y), {n}, torch::kInt32).to(torch::kInt64);
        torch::optim::Adam opt(net.parameters(), torch::optim::AdamOptions(c->learning_rate));
        auto gen = at::detail::createCPUGenerator(c->seed);
        for (int32_t epoch = 0; epoch < c->epochs; ++epoch) {
            net.train();
            auto order = torch::randperm(n, gen);
            double loss_sum = 0;
            int64_t correct = 0;
            for (int64_t start = 0; start < n; start += c->batch_size) {
                auto idx = order.slice(0, start, std::min<int64_t>(start + c->batch_size, n));
                auto xb = X.index_select(0, idx);
                auto yb = Y.index_select(0, idx);
                opt.zero_grad();
                auto logits = net.logits(xb);
                auto loss = torch::nn::functional::cross_entropy(logits, yb);
                loss.backward();
                opt.step();
                loss_sum += loss.item<double>() * idx.size(0);
                correct += logits.argmax(1).eq(yb).sum().item<int64_t>();
            }
            if (log) log(epoch, float(loss_sum / n), float(correct) / float(n), log_ctx);
        }
        auto m = arb::tagger_module(net);
        save(m, out_path, metadata_json);
    });
}

arb_status arb_tagger_export_reference(const arb_train_config *c, const float *x, int64_t n,
                                       const char *out_path, float *scores, int64_t scores_capacity,
                                       char *err, size_t errlen) {
    if (!valid(c) || n <= 0 || scores == nullptr || scores_capacity < n * c->classes) {
        copy_out("invalid export check configuration", err, errlen);
        return ARB_ERR_ARGUMENT;
    }
    return guarded(ARB_ERR_SAVE, err, errlen, [&] {
        torch::manual_seed(c->seed);
        arb::TaggerNet net(channels_of(c), c->classes);
        net.eval();
        auto m = arb::tagger_module(net);
        save(m, out_path, nullptr);
        torch::NoGradGuard no_grad;
        auto X = torch::from_blob(const_cast<float *>(x), {n, 1, c->mels, c->frames}, torch::kFloat32);
        auto y = net.scores(X).contiguous();
        std::memcpy(scores, y.data_ptr<float>(), sizeof(float) * y.numel());
    });
}

arb_status arb_model_resave(const char *in_path, const char *out_path, const char *metadata_json,
                            char *err, size_t errlen) {
    return guarded(ARB_ERR_SAVE, err, errlen, [&] {
        auto module = torch::jit::load(std::string(in_path), torch::kCPU);
        save(module, out_path, metadata_json);
    });
}

} // extern "C"
