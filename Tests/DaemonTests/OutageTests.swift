import Alerting
@testable import Daemon
import Foundation
import Testing
import TestSupport

@Suite(.serialized) struct OutageTests {
    /// The receiver is down (connection refused), then answers 500s, then recovers: every alert arrives,
    /// once by id, in the order raised, and the log sink never waits for the webhook.
    @Test func everyAlertArrivesOnceAndInOrderAfterAnOutage() async throws {
        let scenario = try Scenario()
        scenario.setItems((1...8).map { .init(id: "\($0)", title: "Cyber operations against Russia \($0)", body: Scenario.matching) })
        try scenario.writeConfig(alertOnFirstPoll: true)
        // The webhook points at a port where nothing listens yet; short retry delays for the test. The
        // port is below the ephemeral range, so no other test's server is given it while it is down.
        let port = try Self.freePortBelowEphemeralRange()
        var yaml = try String(contentsOfFile: scenario.configPath, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: scenario.hooks.baseURL, with: "http://127.0.0.1:\(port)")
        yaml = yaml.replacingOccurrences(of: "  failure_alert_after:", with: "  delivery_retry_delays: [200ms, 300ms, 500ms]\n  failure_alert_after:")
            .replacingOccurrences(of: "200ms", with: "0.2").replacingOccurrences(of: "300ms", with: "0.3").replacingOccurrences(of: "500ms", with: "0.5")
        try yaml.write(toFile: scenario.configPath, atomically: true, encoding: .utf8)
        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)

        // Down: the poll raises everything; the log gets it all at once, the webhook nothing.
        _ = try await daemon.pollOnce(deliveryTimeout: 2)
        #expect(scenario.loggedLines().count == 8, "the log sink did not wait for the webhook")
        #expect(try daemon.store.pendingDeliveries().count == 8)

        // Back, but answering 500 three times, then 204.
        let receiver = try LoopbackHTTPServerOnPort(port: port, failFirst: 3)
        defer { receiver.server.stop() }
        _ = try await daemon.pollOnce(deliveryTimeout: 20)
        let delivered = receiver.acceptedIDs()
        let raised = try daemon.store.alerts(since: .distantPast).map(\.id)
        #expect(delivered == raised, "each alert once, in the order raised")
        #expect(try daemon.store.pendingDeliveries().isEmpty)
    }
}

extension OutageTests {
    static func freePortBelowEphemeralRange() throws -> Int {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let candidate = Int.random(in: 20_000..<32_000, using: &generator)
            guard let server = try? LoopbackHTTPServer(port: candidate, handler: { _ in .init(status: 204) }) else { continue }
            server.stop()
            return candidate
        }
        throw ServerError("no free port between 20000 and 32000")
    }
}

/// A receiver on a given port that refuses its first requests with 500 and records what it accepted.
struct LoopbackHTTPServerOnPort {
    let server: LoopbackHTTPServer
    private let accepted: Shared<[String]>

    init(port: Int, failFirst: Int) throws {
        let remaining = Shared(failFirst)
        let accepted = Shared<[String]>([])
        server = try LoopbackHTTPServer(port: port) { request in
            if remaining.withLock({ value -> Bool in defer { value -= 1 }; return value > 0 }) { return .init(status: 500) }
            accepted.withLock { $0.append(request.header("webhook-id") ?? "") }
            return .init(status: 204)
        }
        self.accepted = accepted
    }

    func acceptedIDs() -> [String] { accepted.withLock { $0 } }
}
