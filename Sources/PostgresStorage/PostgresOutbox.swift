import Foundation
import PostgresKit
import Storage

/// The outbox in PostgreSQL: each sink takes its deliveries strictly in the order raised.
extension PostgresStore {
    static let deliveryColumns = """
        d.seq, d.alert_id, d.sink, d.state, d.attempts, d.next_attempt, d.last_error, a.payload, a.created
        FROM deliveries d JOIN alerts a ON a.id = d.alert_id
        """

    static func delivery(_ row: Row) -> Delivery {
        Delivery(sequence: row.int(0), alertID: row.text(1) ?? "", sink: row.text(2) ?? "",
                 state: DeliveryState(rawValue: row.text(3) ?? "") ?? .pending, attempts: row.int(4),
                 nextAttempt: date(row, 5) ?? .distantPast, lastError: row.text(6), payload: row.text(7) ?? "",
                 created: date(row, 8) ?? .distantPast)
    }

    static func storedAlert(_ row: Row) -> StoredAlert {
        StoredAlert(id: row.text(0) ?? "", watchlist: row.text(1) ?? "", feedURL: row.text(2), created: date(row, 3) ?? .distantPast,
                    payload: row.text(4) ?? "")
    }

    public func nextDelivery(sink: String) throws(StoreError) -> Delivery? {
        try withConnection { connection in
            try connection.execute("SELECT \(Self.deliveryColumns) WHERE d.sink = $1 AND d.state = 'pending' ORDER BY d.seq LIMIT 1",
                                   [.text(sink)]).first.map(Self.delivery)
        }
    }

    public func markDelivered(_ delivery: Delivery, at now: Date) throws(StoreError) {
        try withConnection { connection in
            try connection.execute("""
                UPDATE deliveries SET state = 'delivered', attempts = attempts + 1, delivered_at = $1, last_error = NULL WHERE seq = $2
                """, [.double(now.timeIntervalSince1970), .integer(delivery.sequence)])
        }
    }

    public func markAttemptFailed(_ delivery: Delivery, error: String, retryAt: Date?) throws(StoreError) {
        try withConnection { connection in
            if let retryAt {
                try connection.execute("UPDATE deliveries SET attempts = attempts + 1, last_error = $1, next_attempt = $2 WHERE seq = $3",
                                       [.text(error), .double(retryAt.timeIntervalSince1970), .integer(delivery.sequence)])
            } else {
                try connection.execute("UPDATE deliveries SET state = 'failed', attempts = attempts + 1, last_error = $1 WHERE seq = $2",
                                       [.text(error), .integer(delivery.sequence)])
            }
        }
    }

    public func failedDeliveries() throws(StoreError) -> [Delivery] { try deliveries(inState: "failed") }

    public func pendingDeliveries() throws(StoreError) -> [Delivery] { try deliveries(inState: "pending") }

    private func deliveries(inState state: String) throws(StoreError) -> [Delivery] {
        try withConnection { connection in
            try connection.execute("SELECT \(Self.deliveryColumns) WHERE d.state = $1 ORDER BY d.seq", [.text(state)]).all.map(Self.delivery)
        }
    }

    @discardableResult
    public func replayFailed(alertID: String?, at now: Date) throws(StoreError) -> Int {
        try withConnection { connection in
            try connection.execute("""
                UPDATE deliveries SET state = 'pending', next_attempt = $1, attempts = 0
                WHERE state = 'failed' AND ($2::text IS NULL OR alert_id = $2)
                """, [.double(now.timeIntervalSince1970), .optional(alertID)]).affected
        }
    }

    public func alerts(since: Date) throws(StoreError) -> [StoredAlert] {
        try withConnection { connection in
            try connection.execute("SELECT id, watchlist, feed_url, created, payload FROM alerts WHERE created >= $1 ORDER BY created, seq",
                                   [.double(since.timeIntervalSince1970)]).all.map(Self.storedAlert)
        }
    }

    public func outboxSummary() throws(StoreError) -> OutboxSummary {
        try withConnection { connection in
            var sinks: [String: OutboxSummary.SinkQueue] = [:]
            for row in try connection.execute("""
                SELECT d.sink, count(*), min(a.created) FROM deliveries d JOIN alerts a ON a.id = d.alert_id
                WHERE d.state = 'pending' GROUP BY d.sink
                """).all {
                sinks[row.text(0) ?? ""] = .init(pending: row.int(1), oldestPending: Self.date(row, 2))
            }
            var counts: [String: Int] = [:]
            for row in try connection.execute("SELECT state, count(*) FROM deliveries WHERE state <> 'pending' GROUP BY state").all {
                counts[row.text(0) ?? ""] = row.int(1)
            }
            let last = try connection.execute("SELECT id, watchlist, feed_url, created, payload FROM alerts ORDER BY created DESC, seq DESC LIMIT 1")
                .first.map(Self.storedAlert)
            return OutboxSummary(sinks: sinks, failed: counts["failed", default: 0], delivered: counts["delivered", default: 0],
                                 lastAlert: last)
        }
    }
}
