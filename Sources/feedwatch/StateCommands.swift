import Alerting
import ArgumentParser
import Configuration
import Daemon
import FeedModel
import Foundation
import Storage

struct FeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "feeds", abstract: "Show each feed's state.")

    @OptionGroup var options: StateOptions

    func run() throws {
        let store = try openStore(options)
        for feed in try store.feeds() {
            let status = feed.pausedReason.map { "paused: \($0)" }
                ?? feed.lastError.map { "failing (\(feed.consecutiveFailures)x): \($0)" }
                ?? feed.lastStatus.map { "OK (HTTP \($0))" } ?? "not polled yet"
            let success = feed.lastSuccess.map(Timestamp.utcString) ?? "never"
            print("\(feed.name ?? feed.url)\n  \(feed.url)\n  \(status); last success \(success); next poll \(Timestamp.utcString(feed.nextPoll))")
        }
    }
}

struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "List recent alerts, or the deliveries that failed, and send failed ones again.")

    @OptionGroup var options: StateOptions

    @Option(help: "How far back (e.g. 24h, 7d).")
    var since = "24h"

    @Flag(help: "List the deliveries that failed for good.")
    var failed = false

    @Flag(help: "Put failed deliveries back in their queues (all, or --alert ID); the daemon sends them.")
    var replay = false

    @Option(help: "With --replay: only this alert.")
    var alert: String?

    @Flag(help: "Print the stored alert documents as JSON lines.")
    var json = false

    func run() throws {
        let store = try openStore(options)
        if replay {
            print("\(try store.replayFailed(alertID: alert)) delivery(ies) queued again")
            return
        }
        if failed {
            for delivery in try store.failedDeliveries() {
                // Errors stored by earlier versions may quote a webhook URL, which can hold its token.
                let error = delivery.lastError.map(RedactedURL.scrubbingURLs) ?? "failed"
                print("\(delivery.alertID) → \(delivery.sink): \(error) after \(delivery.attempts) attempt(s)")
            }
            return
        }
        guard let seconds = Duration.seconds(since) else { throw ValidationError("--since takes a duration such as 24h or 7d") }
        for stored in try store.alerts(since: Date().addingTimeInterval(-seconds)) {
            if json {
                print(stored.payload)
            } else {
                let headline = AlertDocument.decode(stored.payload)?.headline ?? stored.watchlist
                print("\(Timestamp.utcString(stored.created))  \(stored.id)  \(headline)")
            }
        }
    }
}

struct TestWebhookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-webhook", abstract: "Send a test alert to one webhook sink and show the answer.")

    @Option(help: "The configuration file.")
    var config = "feeds.yaml"

    @Argument(help: "The sink's name.")
    var sink: String

    func run() throws {
        let loaded = try ConfigLoader.load(path: config)
        guard let found = loaded.sinks.first(where: { $0.name == sink }), case .webhook(let webhook) = found.kind else {
            throw CommandError("\(config): there is no webhook sink named '\(sink)'")
        }
        let url = try Secrets.url(webhook.target, configFile: found.file)
        let secrets = try Secrets.read(webhook.secrets, configFile: found.file)
        let id = "fw_test_\(Int(Date().timeIntervalSince1970))"
        let document = AlertDocument(id: id, kind: "test", time: Timestamp.utcString(Date()), watchlist: "test", topics: ["test"],
                                     score: 0, hits: [], entities: [], feed: .init(name: "feedwatch", url: "https://example.invalid/feed"),
                                     entry: .init(id: id, title: "feedwatch test alert", link: nil, published: nil, updated: nil))
        let payload = document.json()
        let body = WebhookBody.render(document, payload: payload, format: webhook.format.rawValue)
        let outcome = WebhookSender(url: url, timeout: webhook.timeout, userAgent: Daemon.userAgent)
            .send(body: body, id: id, timestamp: Int(Date().timeIntervalSince1970), secrets: secrets)
        print("\(sink) (\(webhook.target.redacted)): \(outcome)")
        if case .delivered = outcome { return }
        throw ExitCode(1)
    }
}

func openStore(_ options: StateOptions) throws -> Store {
    let config = try ConfigLoader.load(path: options.config)
    let paths = StatePaths.resolve(override: options.state, config: config)
    return try Store(path: paths.database)
}
