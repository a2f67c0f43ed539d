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
/// A hit holds indices and offsets, and one reference to what every hit of the article shares (its
/// fields' texts, the compiled watch-lists): the topic, the term, the matched text and the snippet
/// are made when they are read. A match can hold thousands of hits, and most callers read a few.
public struct TopicHit: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case term, alias, entity }

    let article: MatchedArticle
    let slot: Int32
    let phrase: Int32
    public let kind: Kind
    public let field: ArticleField
    /// Offsets in Unicode scalars of the field's text, end exclusive.
    public let start: Int
    public let end: Int
    /// The hit's UTF-8 byte range in the field's text.
    let bytes: Range<Int>

    init(article: MatchedArticle, slot: Int32, phrase: Int32, kind: Kind, field: ArticleField, start: Int, end: Int, bytes: Range<Int>) {
        self.article = article
        self.slot = slot
        self.phrase = phrase
        self.kind = kind
        self.field = field
        self.start = start
        self.end = end
        self.bytes = bytes
    }

    /// The topic's name.
    public var topic: String { article.engine.topic(ofSlot: Int(slot)).name }

    /// The term, alias or entity name that matched.
    public var term: String { article.engine.watch.phrases[Int(phrase)].text }

    /// The text as written in the article.
    public var matchedText: String {
        article.withUTF8(of: field) { String(decoding: UnsafeBufferPointer(rebasing: $0[bytes]), as: UTF8.self) }
    }

    /// The sentence around the hit.
    public var snippet: String {
        article.withUTF8(of: field) { utf8 in
            String(decoding: UnsafeBufferPointer(rebasing: utf8[Snippet.sentenceRange(around: bytes, in: utf8)]), as: UTF8.self)
        }.trimmingWhitespace()
    }

    public static func == (lhs: TopicHit, rhs: TopicHit) -> Bool {
        lhs.topic == rhs.topic && lhs.term == rhs.term && lhs.kind == rhs.kind && lhs.field == rhs.field
            && lhs.start == rhs.start && lhs.end == rhs.end && lhs.matchedText == rhs.matchedText && lhs.snippet == rhs.snippet
    }
}

/// What the hits of one matched article share: its fields' texts (a String shares its storage, so
/// nothing is copied) and the engine whose watch-lists name the topics and terms.
final class MatchedArticle: Sendable {
    let engine: EntityEngine
    private let article: Article

    init(engine: EntityEngine, article: Article) {
        self.engine = engine
        self.article = article
    }

    func withUTF8<Result>(of field: ArticleField, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var text = article.text(of: field) ?? ""
        return text.withUTF8(body)
    }
}
