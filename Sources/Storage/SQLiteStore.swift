import Foundation
import SQLiteKit
import Synchronization

/// The daemon's memory, in one SQLite file (WAL mode): feed state and validators, seen entries, and
/// the alert outbox. All access goes through one connection behind a lock; every method is one
/// short statement or one transaction, so callers on any thread can use it.
public final class SQLiteStore: StateStore {
    /// Only touched while `lock` is held.
    private nonisolated(unsafe) let connection: Database
    /// A plain pthread mutex rather than `Mutex`: on Linux that one is a priority-inheriting futex,
    /// and the fetch thread and the processing tasks contend here on every poll (measured: 10% of
    /// the daemon's CPU went to the kernel's rt_mutex path).
    private let lock = NSLock()
    public let path: String

    public init(path: String) throws(StoreError) {
        let database: Database
        do {
            database = try Database(path: path)
            try Self.migrate(database)
        } catch let error as SQLiteError {
            throw StoreError("cannot open the state database", underlying: error)
        } catch {
            throw StoreError("cannot open the state database at \(path): \(error)")
        }
        self.path = path
        connection = database
    }

    private static func migrate(_ database: Database) throws {
        let current = try database.userVersion
        for (index, migration) in Schema.migrations.enumerated() where index >= current {
            try database.transaction {
                try database.execute(migration)
                try database.execute("PRAGMA user_version = \(index + 1)")
            }
        }
    }

    func withDatabase<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try lock.withLock { try body(connection) }
        } catch let error as SQLiteError {
            throw StoreError(error.isBusy ? "the state database is locked by another process" : "state database error",
                             underlying: error)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("state database error: \(error)")
        }
    }

    // MARK: Feeds

    /// Makes sure a configured feed has a row; a new one is due at `firstPoll`.
    public func registerFeed(url: String, name: String?, firstPoll: Date) throws(StoreError) {
        try withDatabase { database in
            try database.prepare("""
                INSERT INTO feeds (url, name, next_poll) VALUES (?, ?, ?)
                ON CONFLICT (url) DO UPDATE SET name = excluded.name
                """).run([.text(url), .optional(name), .real(firstPoll.timeIntervalSince1970)])
        }
    }

    public func feed(url: String) throws(StoreError) -> FeedRecord? {
        try withDatabase { database in
            let statement = try database.prepare("SELECT \(FeedRecord.columns) FROM feeds WHERE url = ?")
            try statement.bind([.text(url)])
            return try statement.step() ? FeedRecord(row: statement) : nil
        }
    }

    public func feeds() throws(StoreError) -> [FeedRecord] {
        try withDatabase { database in
            let statement = try database.prepare("SELECT \(FeedRecord.columns) FROM feeds ORDER BY url")
            var records: [FeedRecord] = []
            while try statement.step() { records.append(FeedRecord(row: statement)) }
            return records
        }
    }

    /// Saves what a poll learnt about a feed (validators, status, failures, next poll time).
    public func saveFeed(_ record: FeedRecord) throws(StoreError) {
        try withDatabase { database in
            try database.prepare("""
                UPDATE feeds SET name = ?, etag = ?, last_modified = ?, last_status = ?, last_error = ?,
                    consecutive_failures = ?, last_attempt = ?, last_success = ?, next_poll = ?, initialized = ?,
                    paused_reason = ?, unhealthy = ?, failing_since = ? WHERE url = ?
                """).run([
                    .optional(record.name), .optional(record.etag), .optional(record.lastModified), .int(record.lastStatus),
                    .optional(record.lastError), .int(record.consecutiveFailures), Self.date(record.lastAttempt),
                    Self.date(record.lastSuccess), .real(record.nextPoll.timeIntervalSince1970), .int(record.initialized ? 1 : 0),
                    .optional(record.pausedReason), .int(record.unhealthy ? 1 : 0), Self.date(record.failingSince), .text(record.url),
                ])
        }
    }

    static func date(_ date: Date?) -> SQLiteValue { date.map { .real($0.timeIntervalSince1970) } ?? .null }

    // MARK: Entries

    public func seenIdentities(feedURL: String, among identities: [String]) throws(StoreError) -> Set<String> {
        try withDatabase { database in
            let statement = try database.prepare("SELECT 1 FROM entries WHERE feed_url = ? AND identity = ?")
            var seen = Set<String>()
            for identity in identities {
                try statement.bind([.text(feedURL), .text(identity)])
                if try statement.step() { seen.insert(identity) }
            }
            return seen
        }
    }

    @discardableResult
    public func commit(entries: [EntryRecord], alerts: [NewAlert], at now: Date) throws(StoreError) -> [NewAlert] {
        try withDatabase { database in
            try database.transaction {
                let insertEntry = try database.prepare("""
                    INSERT OR IGNORE INTO entries (feed_url, identity, digest, first_seen, title, link, published, text)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for entry in entries {
                    try insertEntry.run([.text(entry.feedURL), .text(entry.identity), .optional(entry.digest),
                                         .real(now.timeIntervalSince1970), .optional(entry.title), .optional(entry.link),
                                         Self.date(entry.published), .optional(entry.text)])
                }
                let insertAlert = try database.prepare("""
                    INSERT OR IGNORE INTO alerts (id, alert_key, watchlist, feed_url, created, payload) VALUES (?, ?, ?, ?, ?, ?)
                    """)
                let insertDelivery = try database.prepare("""
                    INSERT OR IGNORE INTO deliveries (alert_id, sink, next_attempt) VALUES (?, ?, ?)
                    """)
                var raised: [NewAlert] = []
                for alert in alerts {
                    try insertAlert.run([.text(alert.id), .text(alert.key), .text(alert.watchlist), .optional(alert.feedURL),
                                         .real(now.timeIntervalSince1970), .text(alert.payload)])
                    guard database.changes > 0 else { continue }
                    for sink in alert.sinks {
                        try insertDelivery.run([.text(alert.id), .text(sink), .real(now.timeIntervalSince1970)])
                    }
                    raised.append(alert)
                }
                return raised
            }
        }
    }

    /// Drops the text of entries first seen before `cutoff`, keeping their identity as a tombstone.
    public func pruneEntryText(olderThan cutoff: Date) throws(StoreError) -> Int {
        try withDatabase { database in
            try database.prepare("UPDATE entries SET text = NULL, title = NULL WHERE first_seen < ? AND text IS NOT NULL")
                .run([.real(cutoff.timeIntervalSince1970)])
            return database.changes
        }
    }

    /// Entries with their text, first seen after `since`, newest first (for testing watch-lists on history).
    public func recentEntries(since: Date) throws(StoreError) -> [EntryRecord] {
        try withDatabase { database in
            let statement = try database.prepare("""
                SELECT feed_url, identity, digest, title, link, published, text FROM entries
                WHERE first_seen >= ? AND text IS NOT NULL ORDER BY first_seen DESC
                """)
            try statement.bind([.real(since.timeIntervalSince1970)])
            var entries: [EntryRecord] = []
            while try statement.step() {
                entries.append(EntryRecord(feedURL: statement.text(0) ?? "", identity: statement.text(1) ?? "", digest: statement.text(2),
                                           title: statement.text(3), link: statement.text(4),
                                           published: statement.isNull(5) ? nil : Date(timeIntervalSince1970: statement.double(5)),
                                           text: statement.text(6)))
            }
            return entries
        }
    }
}

/// A store failure: what failed, and SQLite's explanation when there is one.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let underlying: SQLiteError?

    public init(_ message: String, underlying: SQLiteError? = nil) {
        self.message = message
        self.underlying = underlying
    }

    public var description: String { underlying.map { "store: \(message): \($0)" } ?? "store: \(message)" }
}

extension Statement: StoreRow {
    public func text(at column: Int) -> String? { text(Int32(column)) }
    public func integer(at column: Int) -> Int? { isNull(Int32(column)) ? nil : int(Int32(column)) }
    public func number(at column: Int) -> Double? { isNull(Int32(column)) ? nil : double(Int32(column)) }
    public func flag(at column: Int) -> Bool { int(Int32(column)) != 0 }
}
