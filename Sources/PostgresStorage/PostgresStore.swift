import Foundation
import PostgresKit
import Storage

/// The store in PostgreSQL, with the same rules as `SQLiteStore`: one alert per key (a unique
/// constraint, which also holds across instances), seen-marks and alerts in one transaction, each
/// sink's queue in the order raised. A few connections, each used by one call at a time; a
/// connection lost (a server restart) is re-established once before a call fails.
public final class PostgresStore: StateStore {
    private let pool: ConnectionPool
    /// Enough for an instance's processing lanes, its claims and its sink workers to go on at once.
    public static let defaultConnections = 4
    /// Migrations of concurrent starts are serialised by this advisory lock's key.
    static let migrationLock = 0x6665_6564_7761_7463  // "feedwatc"
    /// Serialises the commits that raise alerts.
    static let outboxLock = 0x6677_6F75_7462_6F78  // "fwoutbox"

    public init(conninfo: String, connections: Int = defaultConnections) throws(StoreError) {
        let connection: Connection
        do {
            connection = try Connection(conninfo: Self.withTimeouts(conninfo))
            try connection.transaction {
                try connection.execute("SELECT pg_advisory_xact_lock($1)", [.integer(Self.migrationLock)])
                try connection.execute("CREATE TABLE IF NOT EXISTS feedwatch_schema (version integer NOT NULL)")
                let current = try connection.execute("SELECT max(version) FROM feedwatch_schema").first?.int(0) ?? 0
                for (index, migration) in PostgresSchema.migrations.enumerated() where index >= current {
                    try connection.executeScript(migration)
                    try connection.execute("INSERT INTO feedwatch_schema (version) VALUES ($1)", [.integer(index + 1)])
                }
            }
        } catch {
            throw StoreError("cannot open the PostgreSQL state database: \(error)")
        }
        pool = ConnectionPool(conninfo: Self.withTimeouts(conninfo), maximum: connections, first: connection)
    }

    /// Bounds for a server that stops answering, unless the connection string sets its own: a call
    /// holds its connection while it waits, and this instance's leases lapse meanwhile.
    static func withTimeouts(_ conninfo: String) -> String {
        let settings = [("connect_timeout", "10"), ("keepalives_idle", "30"), ("keepalives_interval", "10"), ("keepalives_count", "3"),
                        ("tcp_user_timeout", "30000")]
        let missing = settings.filter { !conninfo.contains($0.0 + "=") }.map { "\($0.0)=\($0.1)" }
        guard !missing.isEmpty else { return conninfo }
        guard conninfo.hasPrefix("postgres://") || conninfo.hasPrefix("postgresql://") else {
            return conninfo + " " + missing.joined(separator: " ")
        }
        return conninfo + (conninfo.contains("?") ? "&" : "?") + missing.joined(separator: "&")
    }

    /// Runs `body` on a connection of its own, reconnecting once if the server went away meanwhile.
    @discardableResult
    func withConnection<T>(_ body: (Connection) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.withConnection { connection in
                do {
                    if !connection.isConnected { try connection.reconnect() }
                    return try body(connection)
                } catch let error as PostgresError where error.kind == .connection {
                    try connection.reconnect()
                    return try body(connection)
                }
            }
        } catch let error as PostgresError where error.kind == .connection {
            throw StoreError("the PostgreSQL state database is unreachable: \(error)")
        } catch {
            throw StoreError("PostgreSQL state database error: \(error)")
        }
    }

    static func time(_ date: Date?) -> PostgresValue { .optional(date?.timeIntervalSince1970) }
    static func date(_ row: Row, _ column: Int) -> Date? { row.double(column).map(Date.init(timeIntervalSince1970:)) }

    // MARK: Feeds

    public func registerFeed(url: String, name: String?, firstPoll: Date) throws(StoreError) {
        try withConnection { connection in
            try connection.execute("""
                INSERT INTO feeds (url, name, next_poll) VALUES ($1, $2, $3)
                ON CONFLICT (url) DO UPDATE SET name = excluded.name
                """, [.text(url), .optional(name), .double(firstPoll.timeIntervalSince1970)])
        }
    }

    public func registerFeeds(_ feeds: [FeedRegistration]) throws(StoreError) {
        var seen = Set<String>()
        let unique = feeds.filter { seen.insert($0.url).inserted }  // a row may be touched once per statement
        try withConnection { connection in
            for start in stride(from: 0, to: unique.count, by: 1_000) {
                let batch = unique[start..<min(start + 1_000, unique.count)]
                try connection.execute("""
                    INSERT INTO feeds (url, name, next_poll) SELECT * FROM unnest($1::text[], $2::text[], $3::double precision[])
                    ON CONFLICT (url) DO UPDATE SET name = excluded.name
                    """, [.textArray(batch.map(\.url)), .textArray(batch.map(\.name)),
                          .numberArray(batch.map(\.firstPoll.timeIntervalSince1970))])
            }
        }
    }

    public func feed(url: String) throws(StoreError) -> FeedRecord? {
        try withConnection { connection in
            try connection.execute("SELECT \(FeedRecord.columns) FROM feeds WHERE url = $1", [.text(url)]).first.map { FeedRecord(row: $0) }
        }
    }

    public func feeds() throws(StoreError) -> [FeedRecord] {
        try withConnection { connection in
            try connection.execute("SELECT \(FeedRecord.columns) FROM feeds ORDER BY url COLLATE \"C\"").all.map { FeedRecord(row: $0) }
        }
    }

    public func saveFeed(_ record: FeedRecord) throws(StoreError) {
        try withConnection { connection in _ = try Self.update(record, on: connection) }
    }

    /// Writes a feed's record; with `releasing`, gives that owner's lease back in the same statement,
    /// and writes nothing if another instance holds the feed now. Whether it was written.
    static func update(_ record: FeedRecord, on connection: Connection, releasing owner: String? = nil) throws -> Bool {
        let lease = owner == nil ? "" : ", lease_owner = NULL, lease_expires = NULL"
        // Unleased is fine when nobody polled it since (this instance gave its leases back at a stop,
        // or a retry after a reconnect): a newer poll's record must not be written over.
        let fence = owner == nil ? "" : " AND (lease_owner = $15 OR (lease_owner IS NULL AND coalesce(last_attempt, 0) <= coalesce($7::double precision, 0)))"
        return try connection.execute("""
            UPDATE feeds SET name = $1, etag = $2, last_modified = $3, last_status = $4, last_error = $5,
                consecutive_failures = $6, last_attempt = $7, last_success = $8, next_poll = $9, initialized = $10,
                paused_reason = $11, unhealthy = $12, failing_since = $13\(lease) WHERE url = $14\(fence)
            """, [
                .optional(record.name), .optional(record.etag), .optional(record.lastModified),
                record.lastStatus.map(PostgresValue.integer) ?? .null, .optional(record.lastError), .integer(record.consecutiveFailures),
                time(record.lastAttempt), time(record.lastSuccess), .double(record.nextPoll.timeIntervalSince1970),
                .bool(record.initialized), .optional(record.pausedReason), .bool(record.unhealthy), time(record.failingSince),
                .text(record.url),
            ] + (owner.map { [PostgresValue.text($0)] } ?? [])).affected > 0
    }

    public func fetchURL(feed url: String) throws(StoreError) -> String {
        try withConnection { connection in
            try connection.execute("SELECT fetch_url FROM feeds WHERE url = $1", [.text(url)]).first?.text(0) ?? url
        }
    }

    public func setFetchURL(feed url: String, to fetchURL: String) throws(StoreError) {
        try withConnection { connection in
            try connection.execute("UPDATE feeds SET fetch_url = $1 WHERE url = $2", [.text(fetchURL), .text(url)])
        }
    }

    // MARK: Entries

    public func seenIdentities(feedURL: String, among identities: [String]) throws(StoreError) -> Set<String> {
        guard !identities.isEmpty else { return [] }
        return try withConnection { connection in
            let rows = try connection.execute("SELECT identity FROM entries WHERE feed_url = $1 AND identity = ANY($2::text[])",
                                              [.text(feedURL), .textArray(identities)])
            return Set(rows.all.compactMap { $0.text(0) })
        }
    }

    @discardableResult
    public func commit(entries: [EntryRecord], alerts: [NewAlert], at now: Date) throws(StoreError) -> [NewAlert] {
        var attempts = 0
        return try withConnection { connection in
            attempts += 1
            let retried = attempts > 1
            return try connection.transaction {
                let time = PostgresValue.double(now.timeIntervalSince1970)
                for entry in entries {
                    try connection.execute("""
                        INSERT INTO entries (feed_url, identity, digest, first_seen, title, link, published, text)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING
                        """, [.text(entry.feedURL), .text(entry.identity), .optional(entry.digest), time, .optional(entry.title),
                              .optional(entry.link), Self.time(entry.published), .optional(entry.text)])
                }
                var raised: [NewAlert] = []
                // One committer of alerts at a time: each sink's queue (by seq) is then in commit order,
                // and two instances inserting the same keys in another order cannot deadlock.
                if !alerts.isEmpty { try connection.execute("SELECT pg_advisory_xact_lock($1)", [.integer(Self.outboxLock)]) }
                for alert in alerts {
                    // The key's unique constraint decides, even against another instance committing the
                    // same story at the same moment: that insert waits for ours, then does nothing.
                    let inserted = try connection.execute("""
                        INSERT INTO alerts (id, alert_key, watchlist, feed_url, created, payload) VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT DO NOTHING
                        """, [.text(alert.id), .text(alert.key), .text(alert.watchlist), .optional(alert.feedURL), time, .text(alert.payload)])
                    // Nothing inserted: raised before, or by this very call when a reconnect retried it
                    // after the COMMIT's reply was lost (the id is new at every raise, so it tells).
                    var isNew = inserted.affected > 0
                    if !isNew, retried {
                        isNew = try connection.execute("SELECT 1 FROM alerts WHERE alert_key = $1 AND id = $2",
                                                       [.text(alert.key), .text(alert.id)]).first != nil
                    }
                    guard isNew else { continue }
                    var queued = Set<String>()
                    for sink in alert.sinks where queued.insert(sink).inserted {
                        try connection.execute("INSERT INTO deliveries (alert_id, sink, next_attempt) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                                               [.text(alert.id), .text(sink), time])
                    }
                    raised.append(alert)
                }
                return raised
            }
        }
    }

    public func pruneEntryText(olderThan cutoff: Date) throws(StoreError) -> Int {
        try withConnection { connection in
            try connection.execute("UPDATE entries SET text = NULL, title = NULL WHERE first_seen < $1 AND text IS NOT NULL",
                                   [.double(cutoff.timeIntervalSince1970)]).affected
        }
    }

    public func recentEntries(since: Date) throws(StoreError) -> [EntryRecord] {
        try withConnection { connection in
            try connection.execute("""
                SELECT feed_url, identity, digest, title, link, published, text FROM entries
                WHERE first_seen >= $1 AND text IS NOT NULL ORDER BY first_seen DESC
                """, [.double(since.timeIntervalSince1970)]).all.map { row in
                EntryRecord(feedURL: row.text(0) ?? "", identity: row.text(1) ?? "", digest: row.text(2), title: row.text(3),
                            link: row.text(4), published: Self.date(row, 5), text: row.text(6))
            }
        }
    }
}

extension Row: StoreRow {
    public func text(at column: Int) -> String? { text(column) }
    public func integer(at column: Int) -> Int? { isNull(column) ? nil : int(column) }
    public func number(at column: Int) -> Double? { double(column) }
    public func flag(at column: Int) -> Bool { bool(column) }
}
