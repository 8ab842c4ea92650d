#define _GNU_SOURCE
#include "CProcess.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

int arb_die_with_parent(void) { return prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0); }

// Between fork and exec only async-signal-safe calls: the parent is multithreaded.
static void fail(int fd, int stage) {
    int report[2] = {stage, errno};
    ssize_t ignored = write(fd, report, sizeof report);
    (void)ignored;
    _exit(127);
}

int arb_spawn_limited(const char *path, char *const argv[], char *const envp[], const char *output_path,
                      const char *cgroup_procs, const unsigned char *cpu_mask, size_t mask_bytes,
                      pid_t *pid_out, int *stage_out) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) { *stage_out = ARB_SPAWN_STAGE_FORK; return errno; }
    pid_t pid = fork();
    if (pid < 0) {
        int error = errno;
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        *stage_out = ARB_SPAWN_STAGE_FORK;
        return error;
    }
    if (pid == 0) {
        close(pipe_fds[0]);
        int report_fd = pipe_fds[1];
        setpgid(0, 0);
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        for (int sig = 1; sig < NSIG; sig++) sigaction(sig, &dfl, NULL);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        int in = open("/dev/null", O_RDONLY);
        int out = open(output_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0) fail(report_fd, ARB_SPAWN_STAGE_OUTPUT);
        if (in > 2) close(in);
        if (out > 2) close(out);
        if (cgroup_procs) {
            int fd = open(cgroup_procs, O_WRONLY);
            // "0" is the writing process itself, in v1 and v2.
            if (fd < 0 || write(fd, "0", 1) != 1) fail(report_fd, ARB_SPAWN_STAGE_CGROUP);
            close(fd);
        }
        if (cpu_mask && sched_setaffinity(0, mask_bytes, (const cpu_set_t *)cpu_mask) != 0) fail(report_fd, ARB_SPAWN_STAGE_AFFINITY);
        execve(path, argv, envp);
        fail(report_fd, ARB_SPAWN_STAGE_EXEC);
    }
    close(pipe_fds[1]);
    int report[2];
    ssize_t got;
    do { got = read(pipe_fds[0], report, sizeof report); } while (got < 0 && errno == EINTR);
    close(pipe_fds[0]);
    if (got == (ssize_t)sizeof report) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        *stage_out = report[0];
        return report[1];
    }
    *pid_out = pid;  // exec succeeded: the close-on-exec pipe reached EOF
    return 0;
}
