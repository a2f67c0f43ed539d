import Alerting
import Configuration
import Foundation
import Logging
import Storage
import Synchronization

/// Delivers one sink's alerts strictly in the order they were raised: the queue's head is retried
/// (with growing delays) until it is delivered or fails for good, and only then does the next alert
/// go. It sleeps until the head is due or a new alert rings; a slow sink holds up no other sink.
final class SinkWorker: Sendable {
    let sink: SinkConfig
    let settings: Settings
    let store: any StateStore
    let logger: Logger
    private let userAgent: String
    let maximumAge: TimeInterval
    let retryDelays: [TimeInterval]
    private let logSink: LogSink?
    private let environment: Secrets.Environment
    let metrics: DaemonMetrics
    let doorbell = Doorbell()
    private let stopped = Mutex(false)
    /// Its instance, for the sink's lease when several instances share the database.
    private let owner: String
    /// The longest one attempt can last.
    private var attemptDuration: TimeInterval {
        switch sink.kind {
        case .webhook(let webhook): webhook.timeout
        case .command(let command): command.timeout + 2  // and the two seconds it has to stop in
        case .email(let email): email.timeout
        case .log: 0
        }
    }
    /// How long a sink's lease lasts: it outlasts the longest attempt.
    private var leaseDuration: TimeInterval { max(settings.leaseTime ?? 60, attemptDuration + 10) }
    /// Until when this instance holds the sink's lease, as far as it knows (it set that expiry itself).
    private let leaseHeldUntil = Mutex<Date?>(nil)
    /// How long it sleeps with nothing to do before looking at the outbox again anyway.
    static let idleWait: Swift.Duration = .seconds(300)
    /// The same on a database shared with other instances, whose new alerts only the outbox shows.
    static let sharedIdleWait: Swift.Duration = .seconds(2)

    init(sink: SinkConfig, store: any StateStore, paths: StatePaths, logger: Logger, userAgent: String,
         environment: Secrets.Environment, settings: Settings, metrics: DaemonMetrics, owner: String = "") {
        self.owner = owner
        self.sink = sink
        self.store = store
        self.userAgent = userAgent
        self.environment = environment
        self.metrics = metrics
        self.settings = settings
        maximumAge = settings.deliveryMaximumAge
        retryDelays = settings.deliveryRetryDelays.isEmpty ? [60] : settings.deliveryRetryDelays
        var log = logger
        log[metadataKey: "sink"] = "\(sink.name)"
        if case .webhook(let webhook) = sink.kind { log[metadataKey: "target"] = "\(webhook.target.redacted)" }
        self.logger = log
        if case .log(let path) = sink.kind { logSink = LogSink(path: paths.logPath(path)) } else { logSink = nil }
    }

    /// New alerts are waiting: look now rather than at the next wake-up.
    func poke() { doorbell.ring() }

    /// Ends `run()` after the attempt in flight, if any.
    func stop() {
        stopped.withLock { $0 = true }
        doorbell.ring()
    }

    func reopen() { logSink?.reopen() }

    var isStopped: Bool { stopped.withLock { $0 } }

    func run() async {
        defer { releaseLease() }
        if let schedule = sink.policy.digest {
            await runDigests(schedule)
            return
        }
        while !isStopped {
            guard await holdsLease() else {
                await doorbell.wait(timeout: .seconds(10))  // another instance delivers this sink
                continue
            }
            if !sink.policy.isImmediate, await holdForPolicies() { continue }
            let next = await Offload.run { [store, sink] in Result { () throws(StoreError) in try store.nextDelivery(sink: sink.name) } }
            switch next {
            case .failure(let error):
                logger.error("cannot read the outbox; trying again in 5 s", metadata: ["error": "\(error)"])
                await doorbell.wait(timeout: .seconds(5))
            case .success(nil):
                // Another instance's alerts ring no bell here: on a shared database, look again soon.
                await doorbell.wait(timeout: store is any LeaseStore ? Self.sharedIdleWait : Self.idleWait)
            case .success(let delivery?):
                let wait = delivery.nextAttempt.timeIntervalSinceNow
                if wait > 0 {
                    await doorbell.wait(timeout: .milliseconds(Int(min(wait, 300) * 1000) + 1))
                } else if !isStopped {  // a stop while the outbox was read: no new attempt
                    await Offload.run { self.attempt(delivery, now: Date()) }
                }
            }
        }
    }

    /// True when this instance may deliver the sink: always with a store of its own; with a shared
    /// one, while it holds the sink's lease for longer than an attempt can last. It renews the lease
    /// only when less than that is left, so an idle holder asks the database about once in a lease.
    func holdsLease() async -> Bool {
        guard let leases = store as? any LeaseStore else { return true }
        return await Offload.run { [self] in
            let now = Date()
            if let until = leaseHeldUntil.withLock({ $0 }), until.timeIntervalSince(now) > attemptDuration + 5 { return true }
            do {
                let until = now.addingTimeInterval(leaseDuration)
                let held = try leases.claimSink(sink.name, owner: owner, until: until, now: now)
                leaseHeldUntil.withLock { $0 = held ? until : nil }
                return held
            } catch {
                leaseHeldUntil.withLock { $0 = nil }
                logger.error("cannot take the sink's lease; trying again in 10 s", metadata: ["error": "\(error)"])
                return false
            }
        }
    }

    private func releaseLease() {
        guard let leases = store as? any LeaseStore else { return }
        leaseHeldUntil.withLock { $0 = nil }
        do {
            try leases.releaseSink(sink.name, owner: owner)
        } catch {
            logger.warning("cannot release the sink's lease; it lapses by itself", metadata: ["error": "\(error)"])
        }
    }

    private func attempt(_ delivery: Delivery, now: Date) {
        var log = logger
        log[metadataKey: "alert"] = "\(delivery.alertID)"
        record(send(delivery), attempts: delivery.attempts, raised: delivery.created, now: now, what: "alert", alerts: 1, log: log,
               delivered: { () throws(StoreError) in try store.markDelivered(delivery) },
               failed: { error, retryAt throws(StoreError) in try store.markAttemptFailed(delivery, error: error, retryAt: retryAt) })
    }

    /// Records what one attempt came to, for a single alert and a digest alike: delivered; tried
    /// again after the next delay (or the receiver's Retry-After), unless that would take it past
    /// `delivery_max_age` counted from `raised`; or refused for good.
    func record(_ outcome: WebhookOutcome, attempts: Int, raised: Date, now: Date, what: String, alerts: Int, log: Logger,
                delivered: () throws(StoreError) -> Void, failed: (_ error: String, _ retryAt: Date?) throws(StoreError) -> Void) {
        var log = log
        if alerts > 1 { log[metadataKey: "alerts"] = "\(alerts)" }
        do throws(StoreError) {
            switch outcome {
            case .delivered:
                try delivered()
                for _ in 0..<alerts { metrics.delivery(sink: sink.name, result: "delivered") }
                log.log(level: what == "alert" ? .debug : .info, "\(what) delivered")
            case .retry(let reason, let after):
                let delay = max(retryDelays[min(attempts, retryDelays.count - 1)], after ?? 0)
                if now.addingTimeInterval(delay).timeIntervalSince(raised) > maximumAge {
                    try failed("gave up after \(attempts + 1) attempts: \(reason)", nil)
                    metrics.delivery(sink: sink.name, result: "failed")
                    log.error("\(what) delivery failed for good", metadata: ["error": "\(reason)", "attempts": "\(attempts + 1)"])
                } else {
                    try failed(reason, now.addingTimeInterval(delay))
                    metrics.delivery(sink: sink.name, result: "retry")
                    log.warning("\(what) delivery failed; will retry", metadata: ["error": "\(reason)", "retry_in": "\(Int(delay))s"])
                }
            case .rejected(let reason):
                try failed(reason, nil)
                metrics.delivery(sink: sink.name, result: "rejected")
                log.error("\(what) rejected by the sink", metadata: ["error": "\(reason)"])
            }
        } catch {
            log.error("cannot record the \(what)'s delivery", metadata: ["error": "\(error)"])
            Thread.sleep(forTimeInterval: 2)
        }
    }

    func send(_ delivery: Delivery) -> WebhookOutcome {
        switch sink.kind {
        case .log:
            do {
                try logSink?.append(delivery.payload, unlessLastLineContains: "\"id\":\"\(delivery.alertID)\"")
                return .delivered(status: 0)
            } catch {
                return .retry(reason: "\(error)", after: nil)
            }
        case .command(let command):
            return CommandSender(arguments: command.arguments, timeout: command.timeout).send(payload: delivery.payload, id: delivery.alertID)
        case .email(let email):
            guard let document = AlertDocument.decode(delivery.payload) else { return .rejected(reason: "the alert's stored document cannot be read") }
            return sendEmail(email, [document], id: delivery.alertID, digest: false, date: delivery.created)
        case .webhook(let webhook):
            return sendWebhook(webhook, id: delivery.alertID) { url, format, address throws(ChannelError) in
                try WebhookBody.request(AlertDocument.decode(delivery.payload), payload: delivery.payload, alertID: delivery.alertID,
                                        format: format, url: url, address: address)
            }
        }
    }

    /// Renders the alert (or digest) as a message and hands it to the SMTP server, with the password
    /// read at each attempt, as webhook secrets are.
    func sendEmail(_ email: EmailSink, _ documents: [AlertDocument], id: String, digest: Bool, date: Date) -> WebhookOutcome {
        var password: String?
        do {
            if let source = email.password { password = try Secrets.read([source], configFile: sink.file, environment: environment).first }
        } catch {
            return .retry(reason: error.description, after: nil)
        }
        let message = EmailMessage.render(documents, id: id, digest: digest,
                                          addressing: EmailAddressing(from: email.from, to: email.to, list: sink.deliversFor ?? sink.name), date: date)
        let sender = EmailSender(server: email.server, from: email.from, recipients: email.to, username: email.username, caFile: email.caFile,
                                 requireTLS: email.requireTLS, timeout: email.timeout)
        return sender.send(message, password: password)
    }

    /// Reads the webhook's secrets (at each attempt, so a rotated one takes effect), builds the
    /// request with them and sends it under `id`. An Apprise-style URL gives the channel and its
    /// address itself.
    func sendWebhook(_ webhook: WebhookSink, id: String,
                     request build: (_ url: String, _ format: String, _ address: ChannelAddress) throws(ChannelError) -> ChannelRequest) -> WebhookOutcome {
        var url: String, secrets: [String], format = webhook.format
        var address = ChannelAddress(chatID: webhook.chatID, room: webhook.room)
        do {
            url = try Secrets.url(webhook.target, configFile: sink.file, environment: environment)
            secrets = try Secrets.read(webhook.secrets, configFile: sink.file, environment: environment)
            if let source = webhook.token { address.accessToken = try Secrets.read([source], configFile: sink.file, environment: environment).first }
        } catch {
            return .retry(reason: error.description, after: nil)
        }
        if AppriseURL.isWebhook(url) {
            switch AppriseURL.webhook(url) {
            case .success(let apprise):
                (url, format) = (apprise.url, apprise.format)
                address = ChannelAddress(chatID: apprise.chatID ?? address.chatID, room: apprise.room ?? address.room,
                                         accessToken: apprise.token ?? address.accessToken)
            case .failure(let error):
                return .rejected(reason: "the sink's Apprise URL: \(error)")  // one read from a secret; a written one is checked at load
            }
        }
        let request: ChannelRequest
        do {
            request = try build(url, format.rawValue, address)
        } catch {
            return .rejected(reason: error.description)  // a URL from a secret that names no ntfy topic
        }
        let sender = WebhookSender(url: url, timeout: webhook.timeout, userAgent: userAgent)
        return sender.send(request, id: id, timestamp: Int(Date().timeIntervalSince1970), secrets: secrets)
    }
}
