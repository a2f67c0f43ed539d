import Configuration
@testable import Daemon
import Foundation
import Storage
import Synchronization
import Testing
import TestSupport

/// The sink workers on the in-memory store, against a real receiver on loopback.
@Suite struct SinkWorkerTests {
    private func alert(_ number: Int) -> NewAlert {
        NewAlert(id: "fw_\(number)", key: "k\(number)", watchlist: "w", feedURL: nil, payload: "{\"id\":\"fw_\(number)\"}", sinks: ["hook"])
    }

    private func sink(_ url: String, timeout: Double) -> SinkConfig {
        SinkConfig(name: "hook", kind: .webhook(WebhookSink(target: .url(url), format: .generic, secrets: [], timeout: timeout)))
    }

    /// A reload that changes a sink while it is delivering: the old worker ends its attempt before the
    /// new one starts, so no two requests of one sink overlap, each alert arrives once, in order.
    @Test func aReplacedSinkFinishesItsAttemptBeforeTheNewOneStarts() async throws {
        let concurrent = Mutex((now: 0, most: 0))
        let receiver = try LoopbackHTTPServer { _ in
            concurrent.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
            Thread.sleep(forTimeInterval: 0.3)  // a slow receiver: the reload lands mid-request
            concurrent.withLock { $0.now -= 1 }
            return .init(status: 204, body: [])
        }
        defer { receiver.stop() }
        let store = MemoryStore()
        try store.commit(entries: [], alerts: (1...4).map(alert))
        let paths = StatePaths(directory: FileManager.default.temporaryDirectory.path)
        let supervisor = SinkSupervisor { sink, settings in
            SinkWorker(sink: sink, store: store, paths: paths, logger: Scenario.logger, userAgent: "test", environment: [:],
                       settings: settings, metrics: DaemonMetrics())
        }
        await supervisor.update(to: [sink(receiver.baseURL + "/hook", timeout: 5)], settings: Settings())
        #expect(await eventually(seconds: 30) { receiver.requests.count >= 1 })  // generous: other suites can hold every thread
        await supervisor.update(to: [sink(receiver.baseURL + "/hook", timeout: 6)], settings: Settings())  // changed: replaced
        #expect(try await eventually(seconds: 60) { try store.pendingDeliveries().isEmpty })
        await supervisor.stopAll()
        let delivered = receiver.requests.compactMap { $0.header("webhook-id") }
        #expect(delivered == ["fw_1", "fw_2", "fw_3", "fw_4"])
        #expect(concurrent.withLock { $0.most } == 1)
    }

    /// A webhook that is down: the head is retried with its delay and nothing behind it overtakes it.
    @Test func theHeadIsRetriedAndNothingOvertakesIt() async throws {
        let refusals = Mutex(2)
        let receiver = try LoopbackHTTPServer { _ in
            let refuse = refusals.withLock { remaining -> Bool in
                defer { remaining -= 1 }
                return remaining > 0
            }
            return refuse ? .init(status: 503, headers: [("Retry-After", "0")], body: []) : .init(status: 204, body: [])
        }
        defer { receiver.stop() }
        let store = MemoryStore()
        try store.commit(entries: [], alerts: (1...3).map(alert))
        var settings = Settings()
        settings.deliveryRetryDelays = [0.2]
        let paths = StatePaths(directory: FileManager.default.temporaryDirectory.path)
        let worker = SinkWorker(sink: sink(receiver.baseURL + "/hook", timeout: 5), store: store, paths: paths, logger: Scenario.logger,
                                userAgent: "test", environment: [:], settings: settings, metrics: DaemonMetrics())
        let task = Task { await worker.run() }
        // Generous: the synchronous suites can hold the cooperative threads for many seconds at the start.
        #expect(try await eventually(seconds: 60) { try store.pendingDeliveries().isEmpty })
        worker.stop()
        await task.value
        #expect(receiver.requests.compactMap { $0.header("webhook-id") } == ["fw_1", "fw_1", "fw_1", "fw_2", "fw_3"])
    }
}
