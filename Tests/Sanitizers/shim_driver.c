// Drives the C shims (the LibTorch runtime CShims/CTorchRuntime, linked directly; CShims/CAllocStats) through their normal and edge-case paths, built
// with -fsanitize=address,undefined by `make sanitize` (Tests/Sanitizers/shims.sh). Exits non-zero on
// the first wrong answer; the sanitizers abort on the first memory error or undefined behaviour.
//
// Usage: shim_driver WORKDIR   (writes a tiny model there)
#include "CAllocStats.h"
#include "CTorch.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

#define CHECK(cond, ...)                                                      \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "shim_driver: FAILED %s:%d: ", __FILE__, __LINE__); \
            fprintf(stderr, __VA_ARGS__);                                     \
            fprintf(stderr, "\n");                                            \
            failures++;                                                       \
        }                                                                     \
    } while (0)

enum { MELS = 16, FRAMES = 16, CLASSES = 3 };

static arb_model *shared_model;

static void *forward_thread(void *arg) {
    int32_t intra = (int32_t)(intptr_t)arg;
    char err[256];
    CHECK(arb_set_intra_op_threads(intra, err, sizeof err) == ARB_OK, "set intra %d: %s", intra, err);
    float input[2 * MELS * FRAMES];
    for (int i = 0; i < 2 * MELS * FRAMES; i++) input[i] = sinf((float)i * 0.37f + (float)intra);
    for (int round = 0; round < 20; round++) {
        float out[2 * CLASSES];
        int64_t classes = 0;
        arb_status s = arb_model_forward(shared_model, input, 2, MELS, FRAMES, out, 2 * CLASSES, &classes,
                                         err, sizeof err);
        CHECK(s == ARB_OK && classes == CLASSES, "threaded forward: %d %s", s, err);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "--canary") == 0) {
        // A deliberate heap overflow: AddressSanitizer must stop here, or a clean run proves nothing.
        volatile char *bytes = malloc(8);
        bytes[8] = 1;
        free((void *)bytes);
        return 0;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: %s WORKDIR | --canary\n", argv[0]);
        return 2;
    }
    char model_path[4096], resaved_path[4096], err[512], tiny_err[4];
    snprintf(model_path, sizeof model_path, "%s/shim-driver-model.pt", argv[1]);
    snprintf(resaved_path, sizeof resaved_path, "%s/shim-driver-resaved.pt", argv[1]);

    // Allocator query: names the allocator in use, NUL-terminated fields.
    arb_alloc_info info;
    arb_alloc_query(&info);
    CHECK(memchr(info.name, 0, sizeof info.name) != NULL && info.name[0] != 0, "allocator name");
    CHECK(memchr(info.version, 0, sizeof info.version) != NULL, "allocator version");
    printf("shim_driver: allocator %s %s, allocated %llu bytes\n", info.name, info.version,
           (unsigned long long)info.allocated);

    // Version and parallel info, including a buffer too small and none at all.
    CHECK(strlen(arb_torch_version()) > 0, "torch version");
    char small[8];
    size_t needed = arb_parallel_info(small, sizeof small);
    CHECK(needed > sizeof small && strlen(small) == sizeof small - 1, "parallel info truncation");
    CHECK(arb_parallel_info(NULL, 0) == needed, "parallel info size query");

    // Threads: bad counts are errors, not crashes; inter-op can be set once.
    CHECK(arb_set_intra_op_threads(0, err, sizeof err) != ARB_OK, "intra 0 accepted");
    CHECK(arb_set_intra_op_threads(-3, tiny_err, sizeof tiny_err) != ARB_OK, "intra -3 accepted");
    CHECK(strlen(tiny_err) <= 3, "error text overran a 4-byte buffer");
    CHECK(arb_set_intra_op_threads(1, NULL, 0) == ARB_OK, "intra 1");
    CHECK(arb_set_inter_op_threads(1, err, sizeof err) == ARB_OK, "inter 1: %s", err);
    CHECK(arb_set_inter_op_threads(2, err, sizeof err) == ARB_ERR_THREADS, "second inter-op call accepted");

    // Training: bad configurations are refused; a tiny real one trains and saves.
    float *x = malloc(sizeof(float) * 24 * MELS * FRAMES);
    int32_t y[24];
    for (int i = 0; i < 24; i++) {
        y[i] = i % CLASSES;
        for (int j = 0; j < MELS * FRAMES; j++) x[i * MELS * FRAMES + j] = sinf((float)(j * (y[i] + 1)) * 0.1f);
    }
    int32_t channels[] = {2, 4};
    arb_train_config config = {channels, 2, MELS, FRAMES, CLASSES, 2, 8, 1e-2f, 7};
    CHECK(arb_train_tagger(NULL, x, y, 24, model_path, "{}", NULL, NULL, err, sizeof err) == ARB_ERR_ARGUMENT,
          "null config");
    arb_train_config bad = config;
    bad.classes = 1;
    CHECK(arb_train_tagger(&bad, x, y, 24, model_path, "{}", NULL, NULL, err, sizeof err) == ARB_ERR_ARGUMENT,
          "one class");
    bad = config;
    bad.mels = -1;
    CHECK(arb_train_tagger(&bad, x, y, 24, model_path, "{}", NULL, NULL, err, sizeof err) == ARB_ERR_TRAIN,
          "negative mels: %s", err);
    CHECK(arb_train_tagger(&config, x, y, 24, "/nonexistent-dir/model.pt", "{}", NULL, NULL, err, sizeof err)
              == ARB_ERR_TRAIN, "unwritable path");
    arb_status s = arb_train_tagger(&config, x, y, 24, model_path, "{\"classes\":[\"a\",\"b\",\"c\"]}", NULL, NULL,
                                    err, sizeof err);
    CHECK(s == ARB_OK, "train: %s", err);
    free(x);

    // Loading: missing and non-model files are errors with a one-line message.
    arb_model *model = NULL;
    char extra[256];
    CHECK(arb_model_load("/nonexistent.pt", &model, extra, sizeof extra, err, sizeof err) == ARB_ERR_LOAD
              && model == NULL && strchr(err, '\n') == NULL, "missing model");
    CHECK(arb_model_load(argv[0], &model, NULL, 0, tiny_err, sizeof tiny_err) == ARB_ERR_LOAD, "a binary as a model");
    CHECK(arb_model_load(model_path, &model, extra, sizeof extra, err, sizeof err) == ARB_OK, "load: %s", err);
    CHECK(strstr(extra, "classes") != NULL, "extra file: %s", extra);
    char cut_extra[5];
    arb_model *again = NULL;
    CHECK(arb_model_load(model_path, &again, cut_extra, sizeof cut_extra, NULL, 0) == ARB_OK && strlen(cut_extra) == 4,
          "extra truncated to its buffer");
    arb_model_free(again);
    arb_model_free(NULL);
    CHECK(arb_model_parameter_count(model) > 0, "parameter count");
    CHECK(arb_model_resave(model_path, resaved_path, "{}", err, sizeof err) == ARB_OK, "resave: %s", err);
    CHECK(arb_model_resave("/nonexistent.pt", resaved_path, NULL, err, sizeof err) == ARB_ERR_SAVE, "resave missing");

    // Forward: good shapes, a too-small output buffer, impossible shapes, several frame counts.
    float input[4 * MELS * 64];
    for (int i = 0; i < 4 * MELS * 64; i++) input[i] = cosf((float)i * 0.01f);
    float out[4 * CLASSES];
    int64_t classes = -1;
    for (int64_t frames = 4; frames <= 64; frames *= 2) {
        s = arb_model_forward(model, input, 4, MELS, frames, out, 4 * CLASSES, &classes, err, sizeof err);
        CHECK(s == ARB_OK && classes == CLASSES, "forward %lld frames: %d %s", (long long)frames, s, err);
        float sum = out[0] + out[1] + out[2];
        CHECK(fabsf(sum - 1) < 1e-4f, "softmax row sums to %f", sum);
    }
    s = arb_model_forward(model, input, 4, MELS, 16, out, 4 * CLASSES - 1, &classes, err, sizeof err);
    CHECK(s == ARB_ERR_SHAPE && classes == 0, "short output buffer accepted: %d", s);
    s = arb_model_forward(model, input, 1, MELS, 1, out, CLASSES, &classes, err, sizeof err);
    CHECK(s == ARB_ERR_FORWARD, "1 frame (pooled away) accepted: %d", s);
    s = arb_model_forward(model, input, -1, MELS, 16, out, CLASSES, &classes, err, sizeof err);
    CHECK(s == ARB_ERR_FORWARD, "negative batch accepted: %d", s);
    s = arb_model_forward(model, input, 0, MELS, 16, out, 0, &classes, err, sizeof err);
    CHECK(s != ARB_OK || classes == 0 || classes == CLASSES, "empty batch: %d", s);
    s = arb_model_forward(model, input, 1, 0, 16, out, CLASSES, &classes, err, sizeof err);
    CHECK(s != ARB_OK, "zero mels accepted");

    // Several threads sharing the model, each with its own intra-op setting.
    shared_model = model;
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) pthread_create(&threads[i], NULL, forward_thread, (void *)(intptr_t)(1 + i % 2));
    for (int i = 0; i < 4; i++) pthread_join(threads[i], NULL);
    arb_model_free(model);

    arb_alloc_query(&info);
    if (failures) {
        fprintf(stderr, "shim_driver: %d failures\n", failures);
        return 1;
    }
    printf("shim_driver: all checks passed\n");
    return 0;
}
