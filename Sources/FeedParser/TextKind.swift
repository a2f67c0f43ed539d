import Foundation
import XMLKit

/// How a text field's value is to be read.
enum TextKind {
    /// Plain text: shown as is (whitespace collapsed).
    case text
    /// HTML, escaped or in CDATA: tags and entities are markup.
    case html
    /// Inline XHTML markup.
    case xhtml
}

/// The plain-text form of a field, which the entity core reads.
enum PlainText {
    static func of(_ value: String, kind: TextKind) -> String {
        switch kind {
        case .text: HTMLText.collapsingWhitespace(value)
        case .html, .xhtml: HTMLText.plainText(fromHTML: value)
        }
    }
}

/// URI resolution, in one place so the parser does not reach into XMLKit everywhere.
enum URIResolution {
    static func resolve(_ reference: String, against base: String?) -> String {
        let trimmed = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        return URIResolver.resolve(trimmed, against: base)
    }
}
