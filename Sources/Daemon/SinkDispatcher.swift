import Alerting
import Configuration
import Dispatch
import Foundation
import Logging
import Storage
import Synchronization

/// Delivers one sink's alerts, on a thread of its own, strictly in the order they were raised: the
/// queue's head is retried (with growing delays) until it is delivered or fails for good, and only
/// then does the next alert go. A slow or broken sink holds up no other sink and no polling.
final class SinkDispatcher: Sendable {
    let sink: SinkConfig
    private let store: Store
    private let logger: Logger
    private let userAgent: String
    private let maximumAge: TimeInterval
    private let retryDelays: [TimeInterval]
    private let logSink: LogSink?
    private let wake = NSCondition()
    private let state = Mutex((stopped: false, pokes: 0))
    /// Signalled when the thread's loop has returned: no delivery of this dispatcher is in flight.
    private let finished = DispatchSemaphore(value: 0)

    private let environment: Secrets.Environment

    init(sink: SinkConfig, store: Store, paths: StatePaths, logger: Logger, userAgent: String, environment: Secrets.Environment,
         maximumAge: TimeInterval, retryDelays: [TimeInterval]) {
        self.environment = environment
        self.retryDelays = retryDelays.isEmpty ? [60] : retryDelays
        self.sink = sink
        self.store = store
        self.userAgent = userAgent
        self.maximumAge = maximumAge
        var log = logger
        log[metadataKey: "sink"] = "\(sink.name)"
        if case .webhook(let webhook) = sink.kind { log[metadataKey: "target"] = "\(webhook.target.redacted)" }
        self.logger = log
        if case .log(let path) = sink.kind {
            logSink = LogSink(path: paths.logPath(path))
        } else {
            logSink = nil
        }
    }

    func start() {
        let thread = Thread { [self] in loop() }
        thread.name = "feedwatch-sink-\(sink.name)"
        thread.start()
    }

    /// New alerts are waiting: look now rather than at the next timeout.
    func poke() {
        state.withLock { $0.pokes += 1 }
        wake.lock()
        wake.broadcast()
        wake.unlock()
    }

    func stop() {
        state.withLock { $0.stopped = true }
        poke()
    }

    /// Stops, then waits (up to `timeout`) for an attempt in flight to end, so that a replacement never
    /// sends the same delivery while this one still is. False when the wait timed out.
    @discardableResult
    func stopAndWait(timeout: TimeInterval) -> Bool {
        stop()
        guard finished.wait(timeout: .now() + timeout) == .success else { return false }
        finished.signal()  // whoever waits next sees it finished too
        return true
    }

    /// The longest one attempt can take: the webhook's own timeout, with room for the store.
    var attemptTimeout: TimeInterval {
        if case .webhook(let webhook) = sink.kind { return webhook.timeout + 5 }
        return 5
    }

    func reopen() { logSink?.reopen() }

    private var stopped: Bool { state.withLock { $0.stopped } }

    private func sleep(upTo seconds: TimeInterval) {
        let pokesBefore = state.withLock { $0.pokes }
        wake.lock()
        if state.withLock({ $0.pokes }) == pokesBefore, !stopped {
            _ = wake.wait(until: Date().addingTimeInterval(max(0.01, seconds)))
        }
        wake.unlock()
    }

    private func loop() {
        defer { finished.signal() }
        while !stopped {
            let delivery: Delivery?
            do {
                delivery = try store.nextDelivery(sink: sink.name)
            } catch {
                logger.error("cannot read the outbox", metadata: ["error": "\(error)"])
                sleep(upTo: 5)
                continue
            }
            guard let delivery else {
                sleep(upTo: 5)
                continue
            }
            let now = Date()
            if delivery.nextAttempt > now {
                sleep(upTo: min(delivery.nextAttempt.timeIntervalSince(now), 5))
                continue
            }
            attempt(delivery, now: now)
        }
    }

    private func attempt(_ delivery: Delivery, now: Date) {
        var log = logger
        log[metadataKey: "alert"] = "\(delivery.alertID)"
        let outcome = send(delivery)
        do {
            switch outcome {
            case .delivered:
                try store.markDelivered(delivery)
                log.debug("alert delivered")
            case .retry(let reason, let after):
                let delay = max(retryDelays[min(delivery.attempts, retryDelays.count - 1)], after ?? 0)
                if now.addingTimeInterval(delay).timeIntervalSince(delivery.created) > maximumAge {
                    try store.markAttemptFailed(delivery, error: "gave up after \(delivery.attempts + 1) attempts: \(reason)", retryAt: nil)
                    log.error("alert delivery failed for good", metadata: ["error": "\(reason)", "attempts": "\(delivery.attempts + 1)"])
                } else {
                    try store.markAttemptFailed(delivery, error: reason, retryAt: now.addingTimeInterval(delay))
                    log.warning("alert delivery failed; will retry", metadata: ["error": "\(reason)", "retry_in": "\(Int(delay))s"])
                }
            case .rejected(let reason):
                try store.markAttemptFailed(delivery, error: reason, retryAt: nil)
                log.error("alert rejected by the sink", metadata: ["error": "\(reason)"])
            }
        } catch {
            log.error("cannot record the delivery", metadata: ["error": "\(error)"])
            sleep(upTo: 2)
        }
    }

    private func send(_ delivery: Delivery) -> WebhookOutcome {
        switch sink.kind {
        case .log:
            do {
                try logSink?.append(delivery.payload, unlessLastLineContains: "\"id\":\"\(delivery.alertID)\"")
                return .delivered(status: 0)
            } catch {
                return .retry(reason: "\(error)", after: nil)
            }
        case .webhook(let webhook):
            let url: String, secrets: [String]
            do {
                url = try Secrets.url(webhook.target, configFile: sink.file, environment: environment)
                secrets = try Secrets.read(webhook.secrets, configFile: sink.file, environment: environment)
            } catch {
                return .retry(reason: error.description, after: nil)
            }
            let document = AlertDocument.decode(delivery.payload)
            let body = document.map { WebhookBody.render($0, payload: delivery.payload, format: webhook.format.rawValue) } ?? delivery.payload
            let sender = WebhookSender(url: url, timeout: webhook.timeout, userAgent: userAgent)
            return sender.send(body: body, id: delivery.alertID, timestamp: Int(Date().timeIntervalSince1970), secrets: secrets)
        }
    }
}
