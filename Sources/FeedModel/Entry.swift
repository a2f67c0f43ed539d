import Foundation

/// One item of a feed.
public struct Entry: Sendable, Equatable {
    /// RSS `guid`, Atom `id` or JSON Feed `id`, as given.
    public var id: String?
    /// Plain text.
    public var title: String?
    public var link: String?
    /// As the feed gave it (may be HTML); FeedParser's `summaryText` is its plain text. An entry with
    /// content but no summary has its content here too, as readers expect (`summaryIsContent`).
    public var summary: String?
    public var summaryFormat: TextFormat = .html
    /// The summary is a copy of the content, not text of its own: read it once, not twice.
    public var summaryIsContent = false
    /// The base URI in force where the summary and the content were written (`xml:base`, the
    /// document's URL), for resolving the relative links inside their HTML.
    public var summaryBase: String?
    public var contentBase: String?
    /// As the feed gave it (may be HTML); FeedParser's `contentText` is its plain text.
    public var content: String?
    public var contentFormat: TextFormat = .html
    public var published: Date?
    public var updated: Date?
    public var authors: [String] = []
    public var categories: [String] = []
    public var enclosures: [Enclosure] = []
    public var comments: String?
    public var thumbnail: String?
    /// Stable identity for de-duplication; see `EntryIdentity` in FeedParser for how it is chosen.
    public var identity: String = ""

    /// The first author, the one a one-line summary shows.
    public var author: String? { authors.first }

    public init() {}
}

/// A file attached to an entry: a podcast episode, an image, a video.
public struct Enclosure: Sendable, Equatable, Hashable {
    public var url: String
    public var type: String?
    public var length: Int?

    public init(url: String, type: String? = nil, length: Int? = nil) {
        self.url = url
        self.type = type
        self.length = length
    }
}
