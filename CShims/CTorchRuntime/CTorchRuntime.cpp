// Thin C wrappers over LibTorch. Logic (what to train on, when to call what) lives in Swift.
// Not a SwiftPM target: CShims/CTorchRuntime/build.sh compiles this file once per LibTorch runtime
// (Debian's 1.13, PyPI's 2.x, a user's directory) into its own libarbench_torch.so, which arbench
// dlopens at run time (CShims/CTorch/CTorchLoader.c). One binary, the runtime chosen per run; two
// LibTorch builds never meet in one process.
#include "CTorch.h"

#include <ATen/Parallel.h>
#include <ATen/Version.h>
#include <torch/script.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <algorithm>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

struct arb_model {
    torch::jit::Module module;
};

namespace {

void copy_out(const std::string &s, char *buf, size_t len) {
    if (buf == nullptr || len == 0) return;
    size_t n = s.size() < len - 1 ? s.size() : len - 1;
    std::memcpy(buf, s.data(), n);
    buf[n] = '\0';
}

// LibTorch messages carry a multi-line C++ backtrace; the first line is what a user needs.
std::string first_line(const char *what) {
    std::string s(what ? what : "unknown error");
    auto pos = s.find('\n');
    return pos == std::string::npos ? s : s.substr(0, pos);
}

template <typename F>
arb_status guarded(arb_status failure, char *err, size_t errlen, F &&body) {
    try {
        body();
        return ARB_OK;
    } catch (const c10::Error &e) {
        copy_out(first_line(e.what_without_backtrace()), err, errlen);
    } catch (const std::exception &e) {
        copy_out(first_line(e.what()), err, errlen);
    } catch (...) {
        copy_out("unknown C++ exception", err, errlen);
    }
    return failure;
}

// The built-in tagger: conv blocks (3x3 conv, ReLU, 2x2 max-pool), mean over mel bands,
// max over time, a linear head. Input is normalised per example so loudness does not matter.
struct TaggerNet : torch::nn::Module {
    std::vector<torch::nn::Conv2d> convs;
    torch::nn::Linear head{nullptr};

    TaggerNet(const std::vector<int32_t> &channels, int64_t classes) {
        int64_t in = 1;
        for (size_t i = 0; i < channels.size(); ++i) {
            auto conv = torch::nn::Conv2d(torch::nn::Conv2dOptions(in, channels[i], 3).padding(1));
            convs.push_back(register_module("conv" + std::to_string(i), conv));
            in = channels[i];
        }
        head = register_module("head", torch::nn::Linear(in, classes));
    }

    torch::Tensor logits(torch::Tensor x) {
        auto mean = x.mean({1, 2, 3}, true);
        auto std = x.std({1, 2, 3}, true, true);
        x = (x - mean) / (std + 1e-5);
        for (auto &conv : convs) {
            x = torch::max_pool2d(torch::relu(conv->forward(x)), {2, 2});
        }
        x = x.mean(2);             // [B, C, T']
        x = std::get<0>(x.max(2)); // [B, C]
        return head->forward(x);
    }
};

// TorchScript source equivalent to TaggerNet::logits followed by softmax.
std::string tagger_script(size_t blocks) {
    std::ostringstream s;
    s << "def forward(self, x):\n"
      << "    mean = torch.mean(x, [1, 2, 3], True)\n"
      << "    std = torch.std(x, [1, 2, 3], True, True)\n"
      << "    x = (x - mean) / (std + 1e-5)\n";
    for (size_t i = 0; i < blocks; ++i) {
        s << "    x = torch.max_pool2d(torch.relu(torch.conv2d(x, self.conv" << i << "_weight, self.conv"
          << i << "_bias, [1, 1], [1, 1])), [2, 2])\n";
    }
    s << "    x = torch.mean(x, 2)\n"
      << "    x = torch.amax(x, 2)\n"
      << "    x = torch.linear(x, self.head_weight, self.head_bias)\n"
      << "    return torch.softmax(x, 1)\n";
    return s.str();
}

} // namespace

extern "C" {

arb_status arb_model_load(const char *path, arb_model **out, char *extra_json, size_t extra_len,
                          char *err, size_t errlen) {
    *out = nullptr;
    copy_out("", extra_json, extra_len);
    return guarded(ARB_ERR_LOAD, err, errlen, [&] {
        torch::jit::ExtraFilesMap extra{{"arbench.json", ""}};
        auto module = torch::jit::load(std::string(path), torch::kCPU, extra);
        module.eval();
        copy_out(extra["arbench.json"], extra_json, extra_len);
        *out = new arb_model{std::move(module)};
    });
}

void arb_model_free(arb_model *model) { delete model; }

arb_status arb_model_forward(arb_model *model, const float *input, int64_t batch, int64_t mels,
                             int64_t frames, float *out, int64_t out_capacity, int64_t *out_classes,
                             char *err, size_t errlen) {
    *out_classes = 0;
    arb_status shape_status = ARB_OK;
    arb_status status = guarded(ARB_ERR_FORWARD, err, errlen, [&] {
        c10::InferenceMode guard;
        // from_blob does not copy; the caller's buffer outlives this call.
        auto x = torch::from_blob(const_cast<float *>(input), {batch, 1, mels, frames}, torch::kFloat32);
        auto y = model->module.forward({x}).toTensor().to(torch::kFloat32).contiguous();
        if (y.dim() != 2 || y.size(0) != batch) {
            std::ostringstream m;
            m << "model output has shape " << y.sizes() << ", expected [" << batch << ", classes]";
            copy_out(m.str(), err, errlen);
            shape_status = ARB_ERR_SHAPE;
            return;
        }
        if (y.numel() > out_capacity) {
            std::ostringstream m;
            m << "model returned " << y.size(1) << " classes, more than the "
              << (batch > 0 ? out_capacity / batch : 0) << " expected";
            copy_out(m.str(), err, errlen);
            shape_status = ARB_ERR_SHAPE;
            return;
        }
        // An empty batch has no data pointer; memcpy from NULL is undefined even for 0 bytes (UBSan).
        if (y.numel() > 0) std::memcpy(out, y.data_ptr<float>(), sizeof(float) * y.numel());
        *out_classes = y.size(1);
    });
    return status != ARB_OK ? status : shape_status;
}

int64_t arb_model_parameter_count(arb_model *model) {
    int64_t n = 0;
    try {
        for (const auto &p : model->module.parameters(true)) n += p.numel();
    } catch (...) {
        return -1;
    }
    return n;
}

arb_status arb_set_intra_op_threads(int32_t n, char *err, size_t errlen) {
    return guarded(ARB_ERR_THREADS, err, errlen, [&] { at::set_num_threads(n); });
}

int32_t arb_get_intra_op_threads(void) { return at::get_num_threads(); }

arb_status arb_set_inter_op_threads(int32_t n, char *err, size_t errlen) {
    return guarded(ARB_ERR_THREADS, err, errlen, [&] { at::set_num_interop_threads(n); });
}

int32_t arb_get_inter_op_threads(void) { return at::get_num_interop_threads(); }

const char *arb_torch_version(void) { return TORCH_VERSION; }

size_t arb_build_config(char *buf, size_t buflen) {
    std::string info;
    try {
        info = at::show_config();
    } catch (...) {
        info = "unavailable";
    }
    copy_out(info, buf, buflen);
    return info.size();
}

size_t arb_parallel_info(char *buf, size_t buflen) {
    std::string info;
    try {
        info = at::get_parallel_info();
    } catch (...) {
        info = "unavailable";
    }
    copy_out(info, buf, buflen);
    return info.size();
}

arb_status arb_train_tagger(const arb_train_config *c, const float *x, const int32_t *y, int64_t n,
                            const char *out_path, const char *metadata_json, arb_train_log_fn log,
                            void *log_ctx, char *err, size_t errlen) {
    if (c == nullptr || c->block_count <= 0 || n <= 0 || c->batch_size <= 0 || c->classes <= 1) {
        copy_out("invalid training configuration", err, errlen);
        return ARB_ERR_ARGUMENT;
    }
    arb_status status = guarded(ARB_ERR_TRAIN, err, errlen, [&] {
        torch::manual_seed(c->seed);
        std::vector<int32_t> channels(c->channels, c->channels + c->block_count);
        TaggerNet net(channels, c->classes);
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

        torch::jit::Module m("ARTagger");
        torch::NoGradGuard no_grad;
        for (const auto &p : net.named_parameters(true)) {
            std::string name = p.key();
            std::replace(name.begin(), name.end(), '.', '_');
            m.register_parameter(name, p.value().detach().clone(), false);
        }
        m.define(tagger_script(channels.size()));
        m.eval();
        torch::jit::ExtraFilesMap extra{{"arbench.json", metadata_json ? metadata_json : ""}};
        m.save(std::string(out_path), extra);
    });
    return status;
}

arb_status arb_model_resave(const char *in_path, const char *out_path, const char *metadata_json,
                            char *err, size_t errlen) {
    return guarded(ARB_ERR_SAVE, err, errlen, [&] {
        auto module = torch::jit::load(std::string(in_path), torch::kCPU);
        torch::jit::ExtraFilesMap extra{{"arbench.json", metadata_json ? metadata_json : ""}};
        module.save(std::string(out_path), extra);
    });
}

} // extern "C"
