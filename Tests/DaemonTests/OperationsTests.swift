import CurlKit
@testable import Daemon
import Foundation
import Storage
import Testing
import TestSupport

/// `/metrics` and `/healthz` of a running daemon, read with libcurl over loopback.
@Suite(.serialized) struct OperationsTests {
    private func get(_ port: Int, _ path: String) async throws -> (status: Int, text: String) {
        let response = try await offPool { try HTTPGet.fetch("http://127.0.0.1:\(port)\(path)", timeoutSeconds: 10, userAgent: "test") }
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    /// Waits for the daemon to run and its endpoint to listen, and returns the endpoint's port.
    private func listeningPort(_ running: RunningDaemon) async throws -> Int {
        #expect(await running.started())
        #expect(await eventually(seconds: 30) { running.daemon.operationsPort.withLock { $0 } != nil })
        return try #require(running.daemon.operationsPort.withLock { $0 })
    }

    @Test func metricsInPrometheusFormatAndAHealthyDaemon() async throws {
        let scenario = try Scenario()
        scenario.setItems([.init(id: "1", title: "Cyber operations", body: Scenario.matching)])
        try scenario.writeConfig(alertOnFirstPoll: true)
        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        _ = try await daemon.pollOnce(deliveryTimeout: 10)
        let running = RunningDaemon(daemon)
        let port = try await listeningPort(running)

        let metrics = try await get(port, "/metrics")
        #expect(metrics.status == 200)
        for line in ["feedwatch_polls_total{result=\"ok\"} 1", "feedwatch_entries_seen_total 1",
                     "feedwatch_alerts_total{watchlist=\"russia-cyber\"} 1", "feedwatch_feeds{state=\"ok\"} 1",
                     "feedwatch_deliveries_total{sink=\"hook\",result=\"delivered\"} 1", "feedwatch_outbox_pending{sink=\"hook\"} 0",
                     "# TYPE feedwatch_poll_duration_seconds histogram", "feedwatch_parse_duration_seconds_count 1"] {
            #expect(metrics.text.contains(line), "\(line) in:\n\(metrics.text)")
        }
        let health = try await get(port, "/healthz")
        #expect(health.status == 200 && health.text == "ok\n")
        try await running.stop()
    }

    /// An alert that has waited more than an hour for a webhook that is down: 503, naming the sink.
    @Test func stuckDeliveriesMakeTheDaemonUnhealthy() async throws {
        let scenario = try Scenario()
        try scenario.writeConfig()
        let yaml = try String(contentsOfFile: scenario.configPath, encoding: .utf8)
            .replacingOccurrences(of: scenario.hooks.baseURL, with: "http://127.0.0.1:9")  // nothing listens on port 9
        try yaml.write(toFile: scenario.configPath, atomically: true, encoding: .utf8)
        let store = MemoryStore()
        try store.commit(entries: [], alerts: [NewAlert(id: "fw_old", key: "old", watchlist: "russia-cyber", feedURL: nil,
                                                        payload: "{}", sinks: ["hook"])], at: Date().addingTimeInterval(-7200))
        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger, store: store)
        let running = RunningDaemon(daemon)
        let port = try await listeningPort(running)
        let health = try await get(port, "/healthz")
        #expect(health.status == 503)
        #expect(health.text.contains("sink 'hook': 1 deliveries pending, the oldest for 120 min"), "\(health.text)")
        try await running.stop()
    }
}
