import Configuration
import CurlKit
@testable import Daemon
import Foundation
import Logging
import Storage
import Testing

/// The processor alone, on the in-memory store: no server, no file, milliseconds per test.
@Suite struct ProcessorTests {
    static let feedURL = "http://feeds.example/world.xml"

    private func running(_ settings: String = "") throws -> RunningConfig {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-processor-\(UUID().uuidString).yaml").path
        try """
        settings: {interval: 15m\(settings)}
        sinks: [{name: log, type: log, path: alerts.jsonl}]
        watchlists:
          - {name: russia-cyber, rule: all, topics: [{name: cyber operations, terms: [cyber operations]}, {name: Russia, entity: Russia}]}
        feeds:
          - {url: '\(Self.feedURL)', alert_on_first_poll: true}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return try RunningConfig(ConfigLoader.load(path: path))
    }

    private func result(status: Int = 200, body: String = "", error: FetchError? = nil) -> FetchResult {
        FetchResult(request: FetchRequest(url: Self.feedURL, userAgent: "test"), status: status,
                    headers: [(name: "content-type", value: "application/rss+xml")], body: Array(body.utf8), error: error)
    }

    private func process(_ result: FetchResult, _ store: MemoryStore, _ running: RunningConfig, at now: Date) throws -> PollOutcome {
        let record = try #require(try store.feed(url: Self.feedURL))
        let feed = try #require(running.feedsByURL[Self.feedURL])
        return FeedProcessor(store: store, running: running, logger: Scenario.logger).process(result, record: record, feed: feed, now: now)
    }

    @Test func newEntriesAlertOnceAndAreSeenAfter() throws {
        let store = MemoryStore()
        let running = try running()
        try store.registerFeed(url: Self.feedURL, name: nil, firstPoll: .distantPast)
        let feed = Scenario.rss([.init(id: "a", title: "Cyber", body: Scenario.matching), .init(id: "b", title: "Parks", body: Scenario.unrelated)])
        let first = try process(result(body: feed), store, running, at: Date())
        #expect(first.newEntries == 2 && first.alerts == 1 && first.raisedWatchlists == ["russia-cyber"])
        #expect(try store.pendingDeliveries().map(\.sink) == ["log"])
        let again = try process(result(body: feed), store, running, at: Date())
        #expect(again.newEntries == 0 && again.alerts == 0)
    }

    /// With the defaults (every 15 min, an alert after 5 failures) back-off alone would report a feed
    /// that never worked after about 7.5 hours. It must be reported within the hour.
    @Test func aFeedBrokenFromTheStartIsReportedWithinAnHour() throws {
        let store = MemoryStore()
        let running = try running()
        let start = Date()
        try store.registerFeed(url: Self.feedURL, name: nil, firstPoll: start)
        var now = start
        var polls = 0
        while try store.pendingDeliveries().isEmpty, polls < 20 {
            let outcome = try process(result(status: 0, error: .connectionRefused(host: "feeds.example")), store, running, at: now)
            polls += 1
            now = try #require(outcome.nextPoll)
        }
        let alert = try #require(try store.alerts(since: .distantPast).first)
        #expect(alert.watchlist == "feed-health")
        #expect(alert.created.timeIntervalSince(start) <= 3600, "reported \(Int(alert.created.timeIntervalSince(start) / 60)) min after the first failure")
        #expect(alert.payload.contains("could not connect to feeds.example"), "the health alert says what is wrong in words")
    }

    /// A full disk or a locked database: nothing of the poll is kept, the feed is tried again in a
    /// minute, and once the store works the same entries are new and alert.
    @Test func aStoreThatRefusesWritesKeepsTheFeedScheduledAndLosesNothing() throws {
        let store = MemoryStore()
        let running = try running()
        try store.registerFeed(url: Self.feedURL, name: nil, firstPoll: .distantPast)
        let feed = Scenario.rss([.init(id: "a", title: "Cyber", body: Scenario.matching)])
        store.failWrites()
        let now = Date()
        let refused = try process(result(body: feed), store, running, at: now)
        guard case .store = refused.error else {
            Issue.record("expected a store error, got \(refused.error?.description ?? "none")")
            return
        }
        #expect(refused.nextPoll == now.addingTimeInterval(Daemon.storeRetryDelay))
        #expect(try store.alerts(since: .distantPast).isEmpty)
        store.failWrites(false)
        let retried = try process(result(body: feed), store, running, at: now.addingTimeInterval(60))
        #expect(retried.error == nil && retried.alerts == 1)
    }

    @Test func retryAfterIsHonouredPastTheHealthDeadline() throws {
        let store = MemoryStore()
        let running = try running()
        try store.registerFeed(url: Self.feedURL, name: nil, firstPoll: .distantPast)
        let now = Date()
        var throttled = result(status: 503)
        throttled.headers.append((name: "retry-after", value: "7200"))
        let outcome = try process(throttled, store, running, at: now)
        #expect(try #require(outcome.nextPoll).timeIntervalSince(now) >= 7200)
        #expect(outcome.error?.description == "the server answered HTTP 503 (Service Unavailable)")
    }
}
