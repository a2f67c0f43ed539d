import Foundation

/// The daemon's state, in three parts. `SQLiteStore` keeps them in one file; `MemoryStore` keeps
/// them in memory for tests. Every method is one short step or one transaction, callable from any
/// thread or task; none waits for the network.

/// Feeds and their schedule: validators, status, failures, next poll, where a feed moved to.
public protocol FeedStateStore: Sendable {
    /// Makes sure a configured feed has a row; a new one is due at `firstPoll`.
    func registerFeed(url: String, name: String?, firstPoll: Date) throws(StoreError)
    /// The same for many feeds (a configuration's), in as few statements as the store can.
    func registerFeeds(_ feeds: [FeedRegistration]) throws(StoreError)
    func feed(url: String) throws(StoreError) -> FeedRecord?
    /// Every feed, ordered by URL.
    func feeds() throws(StoreError) -> [FeedRecord]
    /// Saves what a poll learnt about a feed (its `fetchURL` is kept as stored; see `setFetchURL`).
    func saveFeed(_ record: FeedRecord) throws(StoreError)
    /// The URL to fetch for a configured feed: the configured one, or where it permanently moved.
    func fetchURL(feed url: String) throws(StoreError) -> String
    func setFetchURL(feed url: String, to fetchURL: String) throws(StoreError)
}

/// Seen entries and the alerts they raised.
public protocol EntryStore: Sendable {
    /// Which of `identities` this feed has seen before (tombstones included).
    func seenIdentities(feedURL: String, among identities: [String]) throws(StoreError) -> Set<String>
    /// Marks entries seen and raises their alerts in one transaction: a crash at any moment keeps both
    /// or neither. An alert whose key was raised before is skipped. Returns the alerts raised.
    @discardableResult
    func commit(entries: [EntryRecord], alerts: [NewAlert], at now: Date) throws(StoreError) -> [NewAlert]
    /// Drops the text of entries first seen before `cutoff`, keeping their identity as a tombstone.
    func pruneEntryText(olderThan cutoff: Date) throws(StoreError) -> Int
    /// Entries with their text, first seen after `since`, newest first.
    func recentEntries(since: Date) throws(StoreError) -> [EntryRecord]
}

/// The outbox: each sink takes its deliveries strictly in the order the alerts were raised.
public protocol OutboxStore: Sendable {
    /// The oldest delivery for `sink` that is neither delivered nor failed for good.
    func nextDelivery(sink: String) throws(StoreError) -> Delivery?
    func markDelivered(_ delivery: Delivery, at now: Date) throws(StoreError)
    /// Records a failed attempt: retried at `retryAt`, or failed for good when `retryAt` is nil.
    func markAttemptFailed(_ delivery: Delivery, error: String, retryAt: Date?) throws(StoreError)
    func failedDeliveries() throws(StoreError) -> [Delivery]
    func pendingDeliveries() throws(StoreError) -> [Delivery]
    /// Puts failed deliveries back in their queues (all of them, or one alert's).
    @discardableResult
    func replayFailed(alertID: String?, at now: Date) throws(StoreError) -> Int
    /// Alerts raised since `since`, oldest first.
    func alerts(since: Date) throws(StoreError) -> [StoredAlert]
    /// Counts for `status` and the metrics, without reading every delivery.
    func outboxSummary() throws(StoreError) -> OutboxSummary
    /// A sink that sends digests: the digest gathered earlier and not sent yet, if there is one (after
    /// a crash it goes out again whole, under the same id); else the sink's pending deliveries of
    /// alerts raised before `cutoff`, gathered now, in one transaction, under a new id. Nil when
    /// there is nothing to send.
    func gatherDigest(sink: String, raisedBefore cutoff: Date) throws(StoreError) -> DeliveryDigest?
    func markDigestDelivered(_ digest: DeliveryDigest, at now: Date) throws(StoreError)
    /// A failed attempt of a digest: retried at `retryAt`, or all its members failed for good.
    func markDigestAttemptFailed(_ digest: DeliveryDigest, error: String, retryAt: Date?) throws(StoreError)
    /// How many alerts went to `sink` one by one (not in a digest) since `since`: `max_per_hour`'s count.
    func singleDeliveries(sink: String, since: Date) throws(StoreError) -> Int
}

/// Deliveries of one sink sent together as one message, under one id.
public struct DeliveryDigest: Sendable, Equatable {
    public var id: String
    public var sink: String
    /// In the sink's order.
    public var members: [Delivery]

    public init(id: String, sink: String, members: [Delivery]) {
        self.id = id
        self.sink = sink
        self.members = members
    }

    /// A digest is named after its first member's alert, so gathering it again names it the same.
    public static func id(firstAlert: String) -> String { "dg_" + firstAlert }

    public var attempts: Int { members.first?.attempts ?? 0 }
    public var nextAttempt: Date { members.first?.nextAttempt ?? .distantPast }
}

public typealias StateStore = FeedStateStore & EntryStore & OutboxStore

extension EntryStore {
    @discardableResult
    public func commit(entries: [EntryRecord], alerts: [NewAlert]) throws(StoreError) -> [NewAlert] {
        try commit(entries: entries, alerts: alerts, at: Date())
    }
}

extension OutboxStore {
    public func markDelivered(_ delivery: Delivery) throws(StoreError) { try markDelivered(delivery, at: Date()) }
    @discardableResult
    public func replayFailed(alertID: String? = nil) throws(StoreError) -> Int { try replayFailed(alertID: alertID, at: Date()) }
}

/// The outbox at a glance: what waits per sink, and since when.
public struct OutboxSummary: Sendable, Equatable {
    public struct SinkQueue: Sendable, Equatable {
        public var pending: Int
        /// When the oldest pending alert was raised.
        public var oldestPending: Date?
        public init(pending: Int, oldestPending: Date?) {
            self.pending = pending
            self.oldestPending = oldestPending
        }
    }
    public var sinks: [String: SinkQueue]
    public var failed: Int
    public var delivered: Int
    /// The newest alert raised, if any.
    public var lastAlert: StoredAlert?

    public init(sinks: [String: SinkQueue], failed: Int, delivered: Int, lastAlert: StoredAlert?) {
        self.sinks = sinks
        self.failed = failed
        self.delivered = delivered
        self.lastAlert = lastAlert
    }

    public var pending: Int { sinks.values.reduce(0) { $0 + $1.pending } }
    public var oldestPending: Date? { sinks.values.compactMap(\.oldestPending).min() }
}

/// A configured feed, as it is registered in the store.
public struct FeedRegistration: Sendable, Equatable {
    public var url: String
    public var name: String?
    /// When to poll it first, if it is new.
    public var firstPoll: Date

    public init(url: String, name: String?, firstPoll: Date) {
        self.url = url
        self.name = name
        self.firstPoll = firstPoll
    }
}

extension FeedStateStore {
    public func registerFeeds(_ feeds: [FeedRegistration]) throws(StoreError) {
        for feed in feeds { try registerFeed(url: feed.url, name: feed.name, firstPoll: feed.firstPoll) }
    }
}
