/// Why a watch-list alerts on an article.
public struct WatchlistMatch: Sendable, Equatable {
    public var watchlist: String
    /// Names of the topics that hit, in the watch-list's order.
    public var topics: [String]
    /// Where they hit, in text order.
    public var hits: TopicHits
    /// The sum of the hits' field weights (title 3, summary 2, content 1).
    public var score: Double
    public var sinks: [String]?
}

/// The hits of a match, in text order. A match can hold thousands of hits and most callers read a
/// few: each is made when it is read, from the compact record the matcher kept.
public struct TopicHits: RandomAccessCollection, Sendable, Equatable {
    private let article: MatchedArticle
    /// Indices into the article's records, in text order.
    private let order: [Int32]

    init(article: MatchedArticle, order: [Int32]) {
        self.article = article
        self.order = order
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { order.count }

    public subscript(position: Int) -> TopicHit { TopicHit(article: article, record: Int(order[position])) }

    public static func == (lhs: TopicHits, rhs: TopicHits) -> Bool { lhs.elementsEqual(rhs) }
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

    init(article: MatchedArticle, record index: Int) {
        let record = article.records[index]
        self.article = article
        slot = record.slot
        phrase = record.phrase
        kind = record.kind
        field = ArticleField.at(Int(record.field))
        start = Int(record.start)
        end = Int(record.end)
        bytes = Int(record.byteStart)..<Int(record.byteEnd)
    }

    /// The topic's name.
    public var topic: String { article.engine.watch.topicNames[Int(slot)] }

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
/// nothing is copied), the matcher's record of each hit, and the engine whose watch-lists name the
/// topics and terms.
final class MatchedArticle: Sendable {
    let engine: EntityEngine
    private let article: Article
    let records: [ScanState.Found]

    init(engine: EntityEngine, article: Article, records: [ScanState.Found]) {
        self.engine = engine
        self.article = article
        self.records = records
    }

    func withUTF8<Result>(of field: ArticleField, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var text = article.text(of: field) ?? ""
        return text.withUTF8(body)
    }
}
