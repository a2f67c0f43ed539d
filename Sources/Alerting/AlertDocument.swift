import Foundation

/// The alert every sink receives, as JSON: the log writes it as one line, the `generic` webhook posts it.
/// Versioned by `schema`; fields are only ever added within a version.
///
///     { "schema": "feedwatch.alert/1", "id": "fw_…", "kind": "match", "time": "2025-03-02T10:00:00Z",
///       "watchlist": "russia-cyber", "topics": ["cyber operations", "Russia"], "score": 16,
///       "hits": [{"topic", "term", "kind", "matched_text", "field", "start", "end", "snippet"}],
///       "entities": [{"name", "type"}],
///       "feed": {"name", "url"}, "entry": {"id", "title", "link", "published", "updated"} }
///
/// A feed-health alert has `"kind": "feed_failing"` or `"feed_recovered"`, with `feed` and `problem`.
public struct AlertDocument: Codable, Sendable, Equatable {
    public static let schemaVersion = "feedwatch.alert/1"

    public struct Hit: Codable, Sendable, Equatable {
        public var topic: String
        public var term: String
        public var kind: String
        public var matched_text: String
        public var field: String
        public var start: Int
        public var end: Int
        public var snippet: String

        public init(topic: String, term: String, kind: String, matchedText: String, field: String, start: Int, end: Int, snippet: String) {
            self.topic = topic
            self.term = term
            self.kind = kind
            self.matched_text = matchedText
            self.field = field
            self.start = start
            self.end = end
            self.snippet = snippet
        }
    }

    public struct Entity: Codable, Sendable, Equatable {
        public var name: String
        public var type: String
        public init(name: String, type: String) {
            self.name = name
            self.type = type
        }
    }

    public struct FeedInfo: Codable, Sendable, Equatable {
        public var name: String?
        public var url: String
        public init(name: String?, url: String) {
            self.name = name
            self.url = url
        }
    }

    public struct EntryInfo: Codable, Sendable, Equatable {
        public var id: String?
        public var title: String?
        public var link: String?
        public var published: String?
        public var updated: String?
        /// The entry's body (its content, else its summary) as sanitized HTML with absolute links:
        /// safe to render. Cut to 64 KB of source before sanitizing, so it is always well-formed.
        public var html: String?
        /// The same as plain text, cut to 20,000 characters.
        public var text: String?
        public init(id: String?, title: String?, link: String?, published: String?, updated: String?, html: String? = nil,
                    text: String? = nil) {
            self.id = id
            self.title = title
            self.link = link
            self.published = published
            self.updated = updated
            self.html = html
            self.text = text
        }
    }

    public var schema = AlertDocument.schemaVersion
    public var id: String
    public var kind: String
    public var time: String
    public var watchlist: String?
    public var topics: [String]
    public var score: Double?
    public var hits: [Hit]
    public var entities: [Entity]
    public var feed: FeedInfo
    public var entry: EntryInfo?
    /// For feed-health alerts: what went wrong (or what was wrong, on recovery).
    public var problem: String?

    public init(id: String, kind: String, time: String, watchlist: String?, topics: [String], score: Double?, hits: [Hit],
                entities: [Entity], feed: FeedInfo, entry: EntryInfo?, problem: String? = nil) {
        self.id = id
        self.kind = kind
        self.time = time
        self.watchlist = watchlist
        self.topics = topics
        self.score = score
        self.hits = hits
        self.entities = entities
        self.feed = feed
        self.entry = entry
        self.problem = problem
    }

    /// The JSON text (one line, keys sorted, so the bytes are stable).
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    public static func decode(_ json: String) -> AlertDocument? {
        try? JSONDecoder().decode(AlertDocument.self, from: Data(json.utf8))
    }

    /// One line for people: what alerted and on what.
    public var headline: String {
        switch kind {
        case "feed_failing": return "Feed failing: \(feed.name ?? feed.url) — \(problem ?? "unknown error")"
        case "feed_recovered": return "Feed recovered: \(feed.name ?? feed.url)"
        default: return "[\(watchlist ?? "watch-list")] \(entry?.title ?? entry?.link ?? "an article") (\(topics.joined(separator: ", ")))"
        }
    }
}
