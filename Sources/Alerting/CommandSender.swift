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
        let inherited = ProcessInfo.processInfo.environment.filter { Self.passedEnvironment.contains($0.key) }
        let child: ChildProcess
        do {
            child = try ChildProcess(arguments: arguments, environment: inherited.merging(["FEEDWATCH_ALERT_ID": id]) { $1 })
        } catch {
            return .retry(reason: error.description, after: nil)
        }
        let deadline = Date().addingTimeInterval(timeout)
        Self.write(Array((payload + "\n").utf8), to: child.input, until: deadline) { child.hasEnded() }
        guard child.wait(seconds: max(0, deadline.timeIntervalSinceNow)) else {
            stop(child)
            return .retry(reason: "\(program) did not finish within \(Int(timeout)) s and was stopped", after: nil)
        }
        guard child.exitCode == 0 else {
            let how = child.exitCode.map { "exited with status \($0)" } ?? "was killed by signal \(child.signal ?? 0)"
            return .retry(reason: "\(program) \(how)", after: nil)
        }
        return .delivered(status: 0)
    }

    /// SIGTERM, then SIGKILL two seconds later, to the program and to what it started (it leads a
    /// process group of its own).
    private func stop(_ child: ChildProcess) {
        kill(-child.pid, SIGTERM)
        if !child.wait(seconds: 2) {
            kill(-child.pid, SIGKILL)
            _ = child.wait(seconds: 2)
        }
    }

    /// Writes the input without ever blocking past `deadline`: a program that does not read it, or
    /// has ended, must not hold the sink. The pipe is closed after, so the program sees its end.
    private static func write(_ bytes: [UInt8], to descriptor: Int32, until deadline: Date, ended: () -> Bool) {
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
