@testable import Daemon
import Dispatch
import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Plays systemd's side of sd_notify: a datagram socket the daemon reports to.
final class NotifySocket: Sendable {
    let path: String
    private let descriptor: Int32

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("fw-notify-\(UUID().uuidString.prefix(8))").path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw CocoaError(.fileWriteUnknown) }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    /// `receive`, off the cooperative pool: it blocks in recv, and the daemon's tasks need those threads.
    func messages(until predicate: @escaping @Sendable (String) -> Bool, seconds: Double) async -> [String] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.receive(until: predicate, seconds: seconds)) }
        }
    }

    /// Messages received until `predicate` holds for one of them, or `seconds` pass.
    func receive(until predicate: (String) -> Bool, seconds: Double) -> [String] {
        var messages: [String] = []
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { continue }
            let message = String(decoding: buffer[0..<count], as: UTF8.self)
            messages.append(message)
            if predicate(message) { break }
        }
        return messages
    }
}

@Suite(.serialized) struct SystemdNotifyTests {
    @Test func readyWatchdogReloadingAndStoppingReachSystemd() async throws {
        let scenario = try Scenario()
        try scenario.writeConfig()
        let socket = try NotifySocket()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "1000000"])
        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger, notifier: notifier)
        let running = RunningDaemon(daemon)

        // Generous waits: on two cores the other suites' tests can hold every thread for seconds.
        let startup = await socket.messages(until: { $0.contains("WATCHDOG=1") }, seconds: 30)
        #expect(startup.first?.hasPrefix("READY=1") == true)
        #expect(startup.first?.contains("STATUS=watching 1 feeds with 1 watch-lists") == true)
        #expect(startup.contains("WATCHDOG=1"), "the watchdog is pinged while the loop runs")

        daemon.requestReload()
        let reload = await socket.messages(until: { $0.hasPrefix("READY=1") }, seconds: 30)
        #expect(reload.contains { $0.hasPrefix("RELOADING=1") && $0.contains("MONOTONIC_USEC=") })

        let started = ContinuousClock.now
        try await running.stop()
        // It returns rather than hangs; how fast is measured under real systemd (make systemd-test), not here,
        // where the other suites can hold every thread for seconds.
        #expect(ContinuousClock.now - started < .seconds(30), "run() returns after stop()")
        let stopping = await socket.messages(until: { $0 == "STOPPING=1" }, seconds: 5)
        #expect(stopping.contains("STOPPING=1"))
    }
}
