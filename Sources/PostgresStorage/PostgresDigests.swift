import Foundation
import PostgresKit
import Storage

/// Digests in PostgreSQL, as in SQLite: a pending delivery's `digest` names the digest it was
/// gathered into. Gathering runs in one transaction; the sink's lease keeps other instances out.
extension PostgresStore {
    public func gatherDigest(sink: String, raisedBefore cutoff: Date) throws(StoreError) -> DeliveryDigest? {
        try withConnection { connection in
            try connection.transaction { () throws -> DeliveryDigest? in
                var id = try connection.execute("""
                    SELECT digest FROM deliveries WHERE sink = $1 AND state = 'pending' AND digest IS NOT NULL ORDER BY seq LIMIT 1
                    """, [.text(sink)]).first?.text(0)
                if id == nil {
                    guard let alert = try connection.execute("""
                        SELECT d.alert_id FROM deliveries d JOIN alerts a ON a.id = d.alert_id
                        WHERE d.sink = $1 AND d.state = 'pending' AND d.digest IS NULL AND a.created < $2 ORDER BY d.seq LIMIT 1
                        """, [.text(sink), .double(cutoff.timeIntervalSince1970)]).first?.text(0) else { return nil }
                    let fresh = DeliveryDigest.id(firstAlert: alert)
                    try connection.execute("""
                        UPDATE deliveries SET digest = $1 WHERE sink = $2 AND state = 'pending' AND digest IS NULL
                            AND alert_id IN (SELECT id FROM alerts WHERE created < $3)
                        """, [.text(fresh), .text(sink), .double(cutoff.timeIntervalSince1970)])
                    id = fresh
                }
                guard let id else { return nil }
                let members = try connection.execute("SELECT \(Self.deliveryColumns) WHERE d.digest = $1 AND d.sink = $2 AND d.state = 'pending' ORDER BY d.seq",
                                                     [.text(id), .text(sink)]).all.map(Self.delivery)
                return DeliveryDigest(id: id, sink: sink, members: members)
            }
        }
    }

    public func markDigestDelivered(_ digest: DeliveryDigest, at now: Date) throws(StoreError) {
        try withConnection { connection in
            try connection.execute("""
                UPDATE deliveries SET state = 'delivered', attempts = attempts + 1, delivered_at = $1, last_error = NULL
                WHERE digest = $2 AND sink = $3 AND state = 'pending'
                """, [.double(now.timeIntervalSince1970), .text(digest.id), .text(digest.sink)])
        }
    }

    public func markDigestAttemptFailed(_ digest: DeliveryDigest, error: String, retryAt: Date?) throws(StoreError) {
        try withConnection { connection in
            if let retryAt {
                try connection.execute("""
                    UPDATE deliveries SET attempts = attempts + 1, last_error = $1, next_attempt = $2 WHERE digest = $3 AND sink = $4 AND state = 'pending'
                    """, [.text(error), .double(retryAt.timeIntervalSince1970), .text(digest.id), .text(digest.sink)])
            } else {
                try connection.execute("""
                    UPDATE deliveries SET state = 'failed', attempts = attempts + 1, last_error = $1, digest = NULL
                    WHERE digest = $2 AND sink = $3 AND state = 'pending'
                    """, [.text(error), .text(digest.id), .text(digest.sink)])
            }
        }
    }

    public func singleDeliveries(sink: String, since: Date) throws(StoreError) -> Int {
        try withConnection { connection in
            try connection.execute("""
                SELECT count(*) FROM deliveries WHERE sink = $1 AND state = 'delivered' AND digest IS NULL AND delivered_at >= $2
                """, [.text(sink), .double(since.timeIntervalSince1970)]).first?.int(0) ?? 0
        }
    }
}
