@testable import Daemon
import Foundation
import Logging
import Synchronization
import TestSupport

/// A feed server and a webhook receiver on 127.0.0.1, and a configuration folder pointing at them.
final class Scenario: Sendable {
    struct Item: Sendable {
        var id: String
        var title: String
        var body: String
        var link: String?
    }

    let folder: URL
    let feeds: LoopbackHTTPServer
    let hooks: LoopbackHTTPServer
    private let items = Shared<[Item]>([])
    /// What the feed server answers instead of the feed, when set (status, headers).
    let feedOverride = Shared<(Int, [(String, String)])?>(nil)
    /// How many webhook requests to refuse with 503 before accepting.
    let hookFailures = Shared(0)
    let secret = "whsec_" + Data("feedwatch-test-secret".utf8).base64EncodedString()

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let items = self.items
        let override = self.feedOverride
        feeds = try LoopbackHTTPServer { request in
            if let (status, headers) = override.withLock({ $0 }) { return .init(status: status, headers: headers, body: []) }
            let current = items.withLock { $0 }
            let etag = "\"v\(current.count)\""
            if request.header("if-none-match") == etag { return .init(status: 304, headers: [("ETag", etag)], body: []) }
            return .init(headers: [("Content-Type", "application/rss+xml; charset=utf-8"), ("ETag", etag)], text: Scenario.rss(current))
        }
        let failures = hookFailures
        hooks = try LoopbackHTTPServer { _ in
            let refuse = failures.withLock { remaining -> Bool in
                guard remaining > 0 else { return false }
                remaining -= 1
                return true
            }
            return refuse ? .init(status: 503, headers: [("Retry-After", "1")], body: []) : .init(status: 204, body: [])
        }
        try secret.write(to: folder.appendingPathComponent("hook.secret"), atomically: true, encoding: .utf8)
    }

    deinit {
        feeds.stop()
        hooks.stop()
    }

    var feedURL: String { feeds.baseURL + "/feed.xml" }
    var configPath: String { folder.appendingPathComponent("feeds.yaml").path }
    var logPath: String { folder.appendingPathComponent(".feedwatch/alerts.jsonl").path }

    func setItems(_ newItems: [Item]) { items.withLock { $0 = newItems } }
    func addItem(_ item: Item) { items.withLock { $0.append(item) } }

    func writeConfig(alertOnFirstPoll: Bool = false, extraFeeds: [String] = [], failureAlertAfter: Int = 5) throws {
        let feedLines = ([feedURL] + extraFeeds).map {
            "  - url: \($0)\n    name: Test feed\n    alert_on_first_poll: \(alertOnFirstPoll)"
        }.joined(separator: "\n")
        let yaml = """
        settings:
          interval: 1m
          timeout: 10s
          failure_alert_after: \(failureAlertAfter)
          metrics: 127.0.0.1:0
        sinks:
          - name: log
            type: log
            path: alerts.jsonl
          - name: hook
            type: webhook
            url: \(hooks.baseURL)/hook
            secret_file: \(folder.appendingPathComponent("hook.secret").path)
        watchlists:
          - name: russia-cyber
            rule: all
            topics:
              - name: cyber operations
                terms: [cyber operations]
              - name: Russia
                entity: Russia
        feeds:
        \(feedLines)
        """
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// The configuration several instances share: a PostgreSQL database, a log and a webhook sink,
    /// the Russia watch-list and `feeds` (YAML list items); the schema is migrated once, before they start.
    func writeSharedConfig(database: String, feeds: [String], timeout: Int, leaseTime: Int, settings extra: [String] = []) throws {
        try ([
            "settings:", "  database: '\(database)'", "  timeout: \(timeout)s", "  lease_time: \(leaseTime)s", "  metrics: off",
        ] + extra.map { "  " + $0 } + [
            "sinks:", "  - {name: log, type: log, path: alerts.jsonl}",
            "  - {name: hook, type: webhook, url: '\(hooks.baseURL)/hook', timeout: \(timeout)s}",
            "watchlists:",
            "  - {name: russia-cyber, rule: all, topics: [{name: cyber, terms: [cyber operations]}, {name: Russia, entity: Russia}]}",
            "feeds:",
        ] + feeds).joined(separator: "\n").write(toFile: configPath, atomically: true, encoding: .utf8)
        _ = try Daemon(configPath: configPath, logger: Scenario.logger)
    }

    var hookRequests: [LoopbackHTTPServer.Request] { hooks.requests.filter { $0.method == "POST" } }
    var feedRequests: [LoopbackHTTPServer.Request] { feeds.requests }

    func loggedLines() -> [String] {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init)
    }

    static let logger = Logger(label: "feedwatch-test") { _ in SwiftLogNoOpLogHandler() }

    static func rss(_ items: [Item]) -> String {
        let entries = items.map { item in
            "<item><title>\(item.title)</title><link>\(item.link ?? "http://news.example/\(item.id)")</link><guid>\(item.id)</guid>"
                + "<description>\(item.body)</description></item>"
        }.joined()
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Test</title><link>http://news.example/</link>\(entries)</channel></rss>"
    }

    /// "HH:MM:SS" in UTC, for quiet hours that start and end around now.
    static func utcClock(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        return String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    static let matching = "The United States ended offensive cyber operations against Russia, officials said."
    static let unrelated = "The city council approved a new budget for parks and libraries."
}

/// The daemon's `run()` in a task of the test's, with its signal handling off (the test process's
/// signals are not the daemon's to take).
struct RunningDaemon {
    let daemon: Daemon
    let task: Task<Void, any Error>

    init(_ daemon: Daemon) {
        self.daemon = daemon
        task = Task { try await daemon.run(handleSignals: false) }
    }

    /// Whether polling and the configuration watcher are running (within a generous wait: on two
    /// cores the other suites' tests can hold every thread for seconds).
    func started() async -> Bool {
        await eventually(seconds: 30) { daemon.activeLoop.withLock { $0 != nil } && daemon.watchingFiles.withLock { $0 } }
    }

    /// Shuts it down gracefully and waits until `run()` has returned.
    func stop() async throws {
        await daemon.stop()
        try await task.value
    }
}

/// Waits for a process to end without holding a thread of Swift's cooperative pool (two, on two
/// cores): `waitUntilExit()` there would starve the daemons other tests run in this process.
func exited(_ process: Process) async {
    while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
}

/// Runs blocking work (an HTTP request, say) on a Dispatch thread, for the same reason.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}

/// Polls `condition` every 50 ms until it holds or `seconds` pass; returns whether it held.
func eventually(seconds: Double, _ condition: () throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return try condition()
}

/// A value shared between a test and its servers' handlers.
final class Shared<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<Result>(_ body: (inout Value) -> Result) -> Result { mutex.withLock { body(&$0) } }
}
