import FeedModel
import Foundation

/// The JSON that `feedwatch parse --json` prints: every key always present, `null` where absent.
/// Summaries and content are sanitized HTML (links resolved) unless asked for verbatim.
enum FeedJSON {
    enum HTML { case sanitized, verbatim }

    static func render(_ feed: Feed, html: HTML = .sanitized) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        let data = try encoder.encode(FeedDocument(feed, html: html))
        return String(decoding: data, as: UTF8.self)
    }
}

private struct FeedDocument: Encodable {
    let feed: Feed
    let html: FeedJSON.HTML
    init(_ feed: Feed, html: FeedJSON.HTML) {
        self.feed = feed
        self.html = html
    }

    enum Keys: String, CodingKey {
        case format, bozo, bozo_reason, encoding, title, link, subtitle, language, author, generator, image, categories, updated, entries
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(feed.format?.rawValue, forKey: .format)
        try container.encode(feed.bozo, forKey: .bozo)
        try container.encode(feed.bozoReason, forKey: .bozo_reason)
        try container.encode(feed.encoding, forKey: .encoding)
        try container.encode(feed.title, forKey: .title)
        try container.encode(feed.link, forKey: .link)
        try container.encode(feed.subtitle, forKey: .subtitle)
        try container.encode(feed.language, forKey: .language)
        try container.encode(feed.author, forKey: .author)
        try container.encode(feed.generator, forKey: .generator)
        try container.encode(feed.image, forKey: .image)
        try container.encode(feed.categories, forKey: .categories)
        try container.encode(feed.updated.map(Timestamp.utcString), forKey: .updated)
        try container.encode(feed.entries.map { EntryDocument($0, html: html) }, forKey: .entries)
    }
}

private struct EntryDocument: Encodable {
    let entry: Entry
    let html: FeedJSON.HTML
    init(_ entry: Entry, html: FeedJSON.HTML) {
        self.entry = entry
        self.html = html
    }

    enum Keys: String, CodingKey {
        case id, title, link, summary, content, author, comments, published, updated, authors, categories, enclosures
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(entry.id, forKey: .id)
        try container.encode(entry.title, forKey: .title)
        try container.encode(entry.link, forKey: .link)
        // Plain text stays text (it is labelled so in the feed); HTML is sanitized unless asked otherwise.
        let sanitize = html == .sanitized
        try container.encode(sanitize && entry.summaryFormat != .text ? entry.sanitizedSummary : entry.summary, forKey: .summary)
        try container.encode(sanitize && entry.contentFormat != .text ? entry.sanitizedContent : entry.content, forKey: .content)
        try container.encode(entry.author, forKey: .author)
        try container.encode(entry.comments, forKey: .comments)
        try container.encode(entry.published.map(Timestamp.utcString), forKey: .published)
        try container.encode(entry.updated.map(Timestamp.utcString), forKey: .updated)
        try container.encode(entry.authors, forKey: .authors)
        try container.encode(entry.categories, forKey: .categories)
        try container.encode(entry.enclosures.map(EnclosureDocument.init), forKey: .enclosures)
    }
}

private struct EnclosureDocument: Encodable {
    let enclosure: Enclosure
    init(_ enclosure: Enclosure) { self.enclosure = enclosure }

    enum Keys: String, CodingKey { case url, type, length }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(enclosure.url, forKey: .url)
        try container.encode(enclosure.type, forKey: .type)
        try container.encode(enclosure.length, forKey: .length)
    }
}
