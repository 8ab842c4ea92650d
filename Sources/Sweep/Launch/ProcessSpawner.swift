import CProcess
#if canImport(Glibc)
import Glibc
#endif

/// Starts a child with posix_spawn rather than Foundation's Process: the launcher must reap it
/// with wait4 to get its rusage, and must put it in its own process group so a timeout can kill
/// the whole tree (worker processes included) at once.
enum ProcessSpawner {
    struct SpawnError: Error, CustomStringConvertible {
        let description: String
    }

    /// stdin is /dev/null; stdout and stderr both go to `outputPath` (created or truncated). With a
    /// cgroup (its cgroup.procs) or an affinity mask, the child joins and sets them itself before exec
    /// (arb_spawn_limited: posix_spawn has no step for either), so nothing of it runs outside its limits.
    static func spawn(argv: [String], environment: [String: String], outputPath: String,
                      cgroupProcs: String? = nil, cpuMask: [UInt8]? = nil) throws(SpawnError) -> pid_t {
        guard let executable = argv.first else { throw SpawnError(description: "empty command") }
        if cgroupProcs != nil || cpuMask != nil {
            return try spawnLimited(argv: argv, environment: environment, outputPath: outputPath,
                                    cgroupProcs: cgroupProcs, cpuMask: cpuMask)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Own process group (pgid = child pid): kill(-pid) reaches every descendant.
        posix_spawnattr_setpgroup(&attributes, 0)
        // Default dispositions and an empty mask: the parent ignores SIGINT/SIGTERM (it handles
        // them itself), and ignored signals would otherwise survive exec into the child.
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let (cArguments, cEnvironment) = cStrings(argv: argv, environment: environment)
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid: pid_t = 0
        let status = retryingWhileTextBusy {
            let status = posix_spawn(&pid, executable, &actions, &attributes, cArguments, cEnvironment)
            return (status, status == ETXTBSY)
        }
        guard status == 0 else {
            throw SpawnError(description: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        return pid
    }

    private static func spawnLimited(argv: [String], environment: [String: String], outputPath: String,
                                     cgroupProcs: String?, cpuMask: [UInt8]?) throws(SpawnError) -> pid_t {
        let (cArguments, cEnvironment) = cStrings(argv: argv, environment: environment)
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid: pid_t = 0
        var stage: Int32 = 0
        let mask = cpuMask ?? []
        // The failed child is reaped by the shim before it reports, so a retry starts clean.
        let status = retryingWhileTextBusy {
            let status = mask.withUnsafeBufferPointer { maskBuffer in
                arb_spawn_limited(argv[0], cArguments, cEnvironment, outputPath, cgroupProcs,
                                  cpuMask == nil ? nil : maskBuffer.baseAddress, mask.count, &pid, &stage)
            }
            return (status, status == ETXTBSY && Int(stage) == Int(ARB_SPAWN_STAGE_EXEC))
        }
        guard status == 0 else {
            let step = switch Int(stage) {
            case Int(ARB_SPAWN_STAGE_CGROUP): "cannot join its cgroup (\(cgroupProcs ?? ""))"
            case Int(ARB_SPAWN_STAGE_AFFINITY): "cannot set its CPU affinity (sched_setaffinity)"
            case Int(ARB_SPAWN_STAGE_OUTPUT): "cannot open its output \(outputPath)"
            case Int(ARB_SPAWN_STAGE_EXEC): "cannot start \(argv[0])"
            default: "cannot fork"
            }
            throw SpawnError(description: "\(step): \(String(cString: strerror(status)))")
        }
        return pid
    }

    /// `start` again, every 25 ms for up to 0.5 s, while it reports ETXTBSY at exec: a script written a moment
    /// ago is still open for writing in a child some other thread forked meanwhile (it closes on that child's
    /// exec), and Linux refuses to exec it until then (seen in CI: "Text file busy" on an engine script).
    private static func retryingWhileTextBusy(_ start: () -> (status: Int32, textBusy: Bool)) -> Int32 {
        var attempt = start()
        for _ in 0..<20 where attempt.textBusy {
            usleep(25_000)
            attempt = start()
        }
        return attempt.status
    }

    /// Blocks until `pid` ends; retries when a signal interrupts the wait.
    static func wait(pid: pid_t) -> (status: Int32, usage: rusage)? {
        var status: Int32 = 0
        var usage = rusage()
        while true {
            let result = wait4(pid, &status, 0, &usage)
            if result == pid { return (status, usage) }
            if result == -1 && errno == EINTR { continue }
            return nil
        }
    }

    /// argv and `KEY=VALUE` environment as NULL-terminated C string arrays (environment sorted, so a cell's
    /// is the same every time); the caller frees them.
    private static func cStrings(argv: [String], environment: [String: String]) -> ([UnsafeMutablePointer<CChar>?], [UnsafeMutablePointer<CChar>?]) {
        (argv.map { strdup($0) } + [nil], environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil])
    }
}
