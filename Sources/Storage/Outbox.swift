import Foundation
import SQLiteKit

/// The alert outbox: each sink takes its deliveries strictly in the order the alerts were raised.
extension Store {
    /// The oldest delivery for `sink` that is not delivered or finally failed, or nil.
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

    public func markDelivered(_ delivery: Delivery, at now: Date = Date()) throws(StoreError) {
        try withDatabase { database in
            try database.prepare("""
                UPDATE deliveries SET state = 'delivered', attempts = attempts + 1, delivered_at = ?, last_error = NULL WHERE seq = ?
                """).run([.real(now.timeIntervalSince1970), .int(delivery.sequence)])
        }
    }

    /// Records a failed attempt: retried at `retryAt`, or failed for good when `retryAt` is nil.
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
    public func replayFailed(alertID: String? = nil, at now: Date = Date()) throws(StoreError) -> Int {
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
            while try statement.step() {
                alerts.append(StoredAlert(id: statement.text(0) ?? "", watchlist: statement.text(1) ?? "", feedURL: statement.text(2),
                                          created: Date(timeIntervalSince1970: statement.double(3)), payload: statement.text(4) ?? ""))
            }
            return alerts
        }
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
