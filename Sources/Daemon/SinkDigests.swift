import Alerting
import Configuration
import Foundation
import Storage

/// A sink with `digest: WINDOW` sends one message per window: when a window ends (windows are
/// aligned to the clock, so `1h` ends on the hour), the alerts raised in it and not sent yet are
/// gathered in the store under one id and sent as one message; a failed send is retried, as the
/// same digest, with the same delays as single alerts. After a crash the gathered digest is sent
/// again whole, under its id, so no alert is lost or sent in two digests. Quiet hours use the same
/// digests: what was held goes out as one when the quiet span ends.
extension SinkWorker {
    func runDigests(window: TimeInterval) async {
        while !isStopped {
            guard await holdsLease() else {
                await doorbell.wait(timeout: .seconds(10))  // another instance delivers this sink
                continue
            }
            let now = Date()
            let windowStart = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / window).rounded(.down) * window)
            let gathered = await Offload.run { [store, sink] in
                Result { () throws(StoreError) in try store.gatherDigest(sink: sink.name, raisedBefore: windowStart) }
            }
            switch gathered {
            case .failure(let error):
                logger.error("cannot gather the digest; trying again in 5 s", metadata: ["error": "\(error)"])
                await doorbell.wait(timeout: .seconds(5))
            case .success(nil):
                await sleep(until: windowStart.addingTimeInterval(window))
            case .success(let digest?):
                if digest.nextAttempt > now {
                    await sleep(until: min(digest.nextAttempt, now.addingTimeInterval(300)))
                } else if !isStopped {
                    await Offload.run { self.attempt(digest, now: Date()) }
                }
            }
        }
    }

    /// Quiet hours: a digest gathered at the end of a quiet span and not sent yet goes first; while it
    /// is quiet nothing is sent, and when it ends, what was held is gathered into one digest. True when
    /// it did something, so the caller looks again before sending the next alert.
    /// Quiet hours and `max_per_hour`, before the next alert of a sink that sends them one by one.
    /// True when it did something, so the caller looks again before sending:
    /// - a digest gathered earlier and not sent yet goes first (after a crash, too);
    /// - while it is quiet, nothing is sent; when the span ends, what was held is gathered into one digest;
    /// - past `max_per_hour` alerts this clock hour, the rest of the hour's are gathered when it ends.
    func holdForPolicies() async -> Bool {
        let unsent = await Offload.run { [store, sink] in
            Result { () throws(StoreError) in try store.gatherDigest(sink: sink.name, raisedBefore: .distantPast) }
        }
        if case .success(let digest?) = unsent {
            if digest.nextAttempt > Date() {
                await sleep(until: min(digest.nextAttempt, Date().addingTimeInterval(300)))
            } else if !isStopped {
                await Offload.run { self.attempt(digest, now: Date()) }
            }
            return true
        }
        if let end = sink.quietHours?.end(ifQuietAt: Date()) {
            logger.debug("quiet hours: holding alerts", metadata: ["until": "\(end)"])
            await hold(until: end, why: "quiet hours")
            return true
        }
        if let limit = sink.maxPerHour {
            let hour = (Date().timeIntervalSince1970 / 3600).rounded(.down) * 3600
            let sent = await Offload.run { [store, sink] in
                Result { () throws(StoreError) in try store.singleDeliveries(sink: sink.name, since: Date(timeIntervalSince1970: hour)) }
            }
            if case .success(let count) = sent, count >= limit {
                logger.debug("max_per_hour reached: the hour's other alerts go out as a digest", metadata: ["sent": "\(count)"])
                await hold(until: Date(timeIntervalSince1970: hour + 3600), why: "max_per_hour")
                return true
            }
        }
        return false
    }

    /// Holds the sink's alerts until `end`, then gathers those raised before it into one digest.
    private func hold(until end: Date, why: String) async {
        await sleep(until: end)
        guard !isStopped else { return }
        let held = await Offload.run { [store, sink] in
            Result { () throws(StoreError) in try store.gatherDigest(sink: sink.name, raisedBefore: end) }
        }
        if case .failure(let error) = held {
            logger.error("cannot gather the alerts held (\(why)); trying again in 5 s", metadata: ["error": "\(error)"])
            await doorbell.wait(timeout: .seconds(5))
        }
    }

    /// Sleeps until `date` or a stop; the doorbell of new alerts does not end a window. It looks at
    /// the clock at least once a minute, so a changed system clock is noticed.
    func sleep(until date: Date) async {
        while !isStopped, case let wait = date.timeIntervalSinceNow, wait > 0 {
            await doorbell.wait(timeout: .milliseconds(Int(min(wait, 60) * 1000) + 1))
        }
    }

    func attempt(_ digest: DeliveryDigest, now: Date) {
        var log = logger
        log[metadataKey: "digest"] = "\(digest.id)"
        let payload = WebhookBody.digestPayload(id: digest.id, payloads: digest.members.map(\.payload))
        let outcome: WebhookOutcome
        switch sink.kind {
        case .log:
            outcome = .rejected(reason: "a log sink writes every alert as it is raised")  // refused by the configuration
        case .command(let command):
            outcome = CommandSender(arguments: command.arguments, timeout: command.timeout).send(payload: payload, id: digest.id)
        case .webhook(let webhook):
            let documents = digest.members.compactMap { AlertDocument.decode($0.payload) }
            outcome = sendWebhook(webhook, id: digest.id) { url, address throws(ChannelError) in
                try WebhookBody.digestRequest(documents, payload: payload, digestID: digest.id, format: webhook.format.rawValue, url: url,
                                              address: address)
            }
        }
        // Counted from the digest's newest alert: its oldest can be a whole window old when it is gathered.
        record(outcome, attempts: digest.attempts, raised: digest.members.map(\.created).max() ?? now, now: now, what: "digest",
               alerts: digest.members.count, log: log,
               delivered: { () throws(StoreError) in try store.markDigestDelivered(digest, at: Date()) },
               failed: { error, retryAt throws(StoreError) in try store.markDigestAttemptFailed(digest, error: error, retryAt: retryAt) })
    }
}
