/// The syndication format of a document, detected from its content.
public enum FeedFormat: String, Sendable, Codable, CaseIterable {
    case rss090, rss091, rss092, rss093, rss094, rss20, rss10, atom03, atom10, json
    /// Microsoft's Channel Definition Format (1997): `<CHANNEL HREF=…>` with `<ITEM HREF=…>`s.
    case cdf
}
