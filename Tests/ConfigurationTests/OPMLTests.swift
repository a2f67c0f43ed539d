@testable import Configuration
import Foundation
import Testing
import XMLKit

/// OPML in (a feed reader's export, into feeds.yaml with its comments kept) and out.
@Suite struct OPMLTests {
    init() { XMLLibrary.initialize() }

    private func fixture() throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/subscriptions", withExtension: "opml"))
        return [UInt8](try Data(contentsOf: url))
    }

    private func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-opml-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aFeedReadersExportGivesItsFeedsWithTheirFoldersAsTags() throws {
        let (feeds, skipped) = try OPML.subscriptions(in: try fixture(), file: "subscriptions.opml")
        #expect(feeds == [
            .init(url: "https://loose.example/feed.xml", title: "Loose feed", tags: []),
            .init(url: "http://feeds.bbci.co.uk/news/world/rss.xml", title: "BBC News - World", tags: ["World News"]),
            .init(url: "https://wire.example/world.rss", title: "Reuters: World & Politics", tags: ["World News"]),
            .init(url: "https://eu.example/atom.xml", title: "EU desk", tags: ["World News", "Europe"]),
            .init(url: "https://krebsonsecurity.com/feed/", title: "Krebs on Security", tags: ["Security"]),
        ])
        #expect(skipped.count == 2)
        #expect(skipped.contains { $0.contains("listed twice") } && skipped.contains { $0.contains("feed://old.example/rss: not an http(s) feed") })
    }

    @Test func whatIsNotOPMLIsAClearError() {
        #expect { try OPML.subscriptions(in: Array("<rss version=\"2.0\"><channel/></rss>".utf8), file: "x.opml") } throws: { error in
            "\(error)".contains("x.opml:1: not OPML: the root is <rss>")
        }
        #expect { try OPML.subscriptions(in: Array("<opml><body><outline xmlUrl=\"https://a\"".utf8), file: "cut.opml") } throws: { error in
            "\(error)".contains("cut.opml: not well-formed XML")
        }
    }

    @Test func importedFeedsAreAddedWhereTheListEndsAndCommentsStay() throws {
        let path = try write("""
        # my feeds
        settings:
          interval: 10m
        feeds:
          - https://already.example/feed.xml   # kept
          - url: https://block.example/rss
            name: Block style

        # the watch-lists
        watchlists:
          - {name: w, topics: [cyber]}
        """)
        let added = try FeedListEditor.add([
            .init(url: "https://already.example/feed.xml", name: "Dup"),
            .init(url: "https://new.example/a.xml", name: "It's new: yes", tags: ["world-news", "europe"]),
            .init(url: "https://new.example/b.xml"),
        ], config: path)
        #expect(added.map(\.url) == ["https://new.example/a.xml", "https://new.example/b.xml"])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == """
        # my feeds
        settings:
          interval: 10m
        feeds:
          - https://already.example/feed.xml   # kept
          - url: https://block.example/rss
            name: Block style
          - {url: 'https://new.example/a.xml', name: 'It''s new: yes', tags: ['world-news', 'europe']}
          - {url: 'https://new.example/b.xml'}

        # the watch-lists
        watchlists:
          - {name: w, topics: [cyber]}
        """)
        let config = try ConfigLoader.load(path: path)
        #expect(config.feeds.map(\.url).suffix(2) == ["https://new.example/a.xml", "https://new.example/b.xml"])
        #expect(config.feeds.last(where: { $0.name == "It's new: yes" })?.tags == ["world-news", "europe"])
        #expect(try FeedListEditor.add([.init(url: "https://new.example/b.xml")], config: path).isEmpty, "a second import adds nothing")
    }

    @Test func aConfigurationWithoutFeedsGetsTheList() throws {
        let path = try write("watchlists:\n  - {name: w, topics: [cyber]}\n")
        try FeedListEditor.add([.init(url: "https://a.example/feed")], config: path)
        #expect(try ConfigLoader.load(path: path).feeds.map(\.url) == ["https://a.example/feed"])
        let empty = try write("feeds: []\n")
        try FeedListEditor.add([.init(url: "https://b.example/feed")], config: empty)
        #expect(try String(contentsOfFile: empty, encoding: .utf8) == "feeds:\n  - {url: 'https://b.example/feed'}\n")
    }

    @Test func theExportReadsBackAsTheSameFeeds() throws {
        var tagged = FeedConfig(url: "https://a.example/feed?x=1&y=2")
        tagged.name = "A <b>&</b> \"quoted\""
        tagged.tags = ["security", "extra"]
        let plain = FeedConfig(url: "https://b.example/rss")
        let document = OPML.document(of: [tagged, plain], title: "feedwatch")
        let (feeds, skipped) = try OPML.subscriptions(in: Array(document.utf8), file: "export.opml")
        #expect(skipped.isEmpty)
        #expect(feeds == [.init(url: "https://b.example/rss", title: "https://b.example/rss", tags: []),
                          .init(url: "https://a.example/feed?x=1&y=2", title: "A <b>&</b> \"quoted\"", tags: ["security"])])
    }
}
