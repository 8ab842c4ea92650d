// The built-in tagger: conv blocks (3x3 conv, ReLU, 2x2 max-pool), mean over mel bands, max over time, a
// linear head. Input is normalised per example so loudness does not matter.
//
// Written twice, because it lives twice: as a C++ module (TaggerNet) that training runs eagerly with
// autograd, and as TorchScript text (tagger_script) that the saved model runs, so a model file loads in
// any LibTorch (or Python) with no arbench code. The shape constants below are shared; the rest is kept
// in step by hand, and a test holds it there: Tests/TrainingTests/TaggerExportTests.swift compares the
// exported script's scores with the eager module's (arb_tagger_export_reference) on both runtimes.
#ifndef ARBENCH_TAGGERNET_H
#define ARBENCH_TAGGERNET_H

#include <torch/script.h>
#include <torch/torch.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

namespace arb {

// One conv block: kernel x kernel convolution padded to keep the size, ReLU, pool x pool max-pool.
constexpr int64_t tagger_kernel = 3;
constexpr int64_t tagger_padding = 1;
constexpr int64_t tagger_pool = 2;
// Added to the per-example standard deviation before dividing: silence stays finite.
constexpr double tagger_epsilon = 1e-5;

struct TaggerNet : torch::nn::Module {
    std::vector<torch::nn::Conv2d> convs;
    torch::nn::Linear head{nullptr};

    TaggerNet(const std::vector<int32_t> &channels, int64_t classes) {
        int64_t in = 1;
        for (size_t i = 0; i < channels.size(); ++i) {
            auto options = torch::nn::Conv2dOptions(in, channels[i], tagger_kernel).padding(tagger_padding);
            convs.push_back(register_module("conv" + std::to_string(i), torch::nn::Conv2d(options)));
            in = channels[i];
        }
        head = register_module("head", torch::nn::Linear(in, classes));
    }

    // What training optimises (cross-entropy takes logits).
    torch::Tensor logits(torch::Tensor x) {
        auto mean = x.mean({1, 2, 3}, true);
        auto std = x.std({1, 2, 3}, true, true);
        x = (x - mean) / (std + tagger_epsilon);
        for (auto &conv : convs) {
            x = torch::max_pool2d(torch::relu(conv->forward(x)), {tagger_pool, tagger_pool});
        }
        x = x.mean(2);             // [B, C, T']
        x = std::get<0>(x.max(2)); // [B, C]
        return head->forward(x);
    }

    // What the saved model returns: class scores.
    torch::Tensor scores(torch::Tensor x) { return torch::softmax(logits(x), 1); }
};

// TorchScript source equivalent to TaggerNet::scores; parameters named as TaggerNet's with '.' -> '_'.
inline std::string tagger_script(size_t blocks) {
    std::ostringstream s;
    s << "def forward(self, x):\n"
      << "    mean = torch.mean(x, [1, 2, 3], True)\n"
      << "    std = torch.std(x, [1, 2, 3], True, True)\n"
      << "    x = (x - mean) / (std + " << tagger_epsilon << ")\n";
    for (size_t i = 0; i < blocks; ++i) {
        s << "    x = torch.max_pool2d(torch.relu(torch.conv2d(x, self.conv" << i << "_weight, self.conv" << i
          << "_bias, [1, 1], [" << tagger_padding << ", " << tagger_padding << "])), [" << tagger_pool << ", "
          << tagger_pool << "])\n";
    }
    s << "    x = torch.mean(x, 2)\n"
      << "    x = torch.amax(x, 2)\n"
      << "    x = torch.linear(x, self.head_weight, self.head_bias)\n"
      << "    return torch.softmax(x, 1)\n";
    return s.str();
}

// The net's current weights in a TorchScript module running tagger_script: what a model file holds.
inline torch::jit::Module tagger_module(TaggerNet &net) {
    torch::jit::Module m("ARTagger");
    torch::NoGradGuard no_grad;
    for (const auto &p : net.named_parameters(true)) {
        std::string name = p.key();
        std::replace(name.begin(), name.end(), '.', '_');
        m.register_parameter(name, p.value().detach().clone(), false);
    }
    m.define(tagger_script(net.convs.size()));
    m.eval();
    return m;
}

} // namespace arb

#endif
