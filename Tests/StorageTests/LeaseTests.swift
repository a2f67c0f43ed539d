import Foundation
import PostgresKit
import PostgresStorage
import Storage
import Testing
import TestSupport

/// Leases on a real PostgreSQL server: what lets several instances share one database.
@Suite struct LeaseTests {
    private func store() throws -> PostgresStore { try PostgresStore(conninfo: try TestDatabase.freshSchema().conninfo) }
    private let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aFeedIsPolledByOneInstanceAtATimeAndADeadOnesLeaseLapses() throws {
        let store = try store()
        try store.registerFeed(url: "http://f", name: nil, firstPoll: now)
        let claim = try store.claimFeed(url: "http://f", owner: "a", until: now + 60, now: now, notPolledSince: nil)
        guard case .claimed(let record) = claim else {
            Issue.record("a due feed is claimed, got \(claim)")
            return
        }
        #expect(record.url == "http://f")
        #expect(try store.claimFeed(url: "http://f", owner: "b", until: now + 60, now: now + 1, notPolledSince: nil) == .leased(until: now + 60))
        // Instance a dies without releasing: b takes the feed once the lease has lapsed.
        guard case .claimed = try store.claimFeed(url: "http://f", owner: "b", until: now + 200, now: now + 61, notPolledSince: nil) else {
            Issue.record("the lapsed lease is taken over")
            return
        }
        var polled = record
        polled.nextPoll = now + 900
        polled.lastAttempt = now + 61
        try store.saveFeed(polled)
        try store.releaseFeed(url: "http://f", owner: "b")
        #expect(try store.claimFeed(url: "http://f", owner: "a", until: now + 200, now: now + 62, notPolledSince: nil) == .notDue(until: now + 900))
        // poll --once started before b polled it: not polled again; started after: polled.
        #expect(try store.claimFeed(url: "http://f", owner: "a", until: now + 200, now: now + 62, notPolledSince: now + 30) == .notDue(until: now + 900))
        guard case .claimed = try store.claimFeed(url: "http://f", owner: "a", until: now + 200, now: now + 62, notPolledSince: now + 62) else {
            Issue.record("poll --once claims a feed not polled since it started")
            return
        }
    }

    /// A batch is claimed in one statement, and each feed in it comes back with its own answer, in
    /// the batch's order: due, leased by another, not due, paused, not registered.
    @Test func aBatchClaimAnswersForEachFeedInOrder() throws {
        let store = try store()
        for url in ["http://due", "http://leased", "http://later", "http://paused"] {
            try store.registerFeed(url: url, name: nil, firstPoll: url == "http://later" ? now + 300 : now)
        }
        var paused = try #require(try store.feed(url: "http://paused"))
        paused.pausedReason = "HTTP 410 Gone"
        try store.saveFeed(paused)
        _ = try store.claimFeed(url: "http://leased", owner: "b", until: now + 90, now: now, notPolledSince: nil)
        let claims = try store.claimFeeds(["http://paused", "http://due", "http://unknown", "http://leased", "http://later"], owner: "a",
                                          until: now + 60, now: now + 1, notPolledSince: nil)
        #expect(claims.count == 5)
        #expect(claims[0] == .unavailable && claims[2] == .unavailable)
        guard case .claimed(let record) = claims[1] else {
            Issue.record("the due feed is claimed, got \(claims[1])")
            return
        }
        #expect(record.url == "http://due")
        #expect(claims[3] == .leased(until: now + 90))
        #expect(claims[4] == .notDue(until: now + 300))
        #expect(try store.claimFeeds([], owner: "a", until: now + 60, now: now, notPolledSince: nil).isEmpty)
    }

    /// Many claims at once, from many connections: each feed goes to exactly one of them.
    @Test func concurrentClaimsGiveEachFeedToOneInstance() async throws {
        let database = try TestDatabase.freshSchema()
        let setup = try PostgresStore(conninfo: database.conninfo)
        let urls = (1...40).map { "http://f/\($0)" }
        for url in urls { try setup.registerFeed(url: url, name: nil, firstPoll: now) }
        let owners = ["a", "b", "c", "d"]
        let stores = try owners.map { _ in try PostgresStore(conninfo: database.conninfo) }
        let claims = try await withThrowingTaskGroup(of: [String].self) { group in
            for (owner, store) in zip(owners, stores) {
                group.addTask {
                    // Overlapping batches of eight, each instance in its own order.
                    var claimed: [String] = []
                    let order = urls.shuffled()
                    for batch in stride(from: 0, to: order.count, by: 8).map({ Array(order[$0..<$0 + 8]) }) {
                        for case .claimed(let record) in try store.claimFeeds(batch, owner: owner, until: now + 60, now: now, notPolledSince: nil) {
                            claimed.append(record.url)
                        }
                    }
                    return claimed
                }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(claims.sorted() == urls.sorted(), "every feed claimed once: \(claims.count) claims")
    }

    /// A row locked by someone else's write (another instance registering its feeds, say) is skipped
    /// at once, not waited for, and a due feed comes back as "try again shortly", never as not due.
    @Test func aFeedLockedByAnotherWriteIsSkippedAndTriedAgain() throws {
        let database = try TestDatabase.freshSchema()
        let store = try PostgresStore(conninfo: database.conninfo)
        try store.registerFeed(url: "http://f", name: nil, firstPoll: now + 600)  // not due by the schedule
        let other = try Connection(conninfo: database.conninfo)
        try other.execute("BEGIN")
        try other.execute("SELECT url FROM feeds WHERE url = 'http://f' FOR UPDATE")
        // poll --once that started before any poll of it: due, so "leased" (retry), not "not due".
        #expect(try store.claimFeed(url: "http://f", owner: "a", until: now + 60, now: now, notPolledSince: now) == .leased(until: now + 1))
        #expect(try store.claimFeed(url: "http://f", owner: "a", until: now + 60, now: now, notPolledSince: nil) == .notDue(until: now + 600))
        try other.execute("ROLLBACK")
        guard case .claimed = try store.claimFeed(url: "http://f", owner: "a", until: now + 60, now: now, notPolledSince: now) else {
            Issue.record("claimed once the other transaction has ended")
            return
        }
    }

    /// A poll's record goes back with its lease in one statement; the record of an instance whose
    /// lease lapsed, and which another instance holds now, is not written over the new holder's.
    @Test func aRecordIsSavedWithItsLeaseAndAStaleHolderWritesNothing() throws {
        let store = try store()
        try store.registerFeed(url: "http://f", name: nil, firstPoll: now)
        guard case .claimed(var polled) = try store.claimFeed(url: "http://f", owner: "a", until: now + 60, now: now, notPolledSince: nil) else {
            Issue.record("a due feed is claimed")
            return
        }
        polled.nextPoll = now + 300
        polled.etag = "\"a\""
        #expect(try store.saveFeed(polled, releasingLeaseOf: "a"))
        #expect(try store.claimFeed(url: "http://f", owner: "b", until: now + 400, now: now + 1, notPolledSince: nil) == .notDue(until: now + 300),
                "saved and given back: not leased, not due")

        // a claims again, stalls past its lease; b takes the feed over and polls it.
        guard case .claimed = try store.claimFeed(url: "http://f", owner: "a", until: now + 360, now: now + 300, notPolledSince: nil),
              case .claimed(var taken) = try store.claimFeed(url: "http://f", owner: "b", until: now + 420, now: now + 361, notPolledSince: nil)
        else {
            Issue.record("the lapsed lease is taken over")
            return
        }
        polled.etag = "\"stale\""
        polled.lastAttempt = now + 300
        #expect(try store.saveFeed(polled, releasingLeaseOf: "a") == false, "the stale holder is fenced off")
        #expect(try store.feed(url: "http://f")?.etag == "\"a\"")
        taken.etag = "\"b\""
        taken.nextPoll = now + 700
        taken.lastAttempt = now + 361
        #expect(try store.saveFeed(taken, releasingLeaseOf: "b"))
        #expect(try store.feed(url: "http://f")?.etag == "\"b\"")
        // Once b has given the lease back too, a's older poll still does not write over b's.
        #expect(try store.saveFeed(polled, releasingLeaseOf: "a") == false)
        #expect(try store.feed(url: "http://f")?.etag == "\"b\"")
    }

    @Test func aSinkIsDeliveredByOneInstanceUntilItsLeaseLapses() throws {
        let store = try store()
        #expect(try store.claimSink("hook", owner: "a", until: now + 60, now: now))
        #expect(try store.claimSink("hook", owner: "a", until: now + 120, now: now + 30), "renewed by its holder")
        #expect(try store.claimSink("hook", owner: "b", until: now + 120, now: now + 100) == false)
        #expect(try store.claimSink("hook", owner: "b", until: now + 300, now: now + 121), "taken over once lapsed")
        try store.releaseSink("hook", owner: "b")
        #expect(try store.claimSink("hook", owner: "a", until: now + 400, now: now + 122))
    }

    @Test func instancesAreListedWithWhatTheyHold() throws {
        let store = try store()
        let started = Date().addingTimeInterval(-10)
        try store.heartbeat(InstanceRecord(id: "host:1:aa", host: "host", pid: 1, started: started, lastSeen: Date()))
        try store.registerFeed(url: "http://f", name: nil, firstPoll: .distantPast)
        _ = try store.claimFeed(url: "http://f", owner: "host:1:aa", until: Date() + 60, now: Date(), notPolledSince: nil)
        _ = try store.claimSink("hook", owner: "host:1:aa", until: Date() + 60, now: Date())
        let listed = try store.instances(seenSince: Date().addingTimeInterval(-60))
        #expect(listed.map(\.id) == ["host:1:aa"])
        #expect(listed.first?.feedLeases == 1 && listed.first?.sinkLeases == ["hook"])
    }
}

/// `feedwatch migrate`: one machine's SQLite state, copied to PostgreSQL, reads back the same.
@Suite struct MigrationTests {
    @Test func aSQLiteStateCopiedToPostgreSQLReadsTheSameAndASecondCopyAddsNothing() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-migrate-\(UUID().uuidString).sqlite").path
        let sqlite = try SQLiteStore(path: path)
        try sqlite.registerFeed(url: "http://f", name: "F", firstPoll: Date(timeIntervalSince1970: 1_800_000_000))
        try sqlite.setFetchURL(feed: "http://f", to: "http://g")
        let entry = EntryRecord(feedURL: "http://f", identity: "a", digest: "d", title: "A", link: "http://f/a", published: nil, text: "t")
        let alerts = ["k1", "k2", "k3"].map { NewAlert(id: "id-\($0)", key: $0, watchlist: "w", feedURL: "http://f", payload: "{}", sinks: ["log", "hook"]) }
        try sqlite.commit(entries: [entry], alerts: alerts, at: Date(timeIntervalSince1970: 1_800_000_100))
        try sqlite.markDelivered(try #require(try sqlite.nextDelivery(sink: "log")))
        try sqlite.markAttemptFailed(try #require(try sqlite.nextDelivery(sink: "hook")), error: "HTTP 500", retryAt: Date(timeIntervalSince1970: 1_800_000_200))

        let postgres = try PostgresStore(conninfo: try TestDatabase.freshSchema().conninfo)
        let added = try postgres.importSnapshot(try sqlite.snapshot())
        #expect(added.feeds == 1 && added.entries == 1 && added.alerts == 3 && added.deliveries == 6)
        #expect(try postgres.feeds() == sqlite.feeds())
        #expect(try postgres.seenIdentities(feedURL: "http://f", among: ["a", "b"]) == ["a"])
        #expect(try postgres.pendingDeliveries().map { "\($0.sink) \($0.alertID) \($0.attempts)" }
                == sqlite.pendingDeliveries().map { "\($0.sink) \($0.alertID) \($0.attempts)" })
        #expect(try postgres.outboxSummary() == sqlite.outboxSummary())
        #expect(try postgres.commit(entries: [], alerts: [alerts[0]]).isEmpty, "an alert raised before is not raised again")
        let again = try postgres.importSnapshot(try sqlite.snapshot())
        #expect(again.feeds == 0 && again.entries == 0 && again.alerts == 0 && again.deliveries == 0)

        // A second machine's state with the same story under another id: skipped, with its deliveries.
        let otherPath = path + "-other"
        let other = try SQLiteStore(path: otherPath)
        try other.commit(entries: [], alerts: [NewAlert(id: "id-other", key: "k1", watchlist: "w", feedURL: nil, payload: "{}", sinks: ["hook"])])
        let merged = try postgres.importSnapshot(try other.snapshot())
        #expect(merged.alerts == 0 && merged.deliveries == 0)
    }
}

/// A PostgreSQL restart while the store is in use: the call during the outage fails with a clear
/// error and keeps nothing half-way; the store reconnects by itself and goes on.
@Suite struct PostgresRestartTests {
    @Test func theStoreReconnectsAfterTheServerRestartsAndLosesNothing() throws {
        let cluster = try PrivateCluster()
        defer { cluster.stop() }
        let store = try PostgresStore(conninfo: cluster.conninfo)
        try store.registerFeed(url: "http://f", name: "F", firstPoll: .distantPast)
        let entry = EntryRecord(feedURL: "http://f", identity: "a", digest: nil, title: "A", link: nil, published: nil, text: nil)
        let alert = NewAlert(id: "id-a", key: "a", watchlist: "w", feedURL: "http://f", payload: "{}", sinks: ["hook"])

        try cluster.restart()
        #expect(try store.feed(url: "http://f")?.name == "F", "reconnected after a restart")

        try cluster.stopServerOnly()
        #expect(throws: StoreError.self) { try store.commit(entries: [entry], alerts: [alert]) }
        try cluster.start()
        #expect(try store.seenIdentities(feedURL: "http://f", among: ["a"]).isEmpty, "nothing of the failed commit was kept")
        #expect(try store.commit(entries: [entry], alerts: [alert]).map(\.id) == ["id-a"], "the retry raises it")
        #expect(try store.pendingDeliveries().map(\.alertID) == ["id-a"])
    }
}
