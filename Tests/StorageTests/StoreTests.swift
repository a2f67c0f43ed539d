import Foundation
import PostgresStorage
import SQLiteKit
import Storage
import Testing
import TestSupport

/// Both implementations of the store, for the tests every one of them must pass.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, memory, postgres

    func make(path: String) throws -> any StateStore {
        switch self {
        case .sqlite: try SQLiteStore(path: path)
        case .memory: MemoryStore()
        case .postgres: try PostgresStore(conninfo: try TestDatabase.freshSchema().conninfo)
        }
    }

    var testDescription: String { rawValue }
}

@Suite struct StoreTests {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-store-\(UUID().uuidString).sqlite").path

    private func alert(_ key: String, sinks: [String] = ["log", "hook"]) -> NewAlert {
        NewAlert(id: "id-\(key)", key: key, watchlist: "w", feedURL: "http://f", payload: "{\"k\":\"\(key)\"}", sinks: sinks)
    }

    @Test(arguments: StoreKind.allCases)
    func entriesAndAlertsAreCommittedTogetherAndAnAlertKeyOnlyOnce(kind: StoreKind) throws {
        let store = try kind.make(path: path)
        try store.registerFeed(url: "http://f", name: "F", firstPoll: Date())
        let entry = EntryRecord(feedURL: "http://f", identity: "a", digest: nil, title: "A", link: "http://f/a", published: nil, text: "text")
        let raised = try store.commit(entries: [entry], alerts: [alert("k1")])
        #expect(raised.map(\.id) == ["id-k1"])
        #expect(try store.seenIdentities(feedURL: "http://f", among: ["a", "b"]) == ["a"])
        // The same article through another feed, or again after a restart: no second alert.
        let again = try store.commit(entries: [], alerts: [alert("k1")])
        #expect(again.isEmpty)
        #expect(try store.pendingDeliveries().map(\.sink) == ["log", "hook"])
    }

    @Test func aFailedCommitKeepsNeither() throws {
        let store = try SQLiteStore(path: path)
        // Another connection makes every delivery insert fail, as a full disk would halfway through a poll.
        let saboteur = try Database(path: path)
        try saboteur.execute("CREATE TRIGGER sabotage BEFORE INSERT ON deliveries BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;")
        let entry = EntryRecord(feedURL: "http://f", identity: "a", digest: nil, title: nil, link: nil, published: nil, text: nil)
        #expect(throws: StoreError.self) { try store.commit(entries: [entry], alerts: [alert("k1")]) }
        #expect(try store.seenIdentities(feedURL: "http://f", among: ["a"]).isEmpty, "the seen-mark was rolled back with the alert")
        #expect(try store.alerts(since: .distantPast).isEmpty)
        try saboteur.execute("DROP TRIGGER sabotage")
        #expect(try store.commit(entries: [entry], alerts: [alert("k1")]).count == 1, "the next poll raises it")
    }

    @Test(arguments: StoreKind.allCases)
    func eachSinkTakesItsDeliveriesInOrder(kind: StoreKind) throws {
        let store = try kind.make(path: path)
        try store.commit(entries: [], alerts: [alert("k1"), alert("k2")])
        let first = try #require(try store.nextDelivery(sink: "hook"))
        #expect(first.alertID == "id-k1")
        try store.markAttemptFailed(first, error: "HTTP 500", retryAt: Date().addingTimeInterval(60))
        #expect(try store.nextDelivery(sink: "hook")?.alertID == "id-k1", "the head waits for its retry; k2 does not overtake it")
        try store.markDelivered(first)
        #expect(try store.nextDelivery(sink: "hook")?.alertID == "id-k2")
        #expect(try store.nextDelivery(sink: "log")?.alertID == "id-k1", "another sink has its own queue")
    }

    @Test(arguments: StoreKind.allCases)
    func failedDeliveriesAreKeptAndCanBeReplayed(kind: StoreKind) throws {
        let store = try kind.make(path: path)
        try store.commit(entries: [], alerts: [alert("k1", sinks: ["hook"])])
        let delivery = try #require(try store.nextDelivery(sink: "hook"))
        try store.markAttemptFailed(delivery, error: "HTTP 404", retryAt: nil)
        #expect(try store.nextDelivery(sink: "hook") == nil)
        #expect(try store.failedDeliveries().map(\.lastError) == ["HTTP 404"])
        #expect(try store.replayFailed() == 1)
        #expect(try store.nextDelivery(sink: "hook")?.alertID == "id-k1")
    }

    @Test(arguments: StoreKind.allCases)
    func pruningLeavesTombstonesThatStillCountAsSeen(kind: StoreKind) throws {
        let store = try kind.make(path: path)
        let entry = EntryRecord(feedURL: "http://f", identity: "old", digest: nil, title: "T", link: nil, published: nil, text: "body")
        try store.commit(entries: [entry], alerts: [], at: Date().addingTimeInterval(-40 * 86_400))
        #expect(try store.pruneEntryText(olderThan: Date().addingTimeInterval(-30 * 86_400)) == 1)
        #expect(try store.seenIdentities(feedURL: "http://f", among: ["old"]) == ["old"])
        #expect(try store.recentEntries(since: .distantPast).isEmpty, "the text is gone")
    }

    @Test func reopeningKeepsEverythingAndDoesNotMigrateTwice() throws {
        do {
            let store = try SQLiteStore(path: path)
            try store.registerFeed(url: "http://f", name: "F", firstPoll: Date())
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.feed(url: "http://f")?.name == "F")
    }

    @Test func anUnwritableLocationIsAClearError() {
        #expect {
            _ = try SQLiteStore(path: "/proc/feedwatch/state.sqlite")
        } throws: { error in
            "\(error)".contains("cannot open the state database") && "\(error)".contains("/proc/feedwatch/state.sqlite")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aFeedsStateIsSavedWhileItsMoveIsKeptApart(kind: StoreKind) throws {
        let store = try kind.make(path: path)
        let due = Date(timeIntervalSince1970: 1_800_000_000)
        try store.registerFeed(url: "http://f", name: "F", firstPoll: due)
        #expect(try store.fetchURL(feed: "http://f") == "http://f")
        try store.setFetchURL(feed: "http://f", to: "http://g")
        var record = try #require(try store.feed(url: "http://f"))
        #expect(record.fetchURL == "http://g" && record.nextPoll == due && !record.initialized)
        record.failingSince = due
        record.consecutiveFailures = 2
        record.fetchURL = nil  // saveFeed does not move the feed back
        try store.saveFeed(record)
        let saved = try #require(try store.feed(url: "http://f"))
        #expect(saved.failingSince == due && saved.consecutiveFailures == 2)
        #expect(try store.fetchURL(feed: "http://f") == "http://g")
        try store.registerFeed(url: "http://f", name: "Renamed", firstPoll: .distantFuture)
        #expect(try store.feed(url: "http://f")?.nextPoll == due, "registering again keeps the schedule")
        #expect(try store.feeds().map(\.name) == ["Renamed"])
    }

    /// A configuration's feeds in one call: new ones get their first poll, known ones keep their
    /// schedule and take the new name; names may be missing and URLs may hold quotes and backslashes.
    @Test(arguments: StoreKind.allCases)
    func manyFeedsAreRegisteredAtOnceAndAgainWithoutMovingTheirSchedule(kind: StoreKind) throws {
        let store = try kind.make(path: path)
        let first = Date(timeIntervalSince1970: 1_800_000_000)
        try store.registerFeed(url: "http://known", name: "Old", firstPoll: first)
        let odd = #"http://f/"quoted"\path,{x}"#
        let feeds = [FeedRegistration(url: "http://known", name: "New", firstPoll: .distantFuture),
                     FeedRegistration(url: odd, name: nil, firstPoll: first + 5)]
            + (1...2_500).map { FeedRegistration(url: "http://f/\($0)", name: "Feed \($0)", firstPoll: first + Double($0)) }
        try store.registerFeeds(feeds)
        try store.registerFeeds(feeds)
        let stored = Dictionary(uniqueKeysWithValues: try store.feeds().map { ($0.url, $0) })
        #expect(stored.count == 2_502)
        #expect(stored["http://known"]?.name == "New" && stored["http://known"]?.nextPoll == first)
        #expect(stored[odd]?.name == nil && stored[odd]?.nextPoll == first + 5)
        #expect(stored["http://f/2500"]?.name == "Feed 2500" && stored["http://f/2500"]?.nextPoll == first + 2_500)
    }

    /// A digest gathers a sink's pending alerts raised before its window's end, and stays the same
    /// digest, with the same id and members, until it is sent: alerts raised meanwhile wait for the next.
    @Test(arguments: StoreKind.allCases)
    func aDigestKeepsItsMembersUntilSentAndTheNextGathersTheRest(kind: StoreKind) throws {
        let store = try kind.make(path: path)
        let early = Date(timeIntervalSince1970: 1_800_000_000), late = early + 100
        try store.commit(entries: [], alerts: [alert("k1"), alert("k2"), alert("k3", sinks: ["log"])], at: early)
        try store.commit(entries: [], alerts: [alert("k4")], at: late)
        #expect(try store.gatherDigest(sink: "hook", raisedBefore: early) == nil, "nothing raised before the cutoff")
        let first = try #require(try store.gatherDigest(sink: "hook", raisedBefore: early + 50))
        #expect(first.id == DeliveryDigest.id(firstAlert: "id-k1") && first.members.map(\.alertID) == ["id-k1", "id-k2"])
        // Another sink's digest of the same alerts has the same name; each keeps its own members.
        let other = try #require(try store.gatherDigest(sink: "log", raisedBefore: early + 50))
        #expect(other.id == first.id && other.members.map(\.alertID) == ["id-k1", "id-k2", "id-k3"] && other.members.allSatisfy { $0.sink == "log" })
        try store.markDigestAttemptFailed(first, error: "HTTP 503", retryAt: late + 10)
        let again = try #require(try store.gatherDigest(sink: "hook", raisedBefore: late + 50))
        #expect(again.id == first.id && again.members.map(\.alertID) == ["id-k1", "id-k2"], "the same digest, not one with k4 added")
        #expect(again.attempts == 1 && again.nextAttempt == late + 10)
        try store.markDigestDelivered(again, at: late + 20)
        #expect(try store.pendingDeliveries().filter { $0.sink == "hook" }.map(\.alertID) == ["id-k4"])
        let next = try #require(try store.gatherDigest(sink: "hook", raisedBefore: late + 50))
        #expect(next.id == DeliveryDigest.id(firstAlert: "id-k4") && next.members.map(\.alertID) == ["id-k4"])
        try store.markDigestAttemptFailed(next, error: "HTTP 400", retryAt: nil)
        #expect(try store.failedDeliveries().map(\.alertID) == ["id-k4"])
        #expect(try store.gatherDigest(sink: "hook", raisedBefore: late + 50) == nil)
        #expect(try store.replayFailed() == 1)
        #expect(try store.gatherDigest(sink: "hook", raisedBefore: late + 50)?.members.map(\.alertID) == ["id-k4"], "a replayed alert is gathered again")
        #expect(try store.pendingDeliveries().filter { $0.sink == "log" }.count == 4, "another sink's queue is untouched")
    }

    @Test(arguments: StoreKind.allCases)
    func theOutboxSummaryCountsPerSink(kind: StoreKind) throws {
        let store = try kind.make(path: path)
        let raised = Date(timeIntervalSince1970: 1_800_000_000)
        try store.commit(entries: [], alerts: [alert("k1"), alert("k2", sinks: ["hook"])], at: raised)
        let head = try #require(try store.nextDelivery(sink: "log"))
        try store.markDelivered(head)
        let failing = try #require(try store.nextDelivery(sink: "hook"))
        try store.markAttemptFailed(failing, error: "HTTP 410", retryAt: nil)
        let summary = try store.outboxSummary()
        #expect(summary.sinks["hook"] == .init(pending: 1, oldestPending: raised))
        #expect(summary.sinks["log"] == nil && summary.pending == 1)
        #expect(summary.failed == 1 && summary.delivered == 1)
        #expect(summary.lastAlert?.id == "id-k2")
    }
}
