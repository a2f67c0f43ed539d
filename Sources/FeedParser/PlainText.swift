import FeedModel
import Foundation
import XMLKit

/// The plain-text form of a field (tags stripped by libxml2's HTML parser, entities decoded,
/// whitespace collapsed), which the entity core reads.
public enum PlainText {
    public static func of(_ value: String, format: TextFormat) -> String {
        switch format {
        case .text: HTMLText.collapsingWhitespace(value)
        case .html, .xhtml: HTMLText.plainText(fromHTML: value)
        }
    }
}

// Plain text is made on demand rather than during the parse: a poll reads every entry of a feed
// but only the new ones are analysed, and converting HTML costs far more than parsing the feed.
extension Entry {
    public var summaryText: String? { summary.map { PlainText.of($0, format: summaryFormat) } }
    public var contentText: String? { content.map { PlainText.of($0, format: contentFormat) } }
    /// The summary's plain text when it is text of its own, nil when it is a copy of the content: what
    /// the entity core reads beside the content, so that no hit is found (and scored) twice.
    public var distinctSummaryText: String? { summaryIsContent ? nil : summaryText }

    /// The summary as HTML that is safe to hand on (`HTMLSanitizer`), links made absolute. A plain-text
    /// summary is escaped into HTML: it is text, and must never be rendered as markup.
    public var sanitizedSummary: String? { summary.map { Self.sanitized($0, format: summaryFormat, base: summaryBase) } }
    public var sanitizedContent: String? { content.map { Self.sanitized($0, format: contentFormat, base: contentBase) } }

    private static func sanitized(_ value: String, format: TextFormat, base: String?) -> String {
        format == .text ? HTMLSanitizer.escapeText(value) : HTMLSanitizer.sanitize(value, base: base)
    }
}

extension Feed {
    public var subtitleText: String? { subtitle.map { PlainText.of($0, format: subtitleFormat) } }
}

/// URI resolution, in one place so the parser does not reach into XMLKit everywhere.
enum URIResolution {
    static func resolve(_ reference: String, against base: String?) -> String {
        let trimmed = reference.trimmed
        // An absolute http(s) URL without spaces resolves to itself; skip libxml2 for the common case.
        if trimmed.hasPrefix("https://") || trimmed.hasPrefix("http://"), !trimmed.utf8.contains(0x20) { return trimmed }
        return URIResolver.resolve(trimmed, against: base)
    }
}
