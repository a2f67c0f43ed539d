/// What an XML event source tells a consumer about an element as it starts.
public protocol XMLElementInfo {
    var localName: String { get }
    var namespaceURI: String { get }
    var qualifiedName: String { get }
    /// Equal for equal (namespace, local name) pairs within one document: resolve a name once, look it up by this.
    var nameKey: XMLNameKey { get }
    /// The base URI in force at this element: the document URL as changed by any `xml:base` above it.
    var baseURI: String? { get }
    var xmlLang: String? { get }
    var line: Int { get }
    /// The attribute with this local name and no namespace, or in this namespace.
    func attribute(_ localName: String, namespace: String?) -> String?
}

extension XMLElementInfo {
    public func attribute(_ localName: String) -> String? { attribute(localName, namespace: nil) }
}

public struct XMLNameKey: Hashable, Sendable {
    public let localName: UInt
    public let namespace: UInt
    public init(localName: UInt, namespace: UInt) {
        self.localName = localName
        self.namespace = namespace
    }
}

/// What the consumer wants done with an element that starts.
public enum XMLStartDecision {
    /// Report its children as events.
    case descend
    /// Collect the markup inside it and hand it over with `capturedMarkup`, then end it.
    case captureInner
    /// Collect it whole (start tag, content, end tag) and hand it over with `capturedMarkup`; no end event.
    case captureOuter
}

/// Receives a document as events, from libxml2's SAX2 parser (`SAXParser`) or a tree (`XMLTreeEvents`).
public protocol XMLEventConsumer: AnyObject {
    func startDocumentElement<Element: XMLElementInfo>(_ element: Element) throws
    func startElement<Element: XMLElementInfo>(_ element: Element) -> XMLStartDecision
    /// Whether text here is of any use; when not, the source does not even make a string of it.
    var wantsCharacters: Bool { get }
    /// The text between two tags, in one piece.
    func characters(_ text: String)
    func capturedMarkup(_ markup: String)
    func endElement()
    /// True when the consumer wants no more events (a depth limit was hit).
    var wantsToStop: Bool { get }
}
