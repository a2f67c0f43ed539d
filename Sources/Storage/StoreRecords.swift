import Foundation

/// What the store remembers about a feed.
public struct FeedRecord: Sendable, Equatable {
    public var url: String
    public var name: String?
    public var etag: String?
    public var lastModified: String?
    public var lastStatus: Int?
    public var lastError: String?
    public var consecutiveFailures: Int
    public var lastAttempt: Date?
    public var lastSuccess: Date?
    public var nextPoll: Date
    /// True once the first poll has marked the backlog seen.
    public var initialized: Bool
    /// Why polling stopped (410 Gone), or nil.
    public var pausedReason: String?
    /// A feed-health alert is out for this feed and not yet answered by a recovery alert.
    public var unhealthy: Bool
}

/// An entry seen in a feed. A tombstone (pruned) keeps only its identity, so it never alerts again.
public struct EntryRecord: Sendable, Equatable {
    public var feedURL: String
    public var identity: String
    public var digest: String?
    public var title: String?
    public var link: String?
    public var published: Date?
    /// Plain text kept for testing watch-lists against history.
    public var text: String?

    public init(feedURL: String, identity: String, digest: String?, title: String?, link: String?, published: Date?, text: String?) {
        self.feedURL = feedURL
        self.identity = identity
        self.digest = digest
        self.title = title
        self.link = link
        self.published = published
        self.text = text
    }
}

/// An alert to raise: its stable id, its de-duplication key, and the JSON every sink is given.
public struct NewAlert: Sendable, Equatable {
    public var id: String
    /// (watch-list, canonical link or id): one article alerts once per watch-list, whatever feed it came by.
    public var key: String
    public var watchlist: String
    public var feedURL: String?
    public var payload: String
    /// The sinks that must receive it.
    public var sinks: [String]

    public init(id: String, key: String, watchlist: String, feedURL: String?, payload: String, sinks: [String]) {
        self.id = id
        self.key = key
        self.watchlist = watchlist
        self.feedURL = feedURL
        self.payload = payload
        self.sinks = sinks
    }
}

/// One alert waiting for (or done with) one sink.
public struct Delivery: Sendable, Equatable {
    public var sequence: Int
    public var alertID: String
    public var sink: String
    public var state: DeliveryState
    public var attempts: Int
    public var nextAttempt: Date
    public var lastError: String?
    public var payload: String
    public var created: Date
}

public enum DeliveryState: String, Sendable {
    case pending, delivered, failed
}

/// An alert as stored, for `feedwatch alerts`.
public struct StoredAlert: Sendable, Equatable {
    public var id: String
    public var watchlist: String
    public var feedURL: String?
    public var created: Date
    public var payload: String
}
