/// Why a watch-list alerts on an article.
public struct WatchlistMatch: Sendable, Equatable {
    public var watchlist: String
    /// Names of the topics that hit, in the watch-list's order.
    public var topics: [String]
    public var hits: [TopicHit]
    /// The sum of the hits' field weights (title 3, summary 2, content 1).
    public var score: Double
    public var sinks: [String]?
}

/// One place where a topic was found.
public struct TopicHit: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case term, alias, entity }

    public var topic: String
    /// The term, alias or entity name that matched.
    public var term: String
    public var kind: Kind
    /// The text as written in the article.
    public var matchedText: String
    public var field: ArticleField
    /// Offsets in Unicode scalars of the field's text, end exclusive.
    public var start: Int
    public var end: Int
    /// The sentence around the hit.
    public var snippet: String
}
