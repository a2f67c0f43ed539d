import Foundation
import PostgresKit
import Storage

/// Leases in PostgreSQL. A feed is claimed with `FOR UPDATE SKIP LOCKED`: of several instances
/// claiming it at once, one gets the row and the others skip it without waiting.
extension PostgresStore: LeaseStore {
    public func claimFeeds(_ urls: [String], owner: String, until expiry: Date, now: Date, notPolledSince: Date?) throws(StoreError) -> [FeedClaim] {
        guard !urls.isEmpty else { return [] }
        let moment = now.timeIntervalSince1970, notPolled = notPolledSince?.timeIntervalSince1970 ?? 0
        return try withConnection { connection in
            // SKIP LOCKED: of two instances claiming overlapping batches, neither waits for the other.
            let claimed = try connection.execute("""
                WITH due AS (
                    SELECT url FROM feeds WHERE url = ANY($1::text[]) AND paused_reason IS NULL
                        AND (next_poll <= $4 OR coalesce(last_attempt, 0) < $5)
                        AND (lease_owner IS NULL OR lease_owner = $2 OR lease_expires < $4)
                    FOR UPDATE SKIP LOCKED)
                UPDATE feeds SET lease_owner = $2, lease_expires = $3 FROM due WHERE feeds.url = due.url
                RETURNING \(Self.qualifiedFeedColumns)
                """, [.textArray(urls), .text(owner), .double(expiry.timeIntervalSince1970), .double(moment), .double(notPolled)])
            var claims: [String: FeedClaim] = [:]
            for row in claimed.all {
                let record = FeedRecord(row: row)
                claims[record.url] = .claimed(record)
            }
            let others = urls.filter { claims[$0] == nil }
            if !others.isEmpty {
                for state in try connection.execute("""
                    SELECT url, next_poll, lease_owner, lease_expires, paused_reason, coalesce(last_attempt, 0)
                    FROM feeds WHERE url = ANY($1::text[])
                    """, [.textArray(others)]).all {
                    claims[state.text(0) ?? ""] = Self.unclaimed(state, owner: owner, now: moment, notPolledSince: notPolled)
                }
            }
            return urls.map { claims[$0] ?? .unavailable }  // not registered
        }
    }

    /// Why a feed of the batch was not claimed, from its row (url, next_poll, lease_owner,
    /// lease_expires, paused_reason, last_attempt).
    private static func unclaimed(_ state: Row, owner: String, now: Double, notPolledSince: Double) -> FeedClaim {
        guard state.isNull(4) else { return .unavailable }  // paused
        // Leased by another instance: try again after its lease.
        if let expires = state.double(3), state.text(2) != owner, expires >= now { return .leased(until: Date(timeIntervalSince1970: expires)) }
        let notPolled = (state.double(5) ?? 0) < notPolledSince
        if let due = state.double(1), due > now, !notPolled { return .notDue(until: Date(timeIntervalSince1970: due)) }
        return .leased(until: Date(timeIntervalSince1970: now + 1))  // due, but its row was locked (a claim or a write committing now)
    }

    private static let qualifiedFeedColumns = FeedRecord.columns.split(separator: ",")
        .map { "feeds." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")

    public func saveFeed(_ record: FeedRecord, releasingLeaseOf owner: String) throws(StoreError) -> Bool {
        try withConnection { connection in try Self.update(record, on: connection, releasing: owner) }
    }

    public func releaseFeed(url: String, owner: String) throws(StoreError) {
        try withConnection { connection in
            try connection.execute("UPDATE feeds SET lease_owner = NULL, lease_expires = NULL WHERE url = $1 AND lease_owner = $2",
                                   [.text(url), .text(owner)])
        }
    }

    public func claimSink(_ sink: String, owner: String, until expiry: Date, now: Date) throws(StoreError) -> Bool {
        try withConnection { connection in
            try connection.execute("""
                INSERT INTO sink_leases (sink, owner, expires) VALUES ($1, $2, $3)
                ON CONFLICT (sink) DO UPDATE SET owner = excluded.owner, expires = excluded.expires
                WHERE sink_leases.owner = excluded.owner OR sink_leases.expires < $4
                """, [.text(sink), .text(owner), .double(expiry.timeIntervalSince1970), .double(now.timeIntervalSince1970)]).affected > 0
        }
    }

    public func releaseAll(owner: String) throws(StoreError) {
        try withConnection { connection in
            try connection.execute("UPDATE feeds SET lease_owner = NULL, lease_expires = NULL WHERE lease_owner = $1", [.text(owner)])
            try connection.execute("DELETE FROM sink_leases WHERE owner = $1", [.text(owner)])
            try connection.execute("DELETE FROM instances WHERE id = $1 OR last_seen < $2",
                                   [.text(owner), .double(Date().timeIntervalSince1970 - 86_400)])
        }
    }

    public func releaseSink(_ sink: String, owner: String) throws(StoreError) {
        try withConnection { connection in
            try connection.execute("DELETE FROM sink_leases WHERE sink = $1 AND owner = $2", [.text(sink), .text(owner)])
        }
    }

    public func heartbeat(_ instance: InstanceRecord) throws(StoreError) {
        try withConnection { connection in
            try connection.execute("""
                INSERT INTO instances (id, host, pid, started, last_seen) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen
                """, [.text(instance.id), .text(instance.host), .integer(instance.pid), .double(instance.started.timeIntervalSince1970),
                      .double(instance.lastSeen.timeIntervalSince1970)])
        }
    }

    public func instances(seenSince since: Date) throws(StoreError) -> [InstanceRecord] {
        try withConnection { connection in
            let now = Date().timeIntervalSince1970
            return try connection.execute("""
                SELECT i.id, i.host, i.pid, i.started, i.last_seen,
                    (SELECT count(*) FROM feeds f WHERE f.lease_owner = i.id AND f.lease_expires >= $2),
                    (SELECT string_agg(s.sink, ',' ORDER BY s.sink) FROM sink_leases s WHERE s.owner = i.id AND s.expires >= $2)
                FROM instances i WHERE i.last_seen >= $1 ORDER BY i.started
                """, [.double(since.timeIntervalSince1970), .double(now)]).all.map { row in
                InstanceRecord(id: row.text(0) ?? "", host: row.text(1) ?? "", pid: row.int(2), started: Self.date(row, 3) ?? .distantPast,
                               lastSeen: Self.date(row, 4) ?? .distantPast, feedLeases: row.int(5),
                               sinkLeases: (row.text(6) ?? "").split(separator: ",").map(String.init))
            }
        }
    }
}
