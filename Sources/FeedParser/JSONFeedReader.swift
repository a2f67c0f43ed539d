import FeedModel
import Foundation

/// Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).
enum JSONFeedReader {
    static func read(_ utf8: [UInt8], base: String?) throws(FeedParseError) -> Feed {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(utf8), options: [.fragmentsAllowed])
        } catch {
            throw FeedParseError(.invalidJSON, "not a feed: the document starts like JSON but is not valid JSON (\(error.localizedDescription))")
        }
        guard let root = object as? [String: Any] else {
            throw FeedParseError(.notAFeed, "not a feed: the JSON document is not an object")
        }
        let version = root["version"] as? String
        let isJSONFeed = version?.contains("jsonfeed.org/version/") == true
        guard isJSONFeed || root["items"] is [Any] else {
            throw FeedParseError(.notAFeed, "not a feed: the JSON object has neither a JSON Feed \"version\" nor \"items\"")
        }
        var feed = Feed()
        feed.format = .json
        if !isJSONFeed {
            feed.bozo = true
            feed.bozoReason = "the JSON object has \"items\" but no JSON Feed \"version\""
        }
        feed.title = string(root["title"]).map(HTMLTextForJSON.collapse)
        feed.link = string(root["home_page_url"]).map { URIResolution.resolve($0, against: base) }
        feed.subtitle = string(root["description"])
        feed.subtitleFormat = .text
        feed.language = string(root["language"])
        feed.image = (string(root["icon"]) ?? string(root["favicon"])).map { URIResolution.resolve($0, against: base) }
        feed.author = authors(root).first
        for case let item as [String: Any] in root["items"] as? [Any] ?? [] {
            feed.entries.append(entry(item, base: base))
        }
        return feed
    }

    private static func entry(_ item: [String: Any], base: String?) -> Entry {
        var entry = Entry()
        // Ids are strings by the spec, but numbers are common in the wild.
        entry.id = string(item["id"]) ?? (item["id"] as? NSNumber).map { $0.stringValue }
        entry.title = string(item["title"]).map(HTMLTextForJSON.collapse)
        entry.link = (string(item["url"]) ?? string(item["external_url"])).map { URIResolution.resolve($0, against: base) }
        entry.summary = string(item["summary"])
        entry.summaryFormat = .text
        if let html = string(item["content_html"]) {
            entry.content = html
            entry.contentFormat = .html
        } else if let text = string(item["content_text"]) {
            entry.content = text
            entry.contentFormat = .text
        }
        entry.published = string(item["date_published"]).flatMap(DateParser.parse)
        entry.updated = string(item["date_modified"]).flatMap(DateParser.parse)
        entry.authors = authors(item)
        entry.categories = (item["tags"] as? [Any] ?? []).compactMap { string($0) }
        entry.thumbnail = (string(item["image"]) ?? string(item["banner_image"])).map { URIResolution.resolve($0, against: base) }
        for case let attachment as [String: Any] in item["attachments"] as? [Any] ?? [] {
            guard let url = string(attachment["url"]) else { continue }
            let size = (attachment["size_in_bytes"] as? NSNumber)?.intValue
            entry.enclosures.append(Enclosure(url: URIResolution.resolve(url, against: base),
                                              type: string(attachment["mime_type"]), length: size))
        }
        entry.identity = EntryIdentity.of(entry)
        entry.summaryBase = base
        entry.contentBase = base
        if entry.summary == nil, let content = entry.content {
            (entry.summary, entry.summaryFormat, entry.summaryIsContent) = (content, entry.contentFormat, true)
        }
        return entry
    }

    /// JSON Feed 1.1 `authors`, or 1.0's single `author`.
    private static func authors(_ object: [String: Any]) -> [String] {
        var people = object["authors"] as? [Any] ?? []
        if let single = object["author"] { people.append(single) }
        return people.compactMap { ($0 as? [String: Any]).flatMap { string($0["name"]) } }
    }

    private static func string(_ value: Any?) -> String? {
        guard let text = value as? String else { return nil }
        let trimmed = text.trimmed
        return trimmed.isEmpty ? nil : trimmed
    }
}

/// JSON Feed text fields are plain text by the spec.
private enum HTMLTextForJSON {
    static func collapse(_ text: String) -> String { PlainText.of(text, format: .text) }
}
