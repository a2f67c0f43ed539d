/// Why a watch-list alerts on an article.
///
/// A match holds a reference to what every match of the article shares (`MatchedArticle`) and
/// ranges into it: its names and hits are made when they are read. Most articles that alert are
/// logged and sent once, and a match of its own arrays and strings cost a fifth of matching.
public struct WatchlistMatch: Sendable, Equatable {
    private let article: MatchedArticle
    private let list: Int
    /// The topics that hit, as a range of `article.indices` holding their slots.
    private let topicSlots: Range<Int>
    /// Where they hit, in text order.
    public let hits: TopicHits
    /// The sum of the hits' field weights (title 3, summary 2, content 1).
    public let score: Double

    init(article: MatchedArticle, list: Int, topicSlots: Range<Int>, hits: Range<Int>, score: Double) {
        self.article = article
        self.list = list
        self.topicSlots = topicSlots
        self.hits = TopicHits(article: article, order: hits)
        self.score = score
    }

    public var watchlist: String { article.engine.watchlists[list].name }

    /// Names of the topics that hit, in the watch-list's order.
    public var topics: [String] { article.indices[topicSlots].map { article.engine.watch.topicNames[Int($0)] } }

    public var sinks: [String]? { article.engine.watchlists[list].sinks }

    public static func == (lhs: WatchlistMatch, rhs: WatchlistMatch) -> Bool {
        lhs.watchlist == rhs.watchlist && lhs.topics == rhs.topics && lhs.hits == rhs.hits && lhs.score == rhs.score
            && lhs.sinks == rhs.sinks
    }
}

/// The hits of a match, in text order. A match can hold thousands of hits and most callers read a
/// few: each is made when it is read, from the compact record the matcher kept.
public struct TopicHits: RandomAccessCollection, Sendable, Equatable {
    private let article: MatchedArticle
    /// The range of `article.indices` that holds the hits' record numbers, in text order.
    private let order: Range<Int>

    init(article: MatchedArticle, order: Range<Int>) {
        self.article = article
        self.order = order
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { order.count }

    public subscript(position: Int) -> TopicHit { TopicHit(article: article, record: Int(article.indices[order.lowerBound + position])) }

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

/// What the matches of one article share: its fields' texts (a String shares its storage, so
/// nothing is copied), the matcher's record of each hit, every match's hits and topic slots in one
/// array, and the engine whose watch-lists name the lists, topics and terms.
final class MatchedArticle: Sendable {
    let engine: EntityEngine
    /// The fields' texts by `ArticleField.index`, empty where the article has none. (Kept as plain
    /// strings: copying the article's optionals went through generic value witnesses, a few per
    /// cent of an alerting article's matching.)
    private let texts: (String, String, String)
    let records: [ScanState.Found]
    /// Each match's hits (record numbers, in text order) and its topics' slots, match after match.
    let indices: [Int32]

    init(engine: EntityEngine, article: Article, records: [ScanState.Found], indices: [Int32]) {
        self.engine = engine
        texts = (article.title ?? "", article.summary ?? "", article.content ?? "")
        self.records = records
        self.indices = indices
    }

    func withUTF8<Result>(of field: ArticleField, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var text = switch field {
        case .title: texts.0
        case .summary: texts.1
        case .content: texts.2
        }
        return text.withUTF8(body)
    }
}
