import FeedParser
import Foundation
import Testing

/// Feed autodiscovery in a web page: `<link rel="alternate">` with a feed's type.
@Suite struct FeedDiscoveryTests {
    @Test func aPagesAnnouncedFeedsAreFoundInOrderAndResolved() throws {
        let html = String(decoding: try Fixture.bytes("discovery-page.html"), as: UTF8.self)
        let links = FeedDiscovery.links(inHTML: html, pageURL: "https://news.example/world/today.html")
        #expect(links == [
            .init(url: "https://news.example/world/rss.xml", title: "World & politics (RSS)", type: "application/rss+xml"),
            .init(url: "https://news.example/atom/world.xml", title: nil, type: "application/atom+xml"),
            .init(url: "https://cdn.news.example/world.json", title: "JSON Feed", type: "application/feed+json"),
        ])
    }

    @Test func aPageWithoutFeedLinksHasNone() {
        #expect(FeedDiscovery.links(inHTML: "<html><head><link rel=\"icon\" href=\"/f.ico\"></head></html>", pageURL: "https://a.example/").isEmpty)
        #expect(FeedDiscovery.links(inHTML: "", pageURL: "https://a.example/").isEmpty)
    }
}
