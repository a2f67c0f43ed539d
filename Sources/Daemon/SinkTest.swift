import Alerting
import Configuration
import FeedModel
import Foundation
import Logging
import Storage

extension Daemon {
    /// Sends one test alert to `sink` the way its worker sends a real one (the same format, request,
    /// secrets and transport), without touching the state, and says what became of it.
    public static func sendTestAlert(to sink: SinkConfig, config: FeedwatchConfig, paths: StatePaths) -> WebhookOutcome {
        let id = "fw_test_\(Int(Date().timeIntervalSince1970))"
        let document = AlertDocument(id: id, kind: "match", time: Timestamp.utcString(Date()), watchlist: "test", topics: ["test"],
                                     score: 0, hits: [], entities: [], feed: .init(name: "feedwatch", url: "https://example.invalid/feed"),
                                     entry: .init(id: id, title: "feedwatch test alert", link: nil, published: nil, updated: nil))
        let worker = SinkWorker(sink: sink, store: MemoryStore(), paths: paths, logger: Logger(label: "feedwatch.test-sink"),
                                userAgent: userAgent, environment: ProcessInfo.processInfo.environment, settings: config.settings,
                                metrics: DaemonMetrics())
        let delivery = Delivery(sequence: 0, alertID: id, sink: sink.name, state: .pending, attempts: 0, nextAttempt: Date(), lastError: nil,
                                payload: document.json(), created: Date())
        return worker.send(delivery)
    }
}
