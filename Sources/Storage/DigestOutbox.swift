import Foundation
import SQLiteKit

/// Digests in SQLite: a pending delivery's `digest` column names the digest it was gathered into.
extension SQLiteStore {
    public func gatherDigest(sink: String, raisedBefore cutoff: Date) throws(StoreError) -> DeliveryDigest? {
        try withDatabase { database in
            try database.transaction { () throws -> DeliveryDigest? in
                let gathered = try database.prepare("""
                    SELECT digest FROM deliveries WHERE sink = ? AND state = 'pending' AND digest IS NOT NULL ORDER BY seq LIMIT 1
                    """)
                try gathered.bind([.text(sink)])
                var id = try gathered.step() ? gathered.text(0) : nil
                if id == nil {
                    let first = try database.prepare("""
                        SELECT d.alert_id FROM deliveries d JOIN alerts a ON a.id = d.alert_id
                        WHERE d.sink = ? AND d.state = 'pending' AND d.digest IS NULL AND a.created < ? ORDER BY d.seq LIMIT 1
                        """)
                    try first.bind([.text(sink), .real(cutoff.timeIntervalSince1970)])
                    guard try first.step(), let alert = first.text(0) else { return nil }
                    let fresh = DeliveryDigest.id(firstAlert: alert)
                    try database.prepare("""
                        UPDATE deliveries SET digest = ? WHERE sink = ? AND state = 'pending' AND digest IS NULL
                            AND alert_id IN (SELECT id FROM alerts WHERE created < ?)
                        """).run([.text(fresh), .text(sink), .real(cutoff.timeIntervalSince1970)])
                    id = fresh
                }
                guard let id else { return nil }
                let members = try database.prepare("""
                    SELECT d.seq, d.alert_id, d.sink, d.state, d.attempts, d.next_attempt, d.last_error, a.payload, a.created
                    FROM deliveries d JOIN alerts a ON a.id = d.alert_id WHERE d.digest = ? AND d.sink = ? AND d.state = 'pending' ORDER BY d.seq
                    """)
                try members.bind([.text(id), .text(sink)])
                var deliveries: [Delivery] = []
                while try members.step() { deliveries.append(Self.delivery(members)) }
                return DeliveryDigest(id: id, sink: sink, members: deliveries)
            }
        }
    }

    public func markDigestDelivered(_ digest: DeliveryDigest, at now: Date) throws(StoreError) {
        try withDatabase { database in
            try database.prepare("""
                UPDATE deliveries SET state = 'delivered', attempts = attempts + 1, delivered_at = ?, last_error = NULL
                WHERE digest = ? AND sink = ? AND state = 'pending'
                """).run([.real(now.timeIntervalSince1970), .text(digest.id), .text(digest.sink)])
        }
    }

    public func markDigestAttemptFailed(_ digest: DeliveryDigest, error: String, retryAt: Date?) throws(StoreError) {
        try withDatabase { database in
            if let retryAt {
                try database.prepare("""
                    UPDATE deliveries SET attempts = attempts + 1, last_error = ?, next_attempt = ? WHERE digest = ? AND sink = ? AND state = 'pending'
                    """).run([.text(error), .real(retryAt.timeIntervalSince1970), .text(digest.id), .text(digest.sink)])
            } else {
                try database.prepare("""
                    UPDATE deliveries SET state = 'failed', attempts = attempts + 1, last_error = ?, digest = NULL
                    WHERE digest = ? AND sink = ? AND state = 'pending'
                    """).run([.text(error), .text(digest.id), .text(digest.sink)])
            }
        }
    }

    public func singleDeliveries(sink: String, since: Date) throws(StoreError) -> Int {
        try withDatabase { database in
            let statement = try database.prepare("""
                SELECT count(*) FROM deliveries WHERE sink = ? AND state = 'delivered' AND digest IS NULL AND delivered_at >= ?
                """)
            try statement.bind([.text(sink), .real(since.timeIntervalSince1970)])
            return try statement.step() ? statement.int(0) : 0
        }
    }
}
