/// How a text field's value is to be read.
public enum TextFormat: Sendable, Equatable, Hashable {
    /// Plain text, shown as is.
    case text
    /// HTML, escaped or in CDATA: tags and entities are markup.
    case html
    /// Inline XHTML markup.
    case xhtml
}
