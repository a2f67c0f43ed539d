import FeedModel
import Foundation
import Testing
@testable import FeedParser

@Suite struct FormatDetectionTests {
    @Test(arguments: [
        ("rss090.rdf", FeedFormat.rss090, "Mozilla Dot Org", 2),
        ("rss091.xml", .rss091, "Version 0.91 feed", 1),
        ("rss092.xml", .rss092, "Version 0.92 feed", 1),
        ("rss093.xml", .rss093, "Version 0.93 feed", 1),
        ("rss094.xml", .rss094, "Version 0.94 feed", 1),
        ("rss10.rdf", .rss10, "Example RDF Site", 1),
        ("rss20-namespaces.xml", .rss20, "World News", 2),
        ("atom03.xml", .atom03, "Old & Atom", 1),
        ("atom10.xml", .atom10, "Atom &lt;Example&gt;", 2),
        ("jsonfeed10.json", .json, "Version one", 1),
        ("jsonfeed11.json", .json, "JSON Example", 2),
    ])
    func detectsFormatFromContent(file: String, format: FeedFormat, title: String, entries: Int) throws {
        let feed = try Fixture.parse(file)
        #expect(feed.format == format)
        #expect(feed.title == title)
        #expect(feed.entries.count == entries)
        #expect(!feed.bozo, "\(file): \(feed.bozoReason ?? "")")
    }

    @Test func aNameOrContentTypeDoesNotDecideTheFormat() throws {
        let feed = try FeedParser().parse(Fixture.bytes("atom10.xml"), context: .init(contentType: "application/rss+xml"))
        #expect(feed.format == .atom10)
    }

    @Test func anHTMLPageIsNotAFeedAndTheErrorSaysWhy() throws {
        #expect {
            _ = try Fixture.parse("not-a-feed.html")
        } throws: { error in
            guard let error = error as? FeedParseError else { return false }
            return error.code == .notAFeed && error.message.contains("<html>") && error.message.contains("HTML page")
        }
    }

    @Test func emptyAndNonXMLInputsAreErrors() {
        #expect(throws: FeedParseError.self) { _ = try FeedParser().parse([]) }
        #expect(throws: FeedParseError.self) { _ = try FeedParser().parse(Array("just some words".utf8)) }
        #expect(throws: FeedParseError.self) { _ = try FeedParser().parse(Array("{\"not\": \"a feed\"}".utf8)) }
        #expect(throws: FeedParseError.self) { _ = try FeedParser().parse(Array("{broken json".utf8)) }
    }
}

@Suite struct RSSTests {
    @Test func rss20WithNamespaces() throws {
        let feed = try Fixture.parse("rss20-namespaces.xml")
        #expect(feed.link == "http://news.example.com/")
        #expect(feed.subtitle == "Top stories")
        #expect(feed.generator == "ExamplePress 5.1")
        #expect(feed.ttlMinutes == 30)
        #expect(feed.updated == utc("2025-03-02T11:00:00Z"), "the latest of pubDate and lastBuildDate")

        let first = try #require(feed.entries.first)
        #expect(first.title == "US orders end to cyber operations against Russia")
        #expect(first.id == "https://news.example.com/2025/03/02/cyber")
        #expect(first.link == "https://news.example.com/2025/03/02/cyber", "a permalink guid is the link")
        #expect(first.authors == ["Reporter One", "Reporter Two"])
        #expect(first.published == utc("2025-03-02T10:15:30Z"))
        #expect(first.categories == ["Politics", "Cyber"])
        #expect(first.comments == "https://news.example.com/2025/03/02/cyber#comments")
        #expect(first.enclosures == [Enclosure(url: "https://cdn.example.com/photo.jpg", type: "image/jpeg", length: 52000)])
        #expect(first.thumbnail == "https://cdn.example.com/thumb.jpg")
        #expect(first.content?.contains("<a href=\"/related\">") == true, "content keeps its markup")
        #expect(first.contentText == "The Trump administration has ordered\u{00A0}an end.", "plain text drops tags and scripts, keeps &nbsp;")
        #expect(first.summaryText == "The Trump administration has ordered an end to offensive cyber operations.")

        let second = feed.entries[1]
        #expect(second.title == "Second & last")
        #expect(second.link == "https://other.example.net/section/story.html", "xml:base on the item")
        #expect(second.summary == "Only a media description")
        #expect(second.published == utc("2025-03-02T12:00:00Z"))
        #expect(second.identity == "https://other.example.net/section/story.html")
    }

    @Test func rss10RDF() throws {
        let feed = try Fixture.parse("rss10.rdf")
        #expect(feed.language == "en")
        #expect(feed.author == "Editorial Desk")
        #expect(feed.image == "http://example.org/logo.png")
        #expect(feed.updated == utc("2025-03-02T07:15:00Z"))
        let entry = try #require(feed.entries.first)
        #expect(entry.summary == "Short description")
        #expect(entry.content == "<p>Full <em>content</em></p>")
        #expect(entry.contentText == "Full content")
        #expect(entry.published == utc("2025-03-02T00:00:00Z"))
        #expect(entry.authors == ["Alice Example"])
        #expect(entry.categories == ["Security"])
    }

    @Test func rss090ImageIsNotTheChannelTitle() throws {
        let feed = try Fixture.parse("rss090.rdf")
        #expect(feed.title == "Mozilla Dot Org")
        #expect(feed.image == "http://www.mozilla.org/images/moz.gif")
        #expect(feed.entries.map(\.link) == ["http://www.mozilla.org/status/", "http://www.mozilla.org/bugs/"])
    }

    @Test func rss09xAuthorsAndDoubleEscapedMarkup() throws {
        let feed = try Fixture.parse("rss092.xml")
        #expect(feed.author == "Ed Itor", "'email (Name)' reads as the name")
        #expect(feed.language == "en-us")
        let entry = try #require(feed.entries.first)
        #expect(entry.summary == "The first item &lt;b&gt;bold&lt;/b&gt;")
        #expect(entry.summaryText == "The first item <b>bold</b>", "double-escaped markup decodes once to text")
    }

    @Test func relativeLinksResolveAgainstTheDocumentURLAndContentLocation() throws {
        let document = Array("""
        <rss version="2.0"><channel><title>t</title><link>/home</link>
        <item><title>a</title><link>posts/1</link></item></channel></rss>
        """.utf8)
        let byURL = try FeedParser().parse(document, context: .init(url: "http://feeds.example/dir/rss.xml"))
        #expect(byURL.link == "http://feeds.example/home")
        #expect(byURL.entries.first?.link == "http://feeds.example/dir/posts/1")
        let byLocation = try FeedParser().parse(document, context: .init(url: "http://feeds.example/dir/rss.xml",
                                                                           contentLocation: "/other/feed.xml"))
        #expect(byLocation.entries.first?.link == "http://feeds.example/other/posts/1")
    }

    @Test func contentLanguageIsUsedOnlyWhenTheDocumentHasNone() throws {
        let plain = try FeedParser().parse(Fixture.bytes("rss20-namespaces.xml"), context: .init(contentLanguage: "de"))
        #expect(plain.language == "de")
        let declared = try FeedParser().parse(Fixture.bytes("rss10.rdf"), context: .init(contentLanguage: "de"))
        #expect(declared.language == "en")
    }
}

@Suite struct AtomTests {
    @Test func atom10TextConstructsLinksAndPeople() throws {
        let feed = try Fixture.parse("atom10.xml")
        #expect(feed.title == "Atom &lt;Example&gt;", "type=text is literal text")
        #expect(feed.subtitle == "Notes on things", "the subtitle is plain text, like the title")
        #expect(feed.subtitleText == "Notes on things")
        #expect(feed.link == "http://atom.example.org/blog/")
        #expect(feed.language == "en-GB")
        #expect(feed.author == "Feed Author")
        #expect(feed.generator == "Example Generator")
        #expect(feed.image == "http://atom.example.org/images/logo.png", "logo wins over icon")
        #expect(feed.id == "urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6")

        let entry = try #require(feed.entries.first)
        #expect(entry.title == "Cyber operations paused", "type=html is decoded to plain text")
        #expect(entry.link == "http://atom.example.org/blog/2025/03/cyber")
        #expect(entry.comments == "http://atom.example.org/blog/2025/03/cyber#comments")
        #expect(entry.enclosures == [Enclosure(url: "http://atom.example.org/audio/ep1.mp3", type: "audio/mpeg", length: 1337)])
        #expect(entry.published == utc("2025-03-02T15:00:00Z"))
        #expect(entry.updated == utc("2025-03-02T11:00:00Z"))
        #expect(entry.authors == ["Jane Writer", "Sam Helper"])
        #expect(entry.categories == ["security"])
        #expect(entry.summary == "Plain & simple summary")
        #expect(entry.content == "<p>Hello <b>world</b></p>", "xhtml content without its wrapper div")
        #expect(entry.contentText == "Hello world")
        #expect(feed.entries[1].updated == utc("2025-03-01T00:00:00Z"), "a partial W3C-DTF date")
        #expect(feed.entries[1].contentText == "HTML content")
    }

    @Test func atom03ModesAndDates() throws {
        let feed = try Fixture.parse("atom03.xml")
        #expect(feed.subtitle == "An Atom 0.3 feed")
        #expect(feed.updated == utc("2004-12-13T18:30:02Z"))
        let entry = try #require(feed.entries.first)
        #expect(entry.published == utc("2004-12-13T12:29:29Z"))
        #expect(entry.content == "<p>Escaped content</p>")
        #expect(entry.contentText == "Escaped content")
    }
}

@Suite struct JSONFeedTests {
    @Test func jsonFeed11() throws {
        let feed = try FeedParser().parse(Fixture.bytes("jsonfeed11.json"), context: .init(url: "https://json.example.org/feed.json"))
        #expect(feed.link == "https://json.example.org/")
        #expect(feed.image == "https://json.example.org/icon.png")
        #expect(feed.author == "JSON Author")
        let first = try #require(feed.entries.first)
        #expect(first.published == utc("2025-03-02T17:00:00Z"))
        #expect(first.contentText == "Operations against Russia halted.")
        #expect(first.categories == ["cyber", "russia"])
        #expect(first.enclosures == [Enclosure(url: "https://json.example.org/a.mp3", type: "audio/mpeg", length: 2048)])
        let second = feed.entries[1]
        #expect(second.id == "2", "a numeric id is kept as text")
        #expect(second.published == nil, "an unparseable date is nil")
        #expect(second.content == "Text only item")
    }

    @Test func jsonFeed10SingleAuthorAndExternalURL() throws {
        let feed = try Fixture.parse("jsonfeed10.json")
        #expect(feed.author == "Solo")
        #expect(feed.entries.first?.link == "https://elsewhere.example/x")
    }
}
