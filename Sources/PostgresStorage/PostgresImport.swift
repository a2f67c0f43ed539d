import Foundation
import PostgresKit
import Storage

extension PostgresStore {
    /// Writes a snapshot in one transaction. What the database already holds is kept (a second run
    /// adds nothing), and each sink's queue keeps its order. Returns what was added.
    @discardableResult
    public func importSnapshot(_ snapshot: StateSnapshot) throws(StoreError) -> (feeds: Int, entries: Int, alerts: Int, deliveries: Int) {
        try withConnection { connection in
            try connection.transaction {
                var added = (feeds: 0, entries: 0, alerts: 0, deliveries: 0)
                for feed in snapshot.feeds {
                    added.feeds += try connection.execute("""
                        INSERT INTO feeds (url, name, etag, last_modified, last_status, last_error, consecutive_failures, last_attempt,
                            last_success, next_poll, initialized, paused_reason, unhealthy, failing_since, fetch_url)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                        ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                            last_status = excluded.last_status, last_error = excluded.last_error,
                            consecutive_failures = excluded.consecutive_failures, last_attempt = excluded.last_attempt,
                            last_success = excluded.last_success, next_poll = excluded.next_poll, initialized = excluded.initialized,
                            paused_reason = excluded.paused_reason, unhealthy = excluded.unhealthy, failing_since = excluded.failing_since,
                            fetch_url = excluded.fetch_url
                        WHERE NOT feeds.initialized AND excluded.initialized  -- registered by an instance, never polled: the copy wins
                        """, [.text(feed.url), .optional(feed.name), .optional(feed.etag), .optional(feed.lastModified),
                              feed.lastStatus.map(PostgresValue.integer) ?? .null, .optional(feed.lastError),
                              .integer(feed.consecutiveFailures), Self.time(feed.lastAttempt), Self.time(feed.lastSuccess),
                              .double(feed.nextPoll.timeIntervalSince1970), .bool(feed.initialized), .optional(feed.pausedReason),
                              .bool(feed.unhealthy), Self.time(feed.failingSince), .optional(feed.fetchURL)]).affected
                }
                for entry in snapshot.entries {
                    let record = entry.record
                    added.entries += try connection.execute("""
                        INSERT INTO entries (feed_url, identity, digest, first_seen, title, link, published, text)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING
                        """, [.text(record.feedURL), .text(record.identity), .optional(record.digest),
                              .double(entry.firstSeen.timeIntervalSince1970), .optional(record.title), .optional(record.link),
                              Self.time(record.published), .optional(record.text)]).affected
                }
                for (alert, key) in snapshot.alerts {
                    added.alerts += try connection.execute("""
                        INSERT INTO alerts (id, alert_key, watchlist, feed_url, created, payload) VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT DO NOTHING
                        """, [.text(alert.id), .text(key), .text(alert.watchlist), .optional(alert.feedURL),
                              .double(alert.created.timeIntervalSince1970), .text(alert.payload)]).affected
                }
                for (delivery, deliveredAt) in snapshot.deliveries {
                    added.deliveries += try connection.execute("""
                        INSERT INTO deliveries (alert_id, sink, state, attempts, next_attempt, last_error, delivered_at)
                        SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM alerts WHERE id = $1)
                        ON CONFLICT DO NOTHING
                        """, [.text(delivery.alertID), .text(delivery.sink), .text(delivery.state.rawValue), .integer(delivery.attempts),
                              .double(delivery.nextAttempt.timeIntervalSince1970), .optional(delivery.lastError),
                              Self.time(deliveredAt)]).affected
                }
                return added
            }
        }
    }
}
