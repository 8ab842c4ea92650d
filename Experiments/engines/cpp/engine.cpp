// A minimal C++ LibTorch engine: std::thread engine threads sharing one TorchScript module, each calling
// at::set_num_threads itself before its first forward (per calling thread in practice on LibTorch 1.13
// and 2.x), c10::InferenceMode per segment. Built by build.sh (`make engines`) into .build/engines/cpp-engine.
//
//   cpp-engine --model MODEL.pt --engine-threads N --intra-op-threads K|default --metrics m.json
//              [--tags tags.csv] AUDIO.wav...
//
// The work per segment is arbench's (see ../common/engine_common.py for the numbers): the same segments,
// log-mel features of the same shape computed with torch ops (rfft, the filterbank's non-zero weights, log), the same
// forward, the same tags and output digest (arbench's). Audio is read with libsndfile (16 kHz mono only).
//
// Exit codes: 0 ok; 4 an audio file refused (missing, unreadable, not 16 kHz mono); 5 the model refused
// (missing, not TorchScript, wrong shapes); 64 usage; 1 anything else (a failed forward).
#include <torch/script.h>
#include <torch/torch.h>
#include <ATen/Parallel.h>
#include <sndfile.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdint>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <time.h>
#include <vector>

namespace {

constexpr int kExitFailure = 1, kExitInput = 4, kExitModel = 5, kExitUsage = 64;
constexpr const char *kProg = "cpp-engine";

// arbench's SegmenterConfig and LogMelConfig defaults (Sources/Pipeline).
constexpr int kSampleRate = 16000, kFrameLength = 320, kMinGapFrames = 8, kPadding = 800;
constexpr int kMinLength = 4800, kMaxLength = 64000;
constexpr int kWindow = 400, kHop = 160, kFFT = 512, kMels = 64;
constexpr double kThresholdDB = -45, kFMin = 50, kFMax = 8000;
constexpr float kLogFloor = 1e-6f, kUnknownThreshold = 0.5f;
constexpr double kMergeGap = 0.5;

[[noreturn]] void die(const std::string &message, int code) {
    std::fprintf(stderr, "%s: error: %s\n", kProg, message.c_str());
    std::fflush(stderr);
    std::_Exit(code);   // no static destructors racing engine threads
}

double now() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

double thread_cpu() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

struct Args {
    std::string model, metrics, tags;
    int engine_threads = 0;
    std::optional<int> intra;   // nullopt: "default"
    std::vector<std::string> audio;
};

[[noreturn]] void usage(const std::string &why) {
    std::fprintf(stderr,
                 "usage: %s --model MODEL.pt --engine-threads N --intra-op-threads K|default "
                 "[--metrics PATH] [--tags PATH] AUDIO...\n",
                 kProg);
    die(why, kExitUsage);
}

int positive(const std::string &flag, const std::string &v) {
    try {
        size_t used = 0;
        int n = std::stoi(v, &used);
        if (used == v.size() && n >= 1) return n;
    } catch (...) {
    }
    usage(flag + ": '" + v + "' is not a number >= 1");
}

Args parse(int argc, char **argv) {
    Args a;
    bool have_intra = false;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--model") a.model = value();
        else if (arg == "--engine-threads") a.engine_threads = positive(arg, value());
        else if (arg == "--intra-op-threads") {
            std::string v = value();
            have_intra = true;
            if (v != "default") a.intra = positive(arg, v);
        } else if (arg == "--metrics") a.metrics = value();
        else if (arg == "--tags") a.tags = value();
        else if (arg == "-h" || arg == "--help") {
            std::printf("usage: %s --model MODEL.pt --engine-threads N --intra-op-threads K|default "
                        "[--metrics PATH] [--tags PATH] AUDIO...\n", kProg);
            std::exit(0);
        } else if (arg.rfind("--", 0) == 0) usage("unknown option " + arg);
        else a.audio.push_back(arg);
    }
    if (a.model.empty()) usage("--model is required");
    if (a.engine_threads == 0) usage("--engine-threads is required");
    if (!have_intra) usage("--intra-op-threads is required");
    if (a.audio.empty()) usage("give at least one audio file");
    return a;
}

// ------------------------------------------------------------------ audio

SNDFILE *open_checked(const std::string &path, SF_INFO &info) {
    struct stat st;
    if (stat(path.c_str(), &st) != 0) die(path + ": no such audio file", kExitInput);
    info = SF_INFO{};
    SNDFILE *f = sf_open(path.c_str(), SFM_READ, &info);
    if (!f) die(path + ": not a readable audio file: " + sf_strerror(nullptr), kExitInput);
    if ((info.format & SF_FORMAT_TYPEMASK) != SF_FORMAT_WAV && (info.format & SF_FORMAT_TYPEMASK) != SF_FORMAT_WAVEX) {
        sf_close(f);
        die(path + ": not a WAV file", kExitInput);
    }
    if (info.samplerate != kSampleRate || info.channels != 1) {
        sf_close(f);
        die(path + ": " + std::to_string(info.samplerate) + " Hz, " + std::to_string(info.channels) +
                " channel(s); this engine takes 16000 Hz mono", kExitInput);
    }
    return f;
}

// ------------------------------------------------------------------ segmentation (arbench's Segmenter)

// arbench's Segmenter (Sources/Pipeline/Segmentation/Segmenter.swift), ported: fed chunk by chunk, it hands
// out finished segments and keeps only about one max-length segment plus a chunk of audio. Decisions depend
// only on the 20 ms frame grid, never on the chunking.
struct Segment {
    int index;
    int64_t start;
    std::vector<float> samples;
};

class Segmenter {
  public:
    std::vector<Segment> push(const float *chunk, size_t n) {
        buffer_.insert(buffer_.end(), chunk, chunk + n);
        received_ += int64_t(n);
        while ((next_frame_ + 1) * kFrameLength <= received_) {
            classify(next_frame_ * kFrameLength, (next_frame_ + 1) * kFrameLength);
            ++next_frame_;
        }
        std::vector<Segment> out;
        emit_ready(out);
        trim();
        return out;
    }

    std::vector<Segment> finish() {
        const int64_t last = next_frame_ * kFrameLength;
        if (received_ > last) {   // the final partial frame counts too
            classify(last, received_);
            ++next_frame_;
        }
        if (open_) {
            open_->end = open_->voiced_end + kPadding;
            closed_.push_back(*open_);
            open_.reset();
        }
        for (auto &r : closed_) r.end = std::min(r.end, received_);
        std::vector<Segment> out;
        emit_ready(out);
        return out;
    }

  private:
    struct Region {
        int64_t cursor, voiced_end;
        int silent = 0;
        int64_t end = 0;
    };

    void classify(int64_t start, int64_t end) {
        double sum = 0;
        for (int64_t i = start - buffer_start_; i < end - buffer_start_; ++i) sum += double(buffer_[i]) * double(buffer_[i]);
        if (sum / double(end - start) >= threshold_) {
            if (!open_) open_ = Region{std::max({int64_t(0), start - kPadding, last_region_end_}), end};
            else open_->voiced_end = end, open_->silent = 0;
        } else if (open_ && ++open_->silent >= kMinGapFrames) {
            open_->end = open_->voiced_end + kPadding;
            last_region_end_ = open_->end;
            closed_.push_back(*open_);
            open_.reset();
        }
    }

    void emit_ready(std::vector<Segment> &out) {
        while (!closed_.empty()) {
            Region &r = closed_.front();
            while (r.cursor < r.end) {
                const int64_t piece_end = std::min(r.cursor + kMaxLength, r.end);
                if (piece_end > received_) return;
                if (piece_end - r.cursor >= kMinLength) out.push_back(make(r.cursor, piece_end));
                r.cursor = piece_end;
            }
            closed_.pop_front();
        }
        if (open_) {   // a full piece below voiced_end + padding is already final
            const int64_t certain = std::min(open_->voiced_end + kPadding, received_);
            while (open_->cursor + kMaxLength <= certain) {
                out.push_back(make(open_->cursor, open_->cursor + kMaxLength));
                open_->cursor += kMaxLength;
            }
        }
    }

    Segment make(int64_t start, int64_t end) {
        return {next_index_++, start,
                std::vector<float>(buffer_.begin() + (start - buffer_start_), buffer_.begin() + (end - buffer_start_))};
    }

    void trim() {
        const int64_t next_frame_start = next_frame_ * kFrameLength;
        const Region *pending = !closed_.empty() ? &closed_.front() : (open_ ? &*open_ : nullptr);
        const int64_t needed = pending ? pending->cursor : std::max({int64_t(0), last_region_end_, next_frame_start - kPadding});
        const int64_t keep = std::min(next_frame_start, needed);
        const int64_t dead = keep - buffer_start_;
        if (dead > 0 && dead * 2 >= int64_t(buffer_.size())) {
            buffer_.erase(buffer_.begin(), buffer_.begin() + dead);
            buffer_start_ = keep;
        }
    }

    const double threshold_ = std::pow(10.0, kThresholdDB / 10.0);
    std::vector<float> buffer_;
    int64_t buffer_start_ = 0, received_ = 0, next_frame_ = 0, last_region_end_ = 0;
    std::optional<Region> open_;
    std::deque<Region> closed_;
    int next_index_ = 0;
};

// ------------------------------------------------------------------ features

torch::Tensor periodic_hann() {
    std::vector<float> w(kWindow);
    for (int i = 0; i < kWindow; ++i) w[i] = float(0.5 - 0.5 * std::cos(2 * M_PI * i / kWindow));
    return torch::from_blob(w.data(), {kWindow}, torch::kFloat32).clone();
}

// HTK mel triangles without area normalisation (arbench's MelFilterbank), only the non-zero weights: for
// each, its mel band, its FFT bin and the weight. Summing weight * power over these, as arbench does, is a
// few hundred multiplies per frame; a dense [frames, 257] x [257, 64] matmul goes through Debian's reference
// BLAS (libblas3) and cost 2-3 ms a segment, more than the model's forward.
struct SparseFilterbank {
    torch::Tensor mel_index, bin_index, weights;   // [nnz], [nnz], [nnz, 1]
};

SparseFilterbank sparse_filterbank() {
    const int bins = kFFT / 2 + 1;
    const double nyquist = kSampleRate / 2.0;
    auto hz2mel = [](double hz) { return 2595 * std::log10(1 + hz / 700); };
    auto mel2hz = [](double mel) { return 700 * (std::pow(10, mel / 2595) - 1); };
    const double lo = hz2mel(kFMin), hi = hz2mel(kFMax);
    std::vector<double> edges(kMels + 2);
    for (int i = 0; i < kMels + 2; ++i) edges[i] = mel2hz(lo + (hi - lo) * i / (kMels + 1));
    std::vector<int64_t> mel_index, bin_index;
    std::vector<float> weights;
    for (int m = 0; m < kMels; ++m)
        for (int b = 0; b < bins; ++b) {
            const double f = nyquist * b / (bins - 1);
            const double rising = (f - edges[m]) / (edges[m + 1] - edges[m]);
            const double falling = (edges[m + 2] - f) / (edges[m + 2] - edges[m + 1]);
            const float w = float(std::max(0.0, std::min(rising, falling)));
            if (w > 0) mel_index.push_back(m), bin_index.push_back(b), weights.push_back(w);
        }
    const int64_t n = int64_t(weights.size());
    return {torch::from_blob(mel_index.data(), {n}, torch::kLong).clone(),
            torch::from_blob(bin_index.data(), {n}, torch::kLong).clone(),
            torch::from_blob(weights.data(), {n, 1}, torch::kFloat32).clone()};
}

// ------------------------------------------------------------------ tags and digest (arbench's Tagger, OutputDigest)

struct Result {
    int file, index;
    double start_s, end_s, latency_ms;
    std::vector<float> scores;
};

struct Tag {
    double start, end;
    std::string label;
    double score;
};

std::vector<Tag> tags_of(std::vector<const Result *> rs, const std::vector<std::string> &classes) {
    std::sort(rs.begin(), rs.end(), [](auto a, auto b) {
        return a->start_s != b->start_s ? a->start_s < b->start_s : a->index < b->index;
    });
    std::vector<Tag> tags;
    std::optional<Tag> cur;
    int count = 0;
    for (auto r : rs) {
        size_t best = 0;
        for (size_t i = 1; i < r->scores.size(); ++i)
            if (r->scores[best] < r->scores[i]) best = i;
        float score = r->scores.empty() ? 0 : r->scores[best];
        std::string label = (r->scores.empty() || score < kUnknownThreshold || best >= classes.size()) ? "unknown" : classes[best];
        if (cur && cur->label == label && r->start_s - cur->end <= kMergeGap) {
            cur->end = std::max(cur->end, r->end_s);
            cur->score += score;
            ++count;
            continue;
        }
        if (cur) tags.push_back({cur->start, cur->end, cur->label, cur->score / count});
        cur = Tag{r->start_s, r->end_s, label, score};
        count = 1;
    }
    if (cur) tags.push_back({cur->start, cur->end, cur->label, cur->score / count});
    return tags;
}

std::string fnv1a(const std::string &text) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ULL;
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

long long ms(double seconds) { return std::llround(seconds * 1000); }   // half away from zero, as Swift's rounded()

std::string digest(const std::vector<std::vector<Tag>> &per_file) {
    std::string joined;
    for (size_t f = 0; f < per_file.size(); ++f) {
        std::string text;
        for (auto &t : per_file[f]) text += std::to_string(ms(t.start)) + "," + std::to_string(ms(t.end)) + "," + t.label + "\n";
        if (f) joined += ";";
        joined += fnv1a(text);
    }
    return fnv1a(joined);
}

void write_atomically(const std::string &path, const std::string &text) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << text;
        if (!out) die(tmp + ": cannot write", kExitFailure);
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) die(path + ": cannot rename " + tmp + " into place", kExitFailure);
}

std::string json_string(const std::string &s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else out += c;
    }
    return out + "\"";
}

// A tiny reader for the flat arbench.json metadata: "classes" (array of strings) and a few integers.
std::vector<std::string> json_strings(const std::string &j, const std::string &key) {
    std::vector<std::string> out;
    auto k = j.find("\"" + key + "\"");
    if (k == std::string::npos) return out;
    auto open = j.find('[', k), close = j.find(']', k);
    if (open == std::string::npos || close == std::string::npos) return out;
    for (size_t i = open; i < close;) {
        auto a = j.find('"', i);
        if (a == std::string::npos || a > close) break;
        auto b = j.find('"', a + 1);
        out.push_back(j.substr(a + 1, b - a - 1));
        i = b + 1;
    }
    return out;
}

long json_int(const std::string &j, const std::string &key, long fallback) {
    auto k = j.find("\"" + key + "\"");
    if (k == std::string::npos) return fallback;
    auto colon = j.find(':', k);
    try {
        return std::stol(j.substr(colon + 1));
    } catch (...) {
        return fallback;
    }
}

std::string first_line(const std::string &s) {
    auto nl = s.find('\n');
    return nl == std::string::npos ? s : s.substr(0, nl);
}

// ------------------------------------------------------------------ the queue

struct Item {
    int file, index;
    int64_t start, end;
    std::vector<float> samples;
    double queued;
};

// Bounded, as arbench's SegmentQueue (capacity max(16, 4 x engine threads)): the feeder waits while it is full.
class Queue {
  public:
    explicit Queue(size_t capacity) : capacity_(capacity) {}
    void push(Item item) {
        {
            std::unique_lock<std::mutex> l(m_);
            not_full_.wait(l, [&] { return q_.size() < capacity_; });
            q_.push_back(std::move(item));
        }
        not_empty_.notify_one();
    }
    void close() {
        {
            std::lock_guard<std::mutex> l(m_);
            closed_ = true;
        }
        not_empty_.notify_all();
    }
    std::optional<Item> pop() {
        std::optional<Item> item;
        {
            std::unique_lock<std::mutex> l(m_);
            not_empty_.wait(l, [&] { return closed_ || !q_.empty(); });
            if (q_.empty()) return std::nullopt;
            item = std::move(q_.front());
            q_.pop_front();
        }
        not_full_.notify_one();
        return item;
    }

  private:
    const size_t capacity_;
    std::mutex m_;
    std::condition_variable not_empty_, not_full_;
    std::deque<Item> q_;
    bool closed_ = false;
};

double percentile(const std::vector<double> &sorted, double p) {
    size_t rank = std::max<size_t>(1, size_t(std::ceil(p / 100.0 * sorted.size())));
    return sorted[std::min(rank, sorted.size()) - 1];
}

}  // namespace

int main(int argc, char **argv) {
    Args args = parse(argc, argv);
    for (auto &path : args.audio) {   // refuse bad input before anything heavy
        SF_INFO info;
        sf_close(open_checked(path, info));
    }

    // ---- model
    const double load_start = now();
    struct stat st;
    if (stat(args.model.c_str(), &st) != 0) die(args.model + ": no such model file", kExitModel);
    torch::jit::Module module;
    std::string meta;
    try {
        torch::jit::ExtraFilesMap extra{{"arbench.json", ""}};
        module = torch::jit::load(args.model, torch::kCPU, extra);
        module.eval();
        meta = extra["arbench.json"];
    } catch (const std::exception &e) {
        die(args.model + ": not a loadable TorchScript model: " + first_line(e.what()), kExitModel);
    }
    {
        std::ifstream sidecar(args.model + ".json");
        if (sidecar) meta.assign(std::istreambuf_iterator<char>(sidecar), {});
    }
    std::vector<std::string> classes = json_strings(meta, "classes");
    const long min_frames = json_int(meta, "min_frames", 16);
    if (json_int(meta, "mels", kMels) != kMels || json_int(meta, "sample_rate", kSampleRate) != kSampleRate)
        die(args.model + ": model wants other features than 64 mels at 16000 Hz", kExitModel);
    try {   // dry forward, as arbench does
        c10::InferenceMode guard;
        auto y = module.forward({torch::full({1, 1, kMels, std::max<long>(min_frames, 100)}, -5.0f)}).toTensor();
        if (y.dim() != 2 || y.size(0) != 1) die(args.model + ": model output is not [1, classes]", kExitModel);
        if (classes.empty())
            for (int64_t i = 0; i < y.size(1); ++i) classes.push_back("class" + std::to_string(i));
        if (int64_t(classes.size()) != y.size(1))
            die(args.model + ": model outputs " + std::to_string(y.size(1)) + " classes but its metadata names " +
                    std::to_string(classes.size()), kExitModel);
    } catch (const std::exception &e) {
        die(args.model + ": dry forward on [1, 1, 64, frames] failed: " + first_line(e.what()), kExitModel);
    }
    const double model_load_seconds = now() - load_start;
    const torch::Tensor window = periodic_hann();
    const SparseFilterbank fb = sparse_filterbank();

    // ---- engine threads
    Queue queue(std::max<size_t>(16, 4 * size_t(args.engine_threads)));
    std::mutex lock;
    std::vector<Result> results;
    std::vector<std::string> failures;
    std::vector<int> effective(args.engine_threads);
    std::vector<double> worker_wall(args.engine_threads), worker_cpu(args.engine_threads);
    std::vector<double> features_s(args.engine_threads), inference_s(args.engine_threads);   // summed over engine threads
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < args.engine_threads; ++t) {
        threads.emplace_back([&, t] {
            // Per calling thread: force the lazy per-thread init first, then set this thread's pool size.
            (void)at::get_num_threads();
            if (args.intra) at::set_num_threads(*args.intra);
            effective[t] = at::get_num_threads();
            ready.fetch_add(1);
            std::vector<Result> local;
            const double wall0 = now(), cpu0 = thread_cpu();
            while (auto item = queue.pop()) {
                try {
                    const double t0 = now();
                    c10::InferenceMode guard;
                    const int64_t n = item->end - item->start;
                    auto x = torch::from_blob(item->samples.data(), {n}, torch::kFloat32);
                    if (n < kWindow) x = torch::constant_pad_nd(x, {0, kWindow - n});
                    auto frames = x.unfold(0, kWindow, kHop) * window;                  // [frames, 400]
                    auto spectrum = torch::fft::rfft(frames, kFFT);                    // zero-padded at the end
                    auto power = at::real(spectrum).square() + at::imag(spectrum).square();
                    auto mel = torch::zeros({kMels, power.size(0)})
                                   .index_add_(0, fb.mel_index, power.t().index_select(0, fb.bin_index) * fb.weights);
                    auto logmel = torch::log(torch::clamp_min(mel, kLogFloor));       // [64, frames]
                    if (logmel.size(1) < min_frames)
                        logmel = logmel.index_select(1, torch::arange(min_frames, torch::kLong).remainder(logmel.size(1)));
                    auto input = logmel.reshape({1, 1, kMels, -1}).contiguous();
                    const double t1 = now();
                    auto y = module.forward({input}).toTensor().to(torch::kFloat32).contiguous();
                    std::vector<float> scores(y.data_ptr<float>(), y.data_ptr<float>() + y.numel());
                    const double done = now();
                    features_s[t] += t1 - t0;
                    inference_s[t] += done - t1;
                    local.push_back({item->file, item->index, double(item->start) / kSampleRate,
                                     double(item->end) / kSampleRate, (done - item->queued) * 1e3, std::move(scores)});
                } catch (const std::exception &e) {
                    std::lock_guard<std::mutex> l(lock);
                    failures.push_back(args.audio[item->file] + " segment " + std::to_string(item->index) +
                                       ": forward failed: " + first_line(e.what()));
                }
            }
            worker_wall[t] = now() - wall0;
            worker_cpu[t] = thread_cpu() - cpu0;
            std::lock_guard<std::mutex> l(lock);
            for (auto &r : local) results.push_back(std::move(r));
        });
    }
    while (ready.load() < args.engine_threads) std::this_thread::yield();

    // ---- feed: the clock starts at the first audio read (after start-up, model load and thread set-up)
    const double start = now();
    double audio_seconds = 0, read_segment_seconds = 0;
    long items = 0;
    std::vector<float> chunk(65536);   // arbench's AudioReader chunk
    for (size_t f = 0; f < args.audio.size(); ++f) {
        double t0 = now();
        SF_INFO info;
        SNDFILE *sf = open_checked(args.audio[f], info);
        Segmenter segmenter;
        auto enqueue = [&](std::vector<Segment> segments) {
            read_segment_seconds += now() - t0;
            for (auto &s : segments) {
                const int64_t end = s.start + int64_t(s.samples.size());
                queue.push({int(f), s.index, s.start, end, std::move(s.samples), now()});
            }
            items += long(segments.size());
            t0 = now();
        };
        sf_count_t got;
        while ((got = sf_readf_float(sf, chunk.data(), sf_count_t(chunk.size()))) > 0) {
            audio_seconds += double(got) / kSampleRate;
            enqueue(segmenter.push(chunk.data(), size_t(got)));
        }
        if (sf_error(sf) != SF_ERR_NO_ERROR) die(args.audio[f] + ": read error: " + sf_strerror(sf), kExitInput);
        sf_close(sf);
        enqueue(segmenter.finish());
    }
    queue.close();
    for (auto &t : threads) t.join();
    if (!failures.empty()) die(failures.front(), kExitFailure);
    std::vector<std::vector<const Result *>> by_file(args.audio.size());
    for (auto &r : results) by_file[r.file].push_back(&r);
    std::vector<std::vector<Tag>> tags;
    size_t tag_count = 0;
    for (auto &rs : by_file) {
        tags.push_back(tags_of(rs, classes));
        tag_count += tags.back().size();
    }
    const double processing_seconds = now() - start;

    // ---- report
    std::vector<double> latencies;
    for (auto &r : results) latencies.push_back(r.latency_ms);
    std::sort(latencies.begin(), latencies.end());
    double wall = 0, cpu = 0, feat = 0, infer = 0;
    for (int t = 0; t < args.engine_threads; ++t)
        wall += worker_wall[t], cpu += worker_cpu[t], feat += features_s[t], infer += inference_s[t];
    const std::string out_digest = digest(tags);
    if (!args.metrics.empty()) {
        std::ostringstream j;
        j.precision(10);
        j << "{\n \"schema\": \"arbench.engine-metrics/1\",\n \"items\": " << items << ",\n \"audio_seconds\": " << audio_seconds
          << ",\n \"processing_seconds\": " << processing_seconds << ",\n \"model_load_seconds\": " << model_load_seconds
          << ",\n \"output_digest\": " << json_string(out_digest) << ",\n";
        if (!latencies.empty())
            j << " \"latency_ms\": {\"p50\": " << percentile(latencies, 50) << ", \"p95\": " << percentile(latencies, 95)
              << ", \"p99\": " << percentile(latencies, 99) << "},\n";
        j << " \"extra\": {\"read_segment_s\": " << read_segment_seconds << ", \"tags\": " << tag_count
          << ", \"features_s\": " << feat << ", \"inference_s\": " << infer
          << ", \"worker_wall_s\": " << wall << ", \"worker_cpu_s\": " << cpu << ", \"worker_off_cpu_s\": " << wall - cpu
          << ", \"intra_op_effective_min\": " << *std::min_element(effective.begin(), effective.end())
          << ", \"intra_op_effective_max\": " << *std::max_element(effective.begin(), effective.end()) << "}\n}\n";
        write_atomically(args.metrics, j.str());
    }
    if (!args.tags.empty()) {
        const bool several = args.audio.size() > 1;
        std::ostringstream c;
        c << (several ? "file," : "") << "start_s,end_s,tag,score\n";
        char buf[128];
        for (size_t f = 0; f < tags.size(); ++f)
            for (auto &t : tags[f]) {
                std::snprintf(buf, sizeof buf, "%.3f,%.3f,", t.start, t.end);
                c << (several ? args.audio[f] + "," : "") << buf << t.label;
                std::snprintf(buf, sizeof buf, ",%.4f\n", t.score);
                c << buf;
            }
        write_atomically(args.tags, c.str());
    }
    std::fprintf(stderr,
                 "%s: %zu file(s), %.1f s of audio, %ld segments, %zu tags in %.3f s (model load %.3f s), "
                 "engine threads %d, intra-op %s, digest %s\n",
                 kProg, args.audio.size(), audio_seconds, items, tag_count, processing_seconds, model_load_seconds,
                 args.engine_threads, args.intra ? std::to_string(*args.intra).c_str() : "default", out_digest.c_str());
    std::fflush(stderr);
    std::_Exit(0);   // skip static destructors (OpenMP pools of finished threads); everything is written
}
