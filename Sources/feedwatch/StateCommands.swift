import Alerting
import ArgumentParser
import Configuration
import Daemon
import FeedModel
import Foundation
import PostgresStorage
import Storage

struct FeedsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Show each feed's state.")

    @OptionGroup var options: StateOptions

    func run() throws {
        let store = try openStore(options)
        for feed in try store.feeds() {
            let status = feed.pausedReason.map { "paused: \($0)" }
                ?? feed.lastError.map { "failing (\(feed.consecutiveFailures)x): \($0)" }
                ?? feed.lastStatus.map { "OK (HTTP \($0))" } ?? "not polled yet"
            let success = feed.lastSuccess.map(Timestamp.utcString) ?? "never"
            // A paused feed is not polled at all: a time in the past would say it is overdue.
            let next = feed.pausedReason == nil ? "next poll \(Timestamp.utcString(feed.nextPoll))" : "not polled until its URL changes"
            print("\(feed.name ?? feed.url)\n  \(feed.url)")
            if let moved = feed.fetchURL, moved != feed.url { print("  moved permanently; polled at \(moved)") }
            print("  \(status); last success \(success); \(next)")
        }
    }
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show at a glance, from the state: feeds ok, failing and paused, deliveries, the last alert.")

    @OptionGroup var options: StateOptions

    func run() throws {
        let config = try ConfigLoader.load(path: options.config)
        let store = try StoreChoice.open(config, paths: StatePaths.resolve(override: options.state, config: config))
        let feeds = try store.feeds().filter { record in config.feeds.contains { $0.url == record.url } }
        var counts: [FeedState: Int] = [:]
        for feed in feeds { counts[FeedState(feed), default: 0] += 1 }
        print("feeds: \(feeds.count) — \(counts[.ok, default: 0]) ok, \(counts[.failing, default: 0]) failing, "
            + "\(counts[.paused, default: 0]) paused, \(counts[.new, default: 0]) not polled yet")
        for feed in feeds where FeedState(feed) == .failing {
            let since = feed.failingSince.map { " since \(Timestamp.utcString($0))" } ?? ""
            print("  failing\(since): \(feed.name ?? feed.url): \(feed.lastError ?? "")")
        }
        let outbox = try store.outboxSummary()
        print("deliveries: \(outbox.pending) pending, \(outbox.failed) failed for good, \(outbox.delivered) delivered")
        for (sink, queue) in outbox.sinks.sorted(by: { $0.key < $1.key }) {
            let oldest = queue.oldestPending.map { ", oldest raised \(Timestamp.utcString($0))" } ?? ""
            print("  \(sink): \(queue.pending) pending\(oldest)")
        }
        if let last = outbox.lastAlert {
            let headline = AlertDocument.decode(last.payload)?.headline ?? last.watchlist
            print("last alert: \(Timestamp.utcString(last.created))  \(headline)")
        } else {
            print("last alert: none yet")
        }
        if let leases = store as? any LeaseStore {
            // On a shared database: every instance seen in the last two minutes, and what it holds.
            let alive = try leases.instances(seenSince: Date().addingTimeInterval(-120))
            print("instances: \(alive.count)")
            for instance in alive {
                let sinks = instance.sinkLeases.isEmpty ? "" : ", delivering \(instance.sinkLeases.joined(separator: ", "))"
                print("  \(instance.id): up since \(Timestamp.utcString(instance.started)), seen \(Timestamp.utcString(instance.lastSeen)), "
                    + "polling \(instance.feedLeases) feed(s)\(sinks)")
            }
        }
        let problems = Daemon.deliveryProblems(store: store, sinks: DeliveryRoutes(config).sinks)
        for problem in problems { print("problem: \(problem)") }
        if let address = config.settings.operationsListen { print("metrics and health: http://\(address)/metrics, /healthz") }
        if !problems.isEmpty || counts[.failing, default: 0] > 0 { throw ExitCode(1) }
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

struct TestSinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-sink", abstract: "Send a test alert to one sink, as the daemon would, and show the answer.",
        aliases: ["test-webhook"])

    @Option(help: "The configuration file.")
    var config = "feeds.yaml"

    @Argument(help: "The sink's name.")
    var sink: String

    func run() throws {
        let loaded = try ConfigLoader.load(path: config)
        guard let found = loaded.sinks.first(where: { $0.name == sink }) else {
            throw CommandError("\(config): there is no sink named '\(sink)' (defined: \(loaded.sinks.map(\.name).joined(separator: ", ")))")
        }
        let outcome = Daemon.sendTestAlert(to: found, config: loaded, paths: StatePaths.resolve(override: nil, config: loaded))
        print("\(sink): \(outcome)")
        if case .delivered = outcome { return }
        throw ExitCode(1)
    }
}

func openStore(_ options: StateOptions) throws -> any StateStore {
    let config = try ConfigLoader.load(path: options.config)
    return try StoreChoice.open(config, paths: StatePaths.resolve(override: options.state, config: config))
}

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy this machine's SQLite state (feeds, seen entries, alerts, the outbox) to a PostgreSQL database.",
        discussion: """
            Stop the daemon first, run this once, then set `settings: database` to the same URL. What the database \
            already holds is kept, so running it again adds nothing.
            """)

    @OptionGroup var options: StateOptions

    @Option(help: "The PostgreSQL database, as postgres://USER@HOST[:PORT]/NAME (no password in it).")
    var to: String

    @Option(help: "A file holding the database password.")
    var passwordFile: String?

    func run() throws {
        let config = try ConfigLoader.load(path: options.config)
        let path = StatePaths.resolve(override: options.state, config: config).database
        guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("there is no SQLite state at \(path) to copy") }
        let source = try SQLiteStore(path: path)
        guard let components = URLComponents(string: to), components.password == nil else {
            throw ValidationError("--to takes a postgres:// URL without a password (use --password-file)")
        }
        let url = try Secrets.databaseURL(DatabaseConfig(url: to, password: passwordFile.map(SecretSource.file)),
                                          configFile: options.config)
        let target = try PostgresStore(conninfo: url)
        let snapshot = try source.snapshot()
        let added = try target.importSnapshot(snapshot)
        print("copied to \(RedactedURL.display(to)): \(added.feeds) of \(snapshot.feeds.count) feeds, "
            + "\(added.entries) of \(snapshot.entries.count) entries, \(added.alerts) of \(snapshot.alerts.count) alerts, "
            + "\(added.deliveries) of \(snapshot.deliveries.count) deliveries (the rest were there already)")
    }
}
