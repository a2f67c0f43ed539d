import Foundation

/// Runs a command sink's program once for one alert, without a shell: the alert's JSON on its
/// standard input and its id in `FEEDWATCH_ALERT_ID` (a program run again after a crash can tell).
/// Exit status 0 is delivered; any other, or outlasting the timeout, is tried again later.
public struct CommandSender: Sendable {
    public var arguments: [String]
    public var timeout: TimeInterval

    public init(arguments: [String], timeout: TimeInterval) {
        self.arguments = arguments
        self.timeout = timeout
    }

    public func send(payload: String, id: String) -> WebhookOutcome {
        guard let program = arguments.first else { return .rejected(reason: "no program to run") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(arguments.dropFirst())
        process.environment = ProcessInfo.processInfo.environment.merging(["FEEDWATCH_ALERT_ID": id]) { $1 }
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        do {
            try process.run()
        } catch {
            return .retry(reason: "cannot run \(program): \(error.localizedDescription)", after: nil)
        }
        // Written from another thread: a program that never reads its input must not hold this one
        // past the timeout. (The daemon ignores SIGPIPE, so a program that exits unread costs nothing.)
        let writer = input.fileHandleForWriting
        let body = Data((payload + "\n").utf8)
        DispatchQueue.global().async {
            do {
                try writer.write(contentsOf: body)
            } catch {
                // The program ended without reading all of it: its exit status says what happened.
            }
            try? writer.close()  // closing a pipe whose reader is gone may fail; nothing is lost by it
        }
        let stderrTail = Shared()
        DispatchQueue.global().async { stderrTail.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        if ended.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if ended.wait(timeout: .now() + 2) == .timedOut { kill(process.processIdentifier, SIGKILL) }
            return .retry(reason: "\(program) did not finish within \(Int(timeout)) s and was stopped", after: nil)
        }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exited with status \(process.terminationStatus)" : "was killed by signal \(process.terminationStatus)"
            let said = stderrTail.text(waiting: 1)
            return .retry(reason: "\(program) \(how)" + (said.isEmpty ? "" : ": \(said)"), after: nil)
        }
        return .delivered(status: 0)
    }

    /// The last line the program wrote to standard error, once it has been read.
    private final class Shared: @unchecked Sendable {
        private let lock = NSCondition()
        private var data: Data?

        func set(_ value: Data) {
            lock.lock()
            data = value
            lock.broadcast()
            lock.unlock()
        }

        func text(waiting seconds: TimeInterval) -> String {
            lock.lock()
            defer { lock.unlock() }
            if data == nil { _ = lock.wait(until: Date().addingTimeInterval(seconds)) }
            let lines = String(decoding: data ?? Data(), as: UTF8.self).split(whereSeparator: \.isNewline)
            return String((lines.last ?? "").prefix(300))
        }
    }
}
