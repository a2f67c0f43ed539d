import Foundation

/// Runs a command sink's program once for one alert, without a shell: the alert's JSON on its
/// standard input and its id in `FEEDWATCH_ALERT_ID` (a program run again after a crash can tell).
/// Exit status 0 is delivered; any other, or outlasting the timeout, is tried again later.
///
/// The program gets a small environment of its own, not the daemon's (which may hold a database
/// password or webhook secrets), and its standard error goes to the daemon's, so the journal shows it.
public struct CommandSender: Sendable {
    public var arguments: [String]
    public var timeout: TimeInterval

    public init(arguments: [String], timeout: TimeInterval) {
        self.arguments = arguments
        self.timeout = timeout
    }

    static let passedEnvironment = ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "USER", "LOGNAME"]

    public func send(payload: String, id: String) -> WebhookOutcome {
        guard let program = arguments.first else { return .rejected(reason: "no program to run") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(arguments.dropFirst())
        let inherited = ProcessInfo.processInfo.environment.filter { Self.passedEnvironment.contains($0.key) }
        process.environment = inherited.merging(["FEEDWATCH_ALERT_ID": id]) { $1 }
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.standardError
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        do {
            try Self.withNoSignalsBlocked { try process.run() }
        } catch {
            return .retry(reason: "cannot run \(program): \(error.localizedDescription)", after: nil)
        }
        let deadline = Date().addingTimeInterval(timeout)
        Self.write(Array((payload + "\n").utf8), to: input.fileHandleForWriting, until: deadline) { !process.isRunning }
        if ended.wait(timeout: .now() + max(0, deadline.timeIntervalSinceNow)) == .timedOut {
            stop(process, ended: ended)
            return .retry(reason: "\(program) did not finish within \(Int(timeout)) s and was stopped", after: nil)
        }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exited with status \(process.terminationStatus)"
                : "was killed by signal \(process.terminationStatus)"
            return .retry(reason: "\(program) \(how)", after: nil)
        }
        return .delivered(status: 0)
    }

    /// A child starts with the signal mask of the thread that spawns it, and Dispatch's threads block
    /// nearly every signal: without this, the program would start deaf to SIGTERM (and so would what it runs).
    static func withNoSignalsBlocked<T>(_ body: () throws -> T) rethrows -> T {
        var none = sigset_t(), previous = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }

    /// SIGTERM, then SIGKILL two seconds later, to the program and to what it started (Foundation
    /// starts it as the leader of a process group of its own).
    private func stop(_ process: Process, ended: DispatchSemaphore) {
        let pid = process.processIdentifier
        kill(-pid, SIGTERM)
        process.terminate()
        if ended.wait(timeout: .now() + 2) == .timedOut {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
        }
    }

    /// Writes the input without ever blocking past `deadline`: a program that does not read it, or
    /// has ended, must not hold the sink. The pipe is closed after, so the program sees its end.
    private static func write(_ bytes: [UInt8], to handle: FileHandle, until deadline: Date, ended: () -> Bool) {
        let descriptor = handle.fileDescriptor
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        var offset = 0
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while offset < bytes.count, Date() < deadline {
                let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EAGAIN || errno == EINTR, !ended() {
                    usleep(5_000)  // the pipe is full: the program reads, or the deadline ends the wait
                } else {
                    return  // EPIPE: the program ended without reading it all; its exit status says what happened
                }
            }
        }
        close(descriptor)
    }
}
