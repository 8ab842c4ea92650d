// Thin C wrappers over LibTorch: the runtime API (load, forward, threads, version, build and parallel
// info). Training and export are apart, in CTorchTraining.cpp. Logic (what to run, when to call what)
// lives in Swift.
// Not a SwiftPM target: CShims/CTorchRuntime/build.sh compiles this file and CTorchTraining.cpp once per
// LibTorch runtime (Debian's 1.13, PyPI's 2.x, a user's directory) into its own libarbench_torch.so,
// which arbench dlopens at run time (CShims/CTorch/CTorchLoader.c). One binary, the runtime chosen per
// run; two LibTorch builds never meet in one process.
#include "CBoundary.h"
#include "CTorch.h"

#include <ATen/Parallel.h>
#include <ATen/Version.h>
#include <torch/script.h>
#include <torch/version.h>

#include <cstring>
#include <sstream>
#include <string>

using arb::copy_out;
using arb::guarded;

struct arb_model {
    torch::jit::Module module;
};

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

} // extern "C"
