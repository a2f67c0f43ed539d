import Foundation
import Metrics
import Prometheus
import Storage

/// The daemon's figures, recorded through swift-metrics into a Prometheus registry of its own (not
/// the process-wide bootstrap, so that several daemons in one test process keep theirs apart).
/// Counters and histograms are recorded as work happens; the gauges that describe the state
/// (feeds by state, the outbox) are read from the store when `/metrics` is scraped.
public final class DaemonMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory

    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
        ]
        self.factory = factory
    }

    func poll(_ outcome: PollOutcome, elapsed: TimeInterval) {
        let result = outcome.error.map { "failed_\($0.kind)" } ?? (outcome.notModified ? "not_modified" : "ok")
        Counter(label: "feedwatch_polls_total", dimensions: [("result", result)], factory: factory).increment()
        Metrics.Timer(label: "feedwatch_poll_duration_seconds", dimensions: [], factory: factory).recordSeconds(elapsed)
        if outcome.newEntries > 0 {
            Counter(label: "feedwatch_entries_seen_total", factory: factory).increment(by: outcome.newEntries)
        }
        if outcome.parseSeconds > 0 {
            Metrics.Timer(label: "feedwatch_parse_duration_seconds", dimensions: [], factory: factory).recordSeconds(outcome.parseSeconds)
            Metrics.Timer(label: "feedwatch_match_duration_seconds", dimensions: [], factory: factory).recordSeconds(outcome.matchSeconds)
        }
    }

    func alert(watchlist: String) {
        Counter(label: "feedwatch_alerts_total", dimensions: [("watchlist", watchlist)], factory: factory).increment()
    }

    func delivery(sink: String, result: String) {
        Counter(label: "feedwatch_deliveries_total", dimensions: [("sink", sink), ("result", result)], factory: factory).increment()
    }

    /// The state gauges, from the store as it is now.
    func recordState(feeds: [FeedRecord], outbox: OutboxSummary, sinks: [String], now: Date = Date()) {
        var byState = ["ok": 0, "failing": 0, "paused": 0, "new": 0]
        for feed in feeds { byState[FeedState(feed).rawValue, default: 0] += 1 }
        for (state, count) in byState {
            Gauge(label: "feedwatch_feeds", dimensions: [("state", state)], factory: factory).record(count)
        }
        for sink in sinks {
            let queue = outbox.sinks[sink]
            Gauge(label: "feedwatch_outbox_pending", dimensions: [("sink", sink)], factory: factory).record(queue?.pending ?? 0)
            let age = queue?.oldestPending.map { max(0, now.timeIntervalSince($0)) } ?? 0
            Gauge(label: "feedwatch_outbox_oldest_pending_seconds", dimensions: [("sink", sink)], factory: factory).record(age)
        }
        Gauge(label: "feedwatch_deliveries_failed", factory: factory).record(outbox.failed)
    }

    /// The Prometheus text exposition.
    func exposition() -> [UInt8] { registry.emitToBuffer() }
}

/// A feed's state at a glance, as `status`, `feeds` and the metrics show it.
public enum FeedState: String, Sendable {
    case ok, failing, paused, new

    public init(_ record: FeedRecord) {
        if record.pausedReason != nil {
            self = .paused
        } else if record.consecutiveFailures > 0 {
            self = .failing
        } else if record.lastSuccess == nil {
            self = .new
        } else {
            self = .ok
        }
    }
}
