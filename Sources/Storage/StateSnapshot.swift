import Foundation
import SQLiteKit

/// Everything a store holds, for `feedwatch migrate`: moving one machine's SQLite state to a
/// PostgreSQL database shared by several instances.
public struct StateSnapshot: Sendable {
    public struct Entry: Sendable {
        public var record: EntryRecord
        public var firstSeen: Date
    }


    public var feeds: [FeedRecord] = []
    public var entries: [Entry] = []
    /// In the order raised, each with its key.
    public var alerts: [(alert: StoredAlert, key: String)] = []
    /// In each sink's queue order, with when each delivered one was.
    public var deliveries: [(delivery: Delivery, deliveredAt: Date?)] = []

    public init() {}
}

extension SQLiteStore {
    /// The whole state, read in one transaction so that it is consistent.
    public func snapshot() throws(StoreError) -> StateSnapshot {
        try withDatabase { database in
            try database.transaction {
                var snapshot = StateSnapshot()
                let feeds = try database.prepare("SELECT \(FeedRecord.columns) FROM feeds ORDER BY url")
                while try feeds.step() { snapshot.feeds.append(FeedRecord(row: feeds)) }
                let entries = try database.prepare(
                    "SELECT feed_url, identity, digest, title, link, published, text, first_seen FROM entries ORDER BY first_seen")
                while try entries.step() {
                    snapshot.entries.append(.init(
                        record: EntryRecord(feedURL: entries.text(0) ?? "", identity: entries.text(1) ?? "", digest: entries.text(2),
                                            title: entries.text(3), link: entries.text(4),
                                            published: entries.number(at: 5).map(Date.init(timeIntervalSince1970:)), text: entries.text(6)),
                        firstSeen: Date(timeIntervalSince1970: entries.double(7))))
                }
                let alerts = try database.prepare("SELECT id, watchlist, feed_url, created, payload, alert_key FROM alerts ORDER BY rowid")
                while try alerts.step() { snapshot.alerts.append((Self.storedAlert(alerts), alerts.text(5) ?? "")) }
                let deliveries = try database.prepare("""
                    SELECT d.seq, d.alert_id, d.sink, d.state, d.attempts, d.next_attempt, d.last_error, a.payload, a.created,
                        d.delivered_at FROM deliveries d JOIN alerts a ON a.id = d.alert_id ORDER BY d.seq
                    """)
                while try deliveries.step() {
                    snapshot.deliveries.append((Self.delivery(deliveries), deliveries.number(at: 9).map(Date.init(timeIntervalSince1970:))))
                }
                return snapshot
            }
        }
    }
}
