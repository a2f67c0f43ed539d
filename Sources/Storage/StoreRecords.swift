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
    /// When the current run of failures began; nil while the feed is healthy.
    public var failingSince: Date?
    /// Where the feed is fetched from now, when it moved permanently; nil while it is at its configured URL.
    public var fetchURL: String?

    public init(url: String, name: String? = nil, etag: String? = nil, lastModified: String? = nil, lastStatus: Int? = nil,
                lastError: String? = nil, consecutiveFailures: Int = 0, lastAttempt: Date? = nil, lastSuccess: Date? = nil,
                nextPoll: Date, initialized: Bool = false, pausedReason: String? = nil, unhealthy: Bool = false,
                failingSince: Date? = nil, fetchURL: String? = nil) {
        self.url = url
        self.name = name
        self.etag = etag
        self.lastModified = lastModified
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.consecutiveFailures = consecutiveFailures
        self.lastAttempt = lastAttempt
        self.lastSuccess = lastSuccess
        self.nextPoll = nextPoll
        self.initialized = initialized
        self.pausedReason = pausedReason
        self.unhealthy = unhealthy
        self.failingSince = failingSince
        self.fetchURL = fetchURL
    }
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
    public init(sequence: Int, alertID: String, sink: String, state: DeliveryState, attempts: Int, nextAttempt: Date,
                lastError: String?, payload: String, created: Date) {
        self.sequence = sequence
        self.alertID = alertID
        self.sink = sink
        self.state = state
        self.attempts = attempts
        self.nextAttempt = nextAttempt
        self.lastError = lastError
        self.payload = payload
        self.created = created
    }

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
    public init(id: String, watchlist: String, feedURL: String?, created: Date, payload: String) {
        self.id = id
        self.watchlist = watchlist
        self.feedURL = feedURL
        self.created = created
        self.payload = payload
    }

    public var id: String
    public var watchlist: String
    public var feedURL: String?
    public var created: Date
    public var payload: String
}
