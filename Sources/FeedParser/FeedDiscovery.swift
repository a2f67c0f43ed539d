import Foundation
import XMLKit

/// The feeds a web page announces: `<link rel="alternate">` elements whose type is a feed's
/// (RSS, Atom, JSON Feed), as browsers and feed readers find them, in the page's order, with their
/// `href` resolved against the page's URL (or its `<base href>`).
public enum FeedDiscovery {
    public struct Link: Sendable, Equatable {
        public var url: String
        public var title: String?
        public var type: String

        public init(url: String, title: String?, type: String) {
            self.url = url
            self.title = title
            self.type = type
        }
    }

    static let feedTypes: Set<String> = ["application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
                                         "application/rdf+xml", "text/xml", "application/xml"]

    /// Where sites commonly serve their feed, tried in this order when a page announces none.
    public static let commonPaths = ["/feed", "/rss", "/feed.xml", "/rss.xml", "/atom.xml", "/index.xml", "/feed.json", "/feeds/posts/default"]

    public static func links(inHTML html: String, pageURL: String) -> [Link] {
        let collector = Collector()
        HTMLEvents.parse(html, into: collector)
        let base = collector.base.map { URIResolver.resolve($0, against: pageURL) } ?? pageURL
        var seen = Set<String>()
        return collector.found.compactMap { found in
            let url = URIResolver.resolve(found.href, against: base)
            guard url.hasPrefix("http://") || url.hasPrefix("https://"), seen.insert(url).inserted else { return nil }
            return Link(url: url, title: found.title, type: found.type)
        }
    }

    private final class Collector: HTMLEventConsumer {
        var found: [(href: String, title: String?, type: String)] = []
        var base: String?

        func startElement(_ name: String, attributes: [(name: String, value: String)]) {
            func attribute(_ key: String) -> String? { attributes.first { $0.name == key }?.value }
            if name == "base", base == nil, let href = attribute("href") { base = href }
            guard name == "link", let href = attribute("href")?.trimmingCharacters(in: .whitespacesAndNewlines), !href.isEmpty,
                  let rel = attribute("rel")?.lowercased().split(whereSeparator: \.isWhitespace), rel.contains("alternate"),
                  !rel.contains("stylesheet"),
                  let type = attribute("type")?.lowercased().split(separator: ";").first?.trimmingCharacters(in: .whitespaces),
                  FeedDiscovery.feedTypes.contains(type) else { return }
            found.append((href, attribute("title").flatMap { $0.isEmpty ? nil : $0 }, type))
        }

        func endElement(_ name: String) {}
        func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
    }
}
