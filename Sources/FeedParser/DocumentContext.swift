/// What the transport said about a document. Every field is optional: a file on disk has none.
public struct DocumentContext: Sendable, Equatable {
    /// The URL the document was fetched from; the base for relative links.
    public var url: String?
    /// The HTTP `Content-Type` header, parameters included (`application/rss+xml; charset=utf-8`).
    public var contentType: String?
    /// The HTTP `Content-Location` header; when present it is the base URI (RFC 7231 §3.1.4.2).
    public var contentLocation: String?
    /// The HTTP `Content-Language` header: the language when the document declares none.
    public var contentLanguage: String?

    public init(url: String? = nil, contentType: String? = nil, contentLocation: String? = nil,
                contentLanguage: String? = nil) {
        self.url = url
        self.contentType = contentType
        self.contentLocation = contentLocation
        self.contentLanguage = contentLanguage
    }

    /// The base URI for the document: Content-Location resolved against the URL, else the URL.
    var baseURL: String? {
        guard let contentLocation, !contentLocation.isEmpty else { return url }
        return URIResolution.resolve(contentLocation, against: url)
    }
}

/// Limits that keep a hostile document from costing unbounded time or memory.
public struct ParseLimits: Sendable, Equatable {
    /// Larger documents are refused before parsing.
    public var maximumDocumentBytes: Int
    /// Deeper nesting stops the walk (libxml2 itself stops at 256 levels without XML_PARSE_HUGE).
    public var maximumDepth: Int

    public init(maximumDocumentBytes: Int = 64 << 20, maximumDepth: Int = 256) {
        self.maximumDocumentBytes = maximumDocumentBytes
        self.maximumDepth = maximumDepth
    }
}
