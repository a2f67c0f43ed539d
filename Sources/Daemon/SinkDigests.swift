import Alerting
import Configuration
import Foundation
import Storage

/// A sink with `digest: WINDOW` sends one message per window: when a window ends (windows are
/// aligned to the clock, so `1h` ends on the hour; or at the times of `daily`), the alerts raised in it and not sent yet are
/// gathered in the store under one id and sent as one message; a failed send is retried, as the
/// same digest, with the same delays as single alerts. After a crash the gathered digest is sent
/// again whole, under its id, so no alert is lost or sent in two digests. Quiet hours use the same
/// digests: what was held goes out as one when the quiet span ends. A digest sink with quiet hours
/// sends nothing while it is quiet; the windows that ended meanwhile go out as one digest at its end.
extension SinkWorker {
    func runDigests(_ schedule: DigestSchedule) async {
        while !isStopped {
            guard await holdsLease() else {
                await doorbell.wait(timeout: .seconds(10))  // another instance delivers this sink
                continue
            }
            if let end = sink.policy.quietHours?.end(ifQuietAt: Date()) {
                logger.debug("quiet hours: holding digests", metadata: ["until": "\(end)"])
                await sleep(until: end)
                continue
            }
            let now = Date()
            let windowStart = schedule.lastEnd(atOrBefore: now)
            let gathered = await Offload.run { [store, sink] in
                Result { () throws(StoreError) in try store.gatherDigest(sink: sink.name, raisedBefore: windowStart) }
            }
            switch gathered {
            case .failure(let error):
                logger.error("cannot gather the digest; trying again in 5 s", metadata: ["error": "\(error)"])
                await doorbell.wait(timeout: .seconds(5))
            case .success(nil):
                await sleep(until: schedule.nextEnd(after: now))
            case .success(let digest?):
                if digest.nextAttempt > now {
                    await sleep(until: min(digest.nextAttempt, now.addingTimeInterval(300)))
                } else if !isStopped {
                    await Offload.run { self.attempt(digest, now: Date()) }
                }
            }
        }
    }

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
        if let end = sink.policy.quietHours?.end(ifQuietAt: Date()) {
            logger.debug("quiet hours: holding alerts", metadata: ["until": "\(end)"])
            await hold(until: end, why: "quiet hours")
            return true
        }
        if let limit = sink.policy.maxPerHour {
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
        case .email(let email):
            outcome = sendEmail(email, digest.members.compactMap { AlertDocument.decode($0.payload) }, id: digest.id, digest: true,
                                date: digest.members.map(\.created).max() ?? now)
        case .webhook(let webhook):
            let documents = digest.members.compactMap { AlertDocument.decode($0.payload) }
            outcome = sendWebhook(webhook, id: digest.id) { url, format, address throws(ChannelError) in
                try WebhookBody.digestRequest(documents, payload: payload, digestID: digest.id, format: format, url: url,
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
