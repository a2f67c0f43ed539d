import Configuration
import Foundation
import ServiceLifecycle
import Storage

/// Liveness, for systemd's watchdog and for `/healthz`, and the state behind `/metrics`.
extension Daemon {
    /// The oldest pending delivery a healthy sink may have: past this, its deliveries are stuck.
    static let stuckDeliveryAge: TimeInterval = 3600
    /// A head delivery due this long ago and not attempted means the sink's worker is stuck.
    static let unattemptedGrace: TimeInterval = 600

    /// Pings the watchdog while the fetch loop comes round. A hung loop stops the pings, and systemd
    /// restarts the service.
    func runWatchdog() async {
        guard let interval = notifier.watchdogInterval else {
            try? await gracefulShutdown()  // nothing to do but wait; throws only when cancelled
            return
        }
        while !Task.isShuttingDownGracefully {
            let loop = activeLoop.withLock { $0 }
            if let loop, Date().timeIntervalSince(loop.heartbeat) < loop.idleWake + interval {
                notifier.watchdog()
            }
            do { try await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(Int(interval * 500))) } } catch { return }
        }
    }

    /// Healthy while the fetch loop comes round and every sink's queue moves.
    public func health(now: Date = Date()) -> HealthReport {
        var problems: [String] = []
        if let loop = activeLoop.withLock({ $0 }) {
            let quiet = now.timeIntervalSince(loop.heartbeat)
            if quiet > 3 * loop.idleWake { problems.append("the fetch loop has not come round for \(Int(quiet)) s") }
        } else {
            problems.append("polling is not running")
        }
        problems += Self.deliveryProblems(store: store, sinks: current.routes.sinks, now: now)
        return HealthReport(problems: problems)
    }

    /// Sinks whose deliveries are stuck: the oldest waits for more than an hour past what the sink's
    /// policy holds alerts for, or (sending one by one) the head has been due for ten minutes without an attempt.
    public static func deliveryProblems(store: any StateStore, sinks configured: [SinkConfig], now: Date = Date()) -> [String] {
        var problems: [String] = []
        do {
            let summary = try store.outboxSummary()
            for config in configured {
                let sink = config.name
                if let oldest = summary.sinks[sink]?.oldestPending, now.timeIntervalSince(oldest) > stuckDeliveryAge + config.policy.longestHold {
                    problems.append("sink '\(sink)': \(summary.sinks[sink]?.pending ?? 0) deliveries pending, the oldest for "
                        + "\(Int(now.timeIntervalSince(oldest) / 60)) min")
                } else if config.policy.isImmediate, let head = try store.nextDelivery(sink: sink),
                          now.timeIntervalSince(head.nextAttempt) > unattemptedGrace {
                    problems.append("sink '\(sink)': the next delivery has been due for \(Int(now.timeIntervalSince(head.nextAttempt) / 60)) min")
                }
            }
        } catch {
            problems.append("the state store cannot be read: \(error)")
        }
        return problems
    }

    /// The metrics text, with the state gauges read from the store now.
    func scrape() -> [UInt8] {
        do {
            let running = current
            metrics.recordState(feeds: try store.feeds().filter { running.feedsByURL[$0.url] != nil }, outbox: try store.outboxSummary(),
                                sinks: running.routes.sinks.map(\.name))
        } catch {
            logger.error("cannot read the state for /metrics", metadata: ["error": "\(error)"])
        }
        return metrics.exposition()
    }
}
