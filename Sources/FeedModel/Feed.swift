import Foundation

/// A parsed feed. Titles are plain text; longer text keeps the markup the feed gave, with its format,
/// and FeedParser derives its plain text (tags stripped, entities decoded, whitespace collapsed) on demand.
public struct Feed: Sendable, Equatable {
    public var format: FeedFormat?
    /// True when the document was not well-formed or not what it claimed to be, and was recovered.
    public var bozo = false
    /// Why `bozo` is set: the first problem met, with its line where libxml2 gave one.
    public var bozoReason: String?
    /// The character encoding the document was decoded from (lowercase IANA name).
    public var encoding: String?

    public var id: String?
    /// Plain text.
    public var title: String?
    public var link: String?
    /// Plain text, like the title: markup stripped, entities decoded.
    public var subtitle: String?
    public var subtitleFormat: TextFormat = .text
    public var language: String?
    public var author: String?
    public var generator: String?
    public var image: String?
    /// The channel's categories (RSS `category`, iTunes categories and keywords, Media RSS categories).
    public var categories: [String] = []
    public var updated: Date?
    /// RSS `<ttl>`: minutes the feed may be cached.
    public var ttlMinutes: Int?
    public var entries: [Entry] = []

    public init() {}
}
