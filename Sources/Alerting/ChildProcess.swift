import Glibc

/// A program started with posix_spawn, its standard input a pipe this side writes, standard output
/// /dev/null and standard error the daemon's. Foundation's `Process` passes on a signal mask (that
/// of whichever thread spawns it, and Dispatch's threads block nearly every signal), so a program it
/// started could not be stopped with SIGTERM. Here the child gets an empty mask and every signal's
/// default action, and a process group of its own, so a timeout stops what it started too.
final class ChildProcess {
    let pid: pid_t
    /// The write end of the program's standard input.
    let input: Int32
    /// The wait status once the program has ended (and been reaped).
    private(set) var status: Int32?

    struct SpawnError: Error, CustomStringConvertible {
        let description: String
    }

    init(arguments: [String], environment: [String: String]) throws(SpawnError) {
        guard let program = arguments.first else { throw SpawnError(description: "no program to run") }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw SpawnError(description: "cannot make a pipe: \(String(cString: strerror(errno)))") }
        // Neither end may leak into another program started meanwhile; the child's copy on fd 0 stays open.
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
            close(pipeEnds[0])
        }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var child = pid_t()
        let result = posix_spawn(&child, program, &actions, &attributes, argv, envp)
        guard result == 0 else {
            close(pipeEnds[1])
            throw SpawnError(description: "cannot run \(program): \(String(cString: strerror(result)))")
        }
        pid = child
        input = pipeEnds[1]
    }

    /// True once the program has ended; reaps it and keeps its status.
    func hasEnded() -> Bool {
        if status != nil { return true }
        var raw: Int32 = 0
        let reaped = waitpid(pid, &raw, WNOHANG)
        if reaped == pid { status = raw }
        return status != nil || reaped < 0
    }

    /// Waits until the program ends or `seconds` pass; true when it ended.
    func wait(seconds: Double) -> Bool {
        var left = seconds
        while !hasEnded() {
            guard left > 0 else { return false }
            usleep(5_000)
            left -= 0.005
        }
        return true
    }

    /// The exit code, or nil when a signal ended it.
    var exitCode: Int32? { status.flatMap { $0 & 0x7f == 0 ? ($0 >> 8) & 0xff : nil } }
    /// The signal that ended it, if one did.
    var signal: Int32? { status.flatMap { $0 & 0x7f != 0 ? $0 & 0x7f : nil } }
}
