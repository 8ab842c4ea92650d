// Process controls Swift cannot call directly (prctl is variadic; code between fork and exec must
// not touch the Swift runtime).
#ifndef ARBENCH_CPROCESS_H
#define ARBENCH_CPROCESS_H

#include <stddef.h>
#include <sys/types.h>

/// Asks the kernel to send SIGKILL to this process when its parent exits. Returns 0 on success.
int arb_die_with_parent(void);

/// What arb_spawn_limited's child was doing when it failed (reported with its errno).
enum {
    ARB_SPAWN_STAGE_FORK = 1,
    ARB_SPAWN_STAGE_OUTPUT = 2,
    ARB_SPAWN_STAGE_CGROUP = 3,
    ARB_SPAWN_STAGE_AFFINITY = 4,
    ARB_SPAWN_STAGE_EXEC = 5,
};

/// posix_spawn with two steps posix_spawn cannot take, done in the child between fork and exec so the
/// program runs under its limits from its first instruction: join a cgroup (writes the child's pid to
/// `cgroup_procs` when not NULL) and set the CPU affinity (`cpu_mask`, `mask_bytes` bytes of a
/// cpu_set_t, when not NULL). Otherwise as ProcessSpawner's posix_spawn: own process group, default
/// signal dispositions, empty mask, stdin /dev/null, stdout and stderr to `output_path`.
/// Returns 0 and the pid, or an errno and the stage that failed (the child is reaped).
int arb_spawn_limited(const char *path, char *const argv[], char *const envp[], const char *output_path,
                      const char *cgroup_procs, const unsigned char *cpu_mask, size_t mask_bytes,
                      pid_t *pid_out, int *stage_out);

#endif
