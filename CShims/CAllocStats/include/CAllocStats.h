// Which allocator serves this process, and what it holds. jemalloc is found at run time through
// dlsym("mallctl") so the same binary works under LD_PRELOAD or without it.
#ifndef ARBENCH_CALLOCSTATS_H
#define ARBENCH_CALLOCSTATS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    char name[32];         // "jemalloc", "tcmalloc", "mimalloc", "glibc"
    char version[64];      // allocator's own version string when it exposes one, else ""
    int has_stats;         // 1 when the byte counts below are filled
    uint64_t allocated;    // bytes handed to the application
    uint64_t active;       // jemalloc: bytes in active pages; glibc: arena + mmapped bytes in use
    uint64_t resident;     // jemalloc: resident bytes in allocator metadata and pages; glibc: 0
    uint64_t mapped;       // jemalloc: mapped; glibc: total arena (non-mmapped) + mmapped bytes
} arb_alloc_info;

/// Fills `info` for the allocator serving malloc in this process.
void arb_alloc_query(arb_alloc_info *info);

#endif
