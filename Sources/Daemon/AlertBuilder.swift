import Alerting
import EntityCore
import FeedModel
import FeedParser
import Foundation
import Hashing
import Storage

/// Turns a watch-list match on an entry into the stored alert and the document sinks receive.
enum AlertBuilder {
    /// The article's key: its canonical link (scheme and host lower-cased, fragment dropped), else its
    /// id, else its identity. The same article through two feeds has the same key.
    static func articleKey(_ entry: Entry) -> String {
        if let link = entry.link, var components = URLComponents(string: link) {
            components.fragment = nil
            components.scheme = components.scheme?.lowercased()
            components.host = components.host?.lowercased()
            if let canonical = components.string { return canonical }
        }
        return entry.id ?? entry.identity
    }

    /// A stable id from the alert key, the same on every retry and across restarts.
    static func alertID(key: String) -> String {
        "fw_" + String(Digest.sha256Hex(key).prefix(32))
    }

    static func matchAlert(_ match: WatchlistMatch, entry: Entry, body: Body, entities: [EntityMention], feedURL: String,
                           feedName: String?, sinks: [String], now: Date) -> NewAlert {
        let key = "match\u{1F}\(match.watchlist)\u{1F}\(articleKey(entry))"
        let id = alertID(key: key)
        var seen = Set<String>()
        let uniqueEntities = entities.compactMap { mention -> AlertDocument.Entity? in
            guard seen.insert(mention.canonical + "|" + mention.type.rawValue).inserted else { return nil }
            return AlertDocument.Entity(name: mention.canonical, type: mention.type.rawValue)
        }
        let document = AlertDocument(
            id: id, kind: "match", time: Timestamp.utcString(now), watchlist: match.watchlist, topics: match.topics,
            score: match.score,
            hits: match.hits.map {
                AlertDocument.Hit(topic: $0.topic, term: $0.term, kind: $0.kind.rawValue, matchedText: $0.matchedText,
                                  field: $0.field.rawValue, start: $0.start, end: $0.end, snippet: $0.snippet)
            },
            entities: uniqueEntities, feed: .init(name: feedName, url: feedURL),
            entry: .init(id: entry.id, title: entry.title, link: entry.link, published: entry.published.map(Timestamp.utcString),
                         updated: entry.updated.map(Timestamp.utcString), html: body.html, text: body.text))
        return NewAlert(id: id, key: key, watchlist: match.watchlist, feedURL: feedURL, payload: document.json(), sinks: sinks)
    }

    /// The entry's body as an alert carries it.
    struct Body {
        var html: String?
        var text: String?
    }

    /// The entry's body for the alert: sanitized HTML and plain text, each cut to a size a webhook
    /// takes. `plainText` is the body's plain text, which the caller has already made for matching.
    static func body(of entry: Entry, plainText: String?) -> Body {
        var source = entry
        if let content = source.content, content.utf8.count > 65_536 {
            source.content = String(decoding: content.utf8.prefix(65_536), as: UTF8.self)
        }
        if source.content == nil, let summary = source.summary, summary.utf8.count > 65_536 {
            source.summary = String(decoding: summary.utf8.prefix(65_536), as: UTF8.self)
        }
        let html = source.sanitizedContent ?? source.sanitizedSummary
        let text = plainText.map { $0.count > 20_000 ? String($0.prefix(19_999)) + "…" : $0 }
        return Body(html: html, text: text)
    }

    /// A feed-health alert: failing (after so many failures) or recovered. Keyed by the failure
    /// episode, so each episode alerts once.
    static func healthAlert(failing: Bool, feedURL: String, feedName: String?, problem: String?, episode: Date,
                            sinks: [String], now: Date) -> NewAlert {
        let kind = failing ? "feed_failing" : "feed_recovered"
        let key = "\(kind)\u{1F}\(feedURL)\u{1F}\(Int(episode.timeIntervalSince1970))"
        let id = alertID(key: key)
        let document = AlertDocument(id: id, kind: kind, time: Timestamp.utcString(now), watchlist: nil, topics: [], score: nil,
                                     hits: [], entities: [], feed: .init(name: feedName, url: feedURL), entry: nil, problem: problem)
        return NewAlert(id: id, key: key, watchlist: "feed-health", feedURL: feedURL, payload: document.json(), sinks: sinks)
    }
}
