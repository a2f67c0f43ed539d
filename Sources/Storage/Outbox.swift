import Foundation
import SQLiteKit

/// The alert outbox: each sink takes its deliveries strictly in the order the alerts were raised.
extension SQLiteStore {
    public func nextDelivery(sink: String) throws(StoreError) -> Delivery? {
        try withDatabase { database in
            let statement = try database.prepare("""
                SELECT d.seq, d.alert_id, d.sink, d.state, d.attempts, d.next_attempt, d.last_error, a.payload, a.created
                FROM deliveries d JOIN alerts a ON a.id = d.alert_id
                WHERE d.sink = ? AND d.state = 'pending' ORDER BY d.seq LIMIT 1
                """)
            try statement.bind([.text(sink)])
            return try statement.step() ? Self.delivery(statement) : nil
        }
    }

    public func markDelivered(_ delivery: Delivery, at now: Date) throws(StoreError) {
        try withDatabase { database in
            try database.prepare("""
                UPDATE deliveries SET state = 'delivered', attempts = attempts + 1, delivered_at = ?, last_error = NULL WHERE seq = ?
                """).run([.real(now.timeIntervalSince1970), .int(delivery.sequence)])
        }
    }

    public func markAttemptFailed(_ delivery: Delivery, error: String, retryAt: Date?) throws(StoreError) {
        try withDatabase { database in
            if let retryAt {
                try database.prepare("""
                    UPDATE deliveries SET attempts = attempts + 1, last_error = ?, next_attempt = ? WHERE seq = ?
                    """).run([.text(error), .real(retryAt.timeIntervalSince1970), .int(delivery.sequence)])
            } else {
                try database.prepare("""
                    UPDATE deliveries SET state = 'failed', attempts = attempts + 1, last_error = ? WHERE seq = ?
                    """).run([.text(error), .int(delivery.sequence)])
            }
        }
    }

    /// Deliveries that failed for good, oldest first.
    public func failedDeliveries() throws(StoreError) -> [Delivery] {
        try deliveries(where: "d.state = 'failed'")
    }

    public func pendingDeliveries() throws(StoreError) -> [Delivery] {
        try deliveries(where: "d.state = 'pending'")
    }

    /// Puts failed deliveries back in their queues (all of them, or one alert's), to be sent again.
    @discardableResult
    public func replayFailed(alertID: String?, at now: Date) throws(StoreError) -> Int {
        try withDatabase { database in
            try database.prepare("""
                UPDATE deliveries SET state = 'pending', next_attempt = ?, attempts = 0
                WHERE state = 'failed' AND (? IS NULL OR alert_id = ?)
                """).run([.real(now.timeIntervalSince1970), .optional(alertID), .optional(alertID)])
            return database.changes
        }
    }

    public func alerts(since: Date) throws(StoreError) -> [StoredAlert] {
        try withDatabase { database in
            let statement = try database.prepare("""
                SELECT id, watchlist, feed_url, created, payload FROM alerts WHERE created >= ? ORDER BY created, rowid
                """)
            try statement.bind([.real(since.timeIntervalSince1970)])
            var alerts: [StoredAlert] = []
            while try statement.step() { alerts.append(Self.storedAlert(statement)) }
            return alerts
        }
    }

    public func outboxSummary() throws(StoreError) -> OutboxSummary {
        try withDatabase { database in
            var sinks: [String: OutboxSummary.SinkQueue] = [:]
            let queues = try database.prepare("""
                SELECT d.sink, count(*), min(a.created) FROM deliveries d JOIN alerts a ON a.id = d.alert_id
                WHERE d.state = 'pending' GROUP BY d.sink
                """)
            while try queues.step() {
                sinks[queues.text(0) ?? ""] = .init(pending: queues.int(1),
                                                    oldestPending: queues.isNull(2) ? nil : Date(timeIntervalSince1970: queues.double(2)))
            }
            let states = try database.prepare("SELECT state, count(*) FROM deliveries WHERE state <> 'pending' GROUP BY state")
            var counts: [String: Int] = [:]
            while try states.step() { counts[states.text(0) ?? ""] = states.int(1) }
            let last = try database.prepare("SELECT id, watchlist, feed_url, created, payload FROM alerts ORDER BY created DESC, rowid DESC LIMIT 1")
            let lastAlert = try last.step() ? Self.storedAlert(last) : nil
            return OutboxSummary(sinks: sinks, failed: counts["failed", default: 0], delivered: counts["delivered", default: 0],
                                 lastAlert: lastAlert)
        }
    }

    static func storedAlert(_ row: Statement) -> StoredAlert {
        StoredAlert(id: row.text(0) ?? "", watchlist: row.text(1) ?? "", feedURL: row.text(2),
                    created: Date(timeIntervalSince1970: row.double(3)), payload: row.text(4) ?? "")
    }

    private func deliveries(where condition: String) throws(StoreError) -> [Delivery] {
        try withDatabase { database in
            let statement = try database.prepare("""
                SELECT d.seq, d.alert_id, d.sink, d.state, d.attempts, d.next_attempt, d.last_error, a.payload, a.created
                FROM deliveries d JOIN alerts a ON a.id = d.alert_id WHERE \(condition) ORDER BY d.seq
                """)
            var deliveries: [Delivery] = []
            while try statement.step() { deliveries.append(Self.delivery(statement)) }
            return deliveries
        }
    }

    static func delivery(_ row: Statement) -> Delivery {
        Delivery(sequence: row.int(0), alertID: row.text(1) ?? "", sink: row.text(2) ?? "",
                 state: DeliveryState(rawValue: row.text(3) ?? "") ?? .pending, attempts: row.int(4),
                 nextAttempt: Date(timeIntervalSince1970: row.double(5)), lastError: row.text(6), payload: row.text(7) ?? "",
                 created: Date(timeIntervalSince1970: row.double(8)))
    }
}
