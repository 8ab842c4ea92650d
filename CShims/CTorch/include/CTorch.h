// A plain C API over LibTorch. Every call that can fail returns an arb_status and fills `err`
// (NUL-terminated, truncated to errlen); no C++ exception ever crosses this boundary.
//
// The functions below are implemented by a runtime library (CShims/CTorchRuntime, built once per
// LibTorch) and reached through trampolines (CTorchLoader.c) once `arb_runtime_open` has loaded one.
// Called before that, a function fails with ARB_ERR_RUNTIME (or returns -1 / "").
#ifndef ARBENCH_CTORCH_H
#define ARBENCH_CTORCH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    ARB_OK = 0,
    ARB_ERR_LOAD = 1,
    ARB_ERR_FORWARD = 2,
    ARB_ERR_SHAPE = 3,
    ARB_ERR_THREADS = 4,
    ARB_ERR_TRAIN = 5,
    ARB_ERR_SAVE = 6,
    ARB_ERR_ARGUMENT = 7,
    ARB_ERR_RUNTIME = 8,
} arb_status;

/// Loads the runtime library at `shim_path` (dlopen, RTLD_LOCAL) and binds every function below.
/// Once per process: a second call with another path fails (two LibTorch builds must not meet).
arb_status arb_runtime_open(const char *shim_path, char *err, size_t errlen);
/// The path given to a successful arb_runtime_open, or NULL.
const char *arb_runtime_path(void);

typedef struct arb_model arb_model;

/// Loads a TorchScript module. `extra_json` (may be NULL) receives the "arbench.json" extra file
/// stored inside the archive, or "" when there is none.
arb_status arb_model_load(const char *path, arb_model **out, char *extra_json, size_t extra_len,
                          char *err, size_t errlen);
void arb_model_free(arb_model *model);

/// Runs forward on input shaped [batch, 1, mels, frames] under c10::InferenceMode.
/// Writes batch*classes scores to `out` (capacity in floats) and the class count to `out_classes`.
arb_status arb_model_forward(arb_model *model, const float *input, int64_t batch, int64_t mels,
                             int64_t frames, float *out, int64_t out_capacity, int64_t *out_classes,
                             char *err, size_t errlen);

/// Number of parameters (sum of numel over all parameters, recursively).
int64_t arb_model_parameter_count(arb_model *model);

/// Intra-op threads of the *calling* thread (LibTorch keeps this per thread in practice).
arb_status arb_set_intra_op_threads(int32_t n, char *err, size_t errlen);
int32_t arb_get_intra_op_threads(void);
/// Inter-op threads: settable once per process, before any inter-op work.
arb_status arb_set_inter_op_threads(int32_t n, char *err, size_t errlen);
int32_t arb_get_inter_op_threads(void);

/// "1.13.0" style version of the headers this shim was compiled against.
const char *arb_torch_version(void);
/// at::show_config() (BLAS, LAPACK, MKL, oneDNN, compiler) into buf; returns bytes needed (excluding NUL).
size_t arb_build_config(char *buf, size_t buflen);
/// at::get_parallel_info() into buf; returns bytes needed (excluding NUL).
size_t arb_parallel_info(char *buf, size_t buflen);

/// Trains the built-in CNN tagger on fixed-size log-mel crops and saves TorchScript.
typedef struct {
    const int32_t *channels;   // conv block widths, e.g. {16, 32, 64}
    int32_t block_count;
    int32_t mels;
    int32_t frames;            // crop length of the training examples
    int32_t classes;
    int32_t epochs;
    int32_t batch_size;
    float learning_rate;
    uint64_t seed;
} arb_train_config;

/// x: n*mels*frames floats, y: n labels in [0, classes). `metadata_json` is stored as the
/// "arbench.json" extra file. `log` (may be NULL) is called once per epoch with loss and accuracy.
typedef void (*arb_train_log_fn)(int32_t epoch, float loss, float accuracy, void *ctx);
arb_status arb_train_tagger(const arb_train_config *config, const float *x, const int32_t *y,
                            int64_t n, const char *out_path, const char *metadata_json,
                            arb_train_log_fn log, void *log_ctx, char *err, size_t errlen);

/// A check that the two forms of the built-in tagger agree (the C++ module training runs, the TorchScript
/// text a saved model runs; CShims/CTorchRuntime/TaggerNet.h): builds the tagger with fresh weights from
/// `config->seed` (untrained; epochs, batch size and learning rate unused), saves it to `out_path` as
/// arb_train_tagger does (no metadata), and writes the eager module's scores for x (n*mels*frames floats)
/// to `scores` (capacity in floats, at least n*classes). The saved model's forward on x must match them.
arb_status arb_tagger_export_reference(const arb_train_config *config, const float *x, int64_t n,
                                       const char *out_path, float *scores, int64_t scores_capacity,
                                       char *err, size_t errlen);

/// Loads `in_path` and saves it to `out_path` with `metadata_json` as the "arbench.json" extra file.
arb_status arb_model_resave(const char *in_path, const char *out_path, const char *metadata_json,
                            char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif
