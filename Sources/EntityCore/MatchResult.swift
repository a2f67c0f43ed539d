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
///
/// The matched text and the snippet are made from the field's text when they are read: a match can
/// hold thousands of hits, and most callers read a few of them.
public struct TopicHit: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case term, alias, entity }

    public var topic: String
    /// The term, alias or entity name that matched.
    public var term: String
    public var kind: Kind
    public var field: ArticleField
    /// Offsets in Unicode scalars of the field's text, end exclusive.
    public var start: Int
    public var end: Int
    let source: FieldText
    /// The hit's UTF-8 byte range in the field's text.
    let bytes: Range<Int>

    init(topic: String, term: String, kind: Kind, field: ArticleField, start: Int, end: Int, source: FieldText, bytes: Range<Int>) {
        self.topic = topic
        self.term = term
        self.kind = kind
        self.field = field
        self.start = start
        self.end = end
        self.source = source
        self.bytes = bytes
    }

    /// The text as written in the article.
    public var matchedText: String { String(decoding: source.utf8[bytes], as: UTF8.self) }

    /// The sentence around the hit.
    public var snippet: String {
        String(decoding: source.utf8[Snippet.sentenceRange(around: bytes, in: source.utf8)], as: UTF8.self).trimmingWhitespace()
    }

    public static func == (lhs: TopicHit, rhs: TopicHit) -> Bool {
        lhs.topic == rhs.topic && lhs.term == rhs.term && lhs.kind == rhs.kind && lhs.field == rhs.field
            && lhs.start == rhs.start && lhs.end == rhs.end && lhs.matchedText == rhs.matchedText && lhs.snippet == rhs.snippet
    }
}

/// A field's text, shared by the hits found in it.
final class FieldText: Sendable {
    let utf8: [UInt8]

    init(_ utf8: [UInt8]) { self.utf8 = utf8 }
}
