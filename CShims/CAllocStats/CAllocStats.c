#define _GNU_SOURCE
#include "CAllocStats.h"

#include <dlfcn.h>
#include <gnu/libc-version.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>

typedef int (*mallctl_fn)(const char *, void *, size_t *, void *, size_t);

static uint64_t jemalloc_stat(mallctl_fn mallctl, const char *name) {
    size_t value = 0;
    size_t len = sizeof(value);
    if (mallctl(name, &value, &len, NULL, 0) != 0) return 0;
    return (uint64_t)value;
}

void arb_alloc_query(arb_alloc_info *info) {
    memset(info, 0, sizeof(*info));
    mallctl_fn mallctl = (mallctl_fn)dlsym(RTLD_DEFAULT, "mallctl");
    if (mallctl != NULL) {
        snprintf(info->name, sizeof(info->name), "jemalloc");
        const char *version = NULL;
        size_t len = sizeof(version);
        if (mallctl("version", &version, &len, NULL, 0) == 0 && version != NULL) {
            snprintf(info->version, sizeof(info->version), "%s", version);
        }
        // Statistics are cached; writing the epoch refreshes them.
        uint64_t epoch = 1;
        len = sizeof(epoch);
        mallctl("epoch", &epoch, &len, &epoch, len);
        info->allocated = jemalloc_stat(mallctl, "stats.allocated");
        info->active = jemalloc_stat(mallctl, "stats.active");
        info->resident = jemalloc_stat(mallctl, "stats.resident");
        info->mapped = jemalloc_stat(mallctl, "stats.mapped");
        info->has_stats = 1;
        return;
    }
    if (dlsym(RTLD_DEFAULT, "tc_malloc") != NULL || dlsym(RTLD_DEFAULT, "MallocExtension_GetNumericProperty") != NULL) {
        snprintf(info->name, sizeof(info->name), "tcmalloc");
        typedef const char *(*tc_version_fn)(int *, int *, const char **);
        tc_version_fn tc_version = (tc_version_fn)dlsym(RTLD_DEFAULT, "tc_version");
        if (tc_version != NULL) {
            int major = 0, minor = 0;
            const char *patch = NULL;
            snprintf(info->version, sizeof(info->version), "%s", tc_version(&major, &minor, &patch));
        }
        typedef int (*tc_prop_fn)(const char *, size_t *);
        tc_prop_fn prop = (tc_prop_fn)dlsym(RTLD_DEFAULT, "MallocExtension_GetNumericProperty");
        if (prop != NULL) {
            size_t v = 0;
            if (prop("generic.current_allocated_bytes", &v)) { info->allocated = v; info->has_stats = 1; }
            if (prop("generic.heap_size", &v)) info->mapped = v;
        }
        return;
    }
    if (dlsym(RTLD_DEFAULT, "mi_version") != NULL) {
        snprintf(info->name, sizeof(info->name), "mimalloc");
        typedef int (*mi_version_fn)(void);
        mi_version_fn mi_version = (mi_version_fn)dlsym(RTLD_DEFAULT, "mi_version");
        int v = mi_version();
        snprintf(info->version, sizeof(info->version), "%d.%d.%d", v / 100, (v / 10) % 10, v % 10);
        return;
    }
    snprintf(info->name, sizeof(info->name), "glibc");
    snprintf(info->version, sizeof(info->version), "%s", gnu_get_libc_version());
    struct mallinfo2 mi = mallinfo2();
    info->allocated = mi.uordblks + mi.hblkhd;
    info->active = mi.uordblks + mi.hblkhd;
    info->mapped = mi.arena + mi.hblkhd;
    info->has_stats = 1;
}
