import Foundation

/// A result row of either database, as the stores read it: one way to turn the feed columns
/// (`FeedRecord.columns`, in that order) into a `FeedRecord`.
public protocol StoreRow {
    func text(at column: Int) -> String?
    func integer(at column: Int) -> Int?
    func number(at column: Int) -> Double?
    func flag(at column: Int) -> Bool
}

extension FeedRecord {
    /// The feed columns every store selects, in this order.
    public static let columns = """
        url, name, etag, last_modified, last_status, last_error, consecutive_failures, last_attempt, last_success,
        next_poll, initialized, paused_reason, unhealthy, failing_since, fetch_url
        """

    public init(row: some StoreRow) {
        func date(_ column: Int) -> Date? { row.number(at: column).map(Date.init(timeIntervalSince1970:)) }
        self.init(url: row.text(at: 0) ?? "", name: row.text(at: 1), etag: row.text(at: 2), lastModified: row.text(at: 3),
                  lastStatus: row.integer(at: 4), lastError: row.text(at: 5), consecutiveFailures: row.integer(at: 6) ?? 0,
                  lastAttempt: date(7), lastSuccess: date(8), nextPoll: date(9) ?? .distantPast, initialized: row.flag(at: 10),
                  pausedReason: row.text(at: 11), unhealthy: row.flag(at: 12), failingSince: date(13), fetchURL: row.text(at: 14))
    }
}
