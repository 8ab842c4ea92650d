// Binds CTorch.h to one runtime library (libarbench_torch.so built against one LibTorch) at run time.
// Why not link LibTorch: arbench runs on Debian's 1.13 or PyPI's 2.x chosen per run, and two LibTorch
// builds in one process clash (same C++ symbols, two OpenMP runtimes). RTLD_LOCAL keeps the runtime's
// symbols out of the global scope; the runtime is linked with -Bsymbolic so it binds to its own.
#include "CTorch.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

// Every runtime function: return type, name, parameter list (the pointer table and the binding loop).
#define ARB_RUNTIME_FUNCTIONS(X)                                                                          \
    X(arb_status, arb_model_load,                                                                         \
      (const char *path, arb_model **out, char *extra_json, size_t extra_len, char *err, size_t errlen))  \
    X(void, arb_model_free, (arb_model * model))                                                          \
    X(arb_status, arb_model_forward,                                                                      \
      (arb_model * model, const float *input, int64_t batch, int64_t mels, int64_t frames, float *out,    \
       int64_t out_capacity, int64_t *out_classes, char *err, size_t errlen))                             \
    X(int64_t, arb_model_parameter_count, (arb_model * model))                                            \
    X(arb_status, arb_set_intra_op_threads, (int32_t n, char *err, size_t errlen))                        \
    X(int32_t, arb_get_intra_op_threads, (void))                                                          \
    X(arb_status, arb_set_inter_op_threads, (int32_t n, char *err, size_t errlen))                        \
    X(int32_t, arb_get_inter_op_threads, (void))                                                          \
    X(const char *, arb_torch_version, (void))                                                            \
    X(size_t, arb_build_config, (char *buf, size_t buflen))                                               \
    X(size_t, arb_parallel_info, (char *buf, size_t buflen))                                              \
    X(arb_status, arb_train_tagger,                                                                       \
      (const arb_train_config *config, const float *x, const int32_t *y, int64_t n, const char *out_path, \
       const char *metadata_json, arb_train_log_fn log, void *log_ctx, char *err, size_t errlen))         \
    X(arb_status, arb_tagger_export_reference,                                                            \
      (const arb_train_config *config, const float *x, int64_t n, const char *out_path, float *scores,    \
       int64_t scores_capacity, char *err, size_t errlen))                                                \
    X(arb_status, arb_model_resave,                                                                       \
      (const char *in_path, const char *out_path, const char *metadata_json, char *err, size_t errlen))

static struct {
#define ARB_POINTER(ret, name, params) ret(*name) params;
    ARB_RUNTIME_FUNCTIONS(ARB_POINTER)
#undef ARB_POINTER
} bound;

static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;
static char opened_path[4096];

static void set_error(char *err, size_t errlen, const char *message) {
    if (err == NULL || errlen == 0) return;
    snprintf(err, errlen, "%s", message);
}

arb_status arb_runtime_open(const char *shim_path, char *err, size_t errlen) {
    arb_status status = ARB_OK;
    pthread_mutex_lock(&open_lock);
    if (opened_path[0] != '\0') {
        if (strcmp(opened_path, shim_path) != 0) {
            char message[4200];
            snprintf(message, sizeof message, "another LibTorch runtime is already loaded: %s", opened_path);
            set_error(err, errlen, message);
            status = ARB_ERR_RUNTIME;
        }
        pthread_mutex_unlock(&open_lock);
        return status;
    }
    void *handle = dlopen(shim_path, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *why = dlerror();
        set_error(err, errlen, why ? why : "dlopen failed");
        pthread_mutex_unlock(&open_lock);
        return ARB_ERR_RUNTIME;
    }
#define ARB_BIND(ret, name, params)                                                   \
    if (status == ARB_OK) {                                                                 \
        *(void **)(&bound.name) = dlsym(handle, #name);                                     \
        if (bound.name == NULL) {                                                           \
            set_error(err, errlen, "runtime library lacks " #name " (built from older sources?)"); \
            status = ARB_ERR_RUNTIME;                                                       \
        }                                                                                   \
    }
    ARB_RUNTIME_FUNCTIONS(ARB_BIND)
#undef ARB_BIND
    if (status == ARB_OK) {
        snprintf(opened_path, sizeof opened_path, "%s", shim_path);
    } else {
        memset(&bound, 0, sizeof bound);
        dlclose(handle);
    }
    pthread_mutex_unlock(&open_lock);
    return status;
}

const char *arb_runtime_path(void) { return opened_path[0] != '\0' ? opened_path : NULL; }

// Trampolines. Before a runtime is open: status calls fail with ARB_ERR_RUNTIME, the rest return a
// neutral value (-1, 0, "") so a caller's bug shows as an error, not a crash.
static const char not_open[] = "no LibTorch runtime loaded (arb_runtime_open not called)";

arb_status arb_model_load(const char *path, arb_model **out, char *extra_json, size_t extra_len, char *err,
                          size_t errlen) {
    if (!bound.arb_model_load) { *out = NULL; set_error(err, errlen, not_open); return ARB_ERR_RUNTIME; }
    return bound.arb_model_load(path, out, extra_json, extra_len, err, errlen);
}

void arb_model_free(arb_model *model) {
    if (bound.arb_model_free) bound.arb_model_free(model);
}

arb_status arb_model_forward(arb_model *model, const float *input, int64_t batch, int64_t mels, int64_t frames,
                             float *out, int64_t out_capacity, int64_t *out_classes, char *err, size_t errlen) {
    if (!bound.arb_model_forward) { set_error(err, errlen, not_open); return ARB_ERR_RUNTIME; }
    return bound.arb_model_forward(model, input, batch, mels, frames, out, out_capacity, out_classes, err, errlen);
}

int64_t arb_model_parameter_count(arb_model *model) {
    return bound.arb_model_parameter_count ? bound.arb_model_parameter_count(model) : -1;
}

arb_status arb_set_intra_op_threads(int32_t n, char *err, size_t errlen) {
    if (!bound.arb_set_intra_op_threads) { set_error(err, errlen, not_open); return ARB_ERR_RUNTIME; }
    return bound.arb_set_intra_op_threads(n, err, errlen);
}

int32_t arb_get_intra_op_threads(void) {
    return bound.arb_get_intra_op_threads ? bound.arb_get_intra_op_threads() : -1;
}

arb_status arb_set_inter_op_threads(int32_t n, char *err, size_t errlen) {
    if (!bound.arb_set_inter_op_threads) { set_error(err, errlen, not_open); return ARB_ERR_RUNTIME; }
    return bound.arb_set_inter_op_threads(n, err, errlen);
}

int32_t arb_get_inter_op_threads(void) {
    return bound.arb_get_inter_op_threads ? bound.arb_get_inter_op_threads() : -1;
}

const char *arb_torch_version(void) { return bound.arb_torch_version ? bound.arb_torch_version() : ""; }

size_t arb_build_config(char *buf, size_t buflen) {
    if (bound.arb_build_config) return bound.arb_build_config(buf, buflen);
    if (buf && buflen) buf[0] = '\0';
    return 0;
}

size_t arb_parallel_info(char *buf, size_t buflen) {
    if (bound.arb_parallel_info) return bound.arb_parallel_info(buf, buflen);
    if (buf && buflen) buf[0] = '\0';
    return 0;
}

arb_status arb_train_tagger(const arb_train_config *config, const float *x, const int32_t *y, int64_t n,
                            const char *out_path, const char *metadata_json, arb_train_log_fn log, void *log_ctx,
                            char *err, size_t errlen) {
    if (!bound.arb_train_tagger) { set_error(err, errlen, not_open); return ARB_ERR_RUNTIME; }
    return bound.arb_train_tagger(config, x, y, n, out_path, metadata_json, log, log_ctx, err, errlen);
}

arb_status arb_tagger_export_reference(const arb_train_config *config, const float *x, int64_t n,
                                       const char *out_path, float *scores, int64_t scores_capacity, char *err,
                                       size_t errlen) {
    if (!bound.arb_tagger_export_reference) { set_error(err, errlen, not_open); return ARB_ERR_RUNTIME; }
    return bound.arb_tagger_export_reference(config, x, n, out_path, scores, scores_capacity, err, errlen);
}

arb_status arb_model_resave(const char *in_path, const char *out_path, const char *metadata_json, char *err,
                            size_t errlen) {
    if (!bound.arb_model_resave) { set_error(err, errlen, not_open); return ARB_ERR_RUNTIME; }
    return bound.arb_model_resave(in_path, out_path, metadata_json, err, errlen);
}
