import FeedModel
import Foundation
import Testing
@testable import FeedParser

/// What long-lived feed readers do with real feeds, beyond the letter of the specifications: each
/// document here is written from RSS 2.0, RFC 4287, Atom 0.3, the iTunes and Media RSS namespaces or
/// CDF, in the shape real feeds take.
@Suite struct ReaderConventionTests {
    private func parse(_ xml: String, url: String? = nil) throws -> Feed {
        try FeedParser().parse(Array(xml.utf8), context: DocumentContext(url: url))
    }

    private func rss(_ item: String, channel: String = "<title>T</title>", namespaces: String = "") -> String {
        "<?xml version=\"1.0\"?><rss version=\"2.0\" \(namespaces)><channel>\(channel)<item>\(item)</item></channel></rss>"
    }

    // MARK: Summary and content

    @Test func anEntryWithOnlyContentHasItAsItsSummaryToo() throws {
        let feed = try parse(rss("<content:encoded><![CDATA[<p>Body <b>text</b></p>]]></content:encoded>",
                                 namespaces: "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""))
        let entry = try #require(feed.entries.first)
        #expect(entry.summary == "<p>Body <b>text</b></p>")
        #expect(entry.content == "<p>Body <b>text</b></p>")
        #expect(entry.summaryIsContent)
        #expect(entry.distinctSummaryText == nil, "the entity core reads the text once")
        #expect(entry.contentText == "Body text")
    }

    @Test func atomContentOfEveryTextKindBecomesTheSummary() throws {
        for (type, content, summary) in [("text", "plain words", "plain words"), ("html", "&lt;i&gt;x&lt;/i&gt;", "<i>x</i>"),
                                         ("xhtml", "<div xmlns=\"http://www.w3.org/1999/xhtml\"><i>x</i></div>", "<i>x</i>")] {
            let feed = try parse("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><id>1</id><title>E</title>"
                                 + "<content type=\"\(type)\">\(content)</content></entry></feed>")
            #expect(feed.entries.first?.summary == summary, "type \(type)")
        }
    }

    @Test func aSummaryOfItsOwnIsKeptAndReadBesideTheContent() throws {
        let feed = try parse(rss("<description>Short</description><content:encoded>Long body</content:encoded>",
                                 namespaces: "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""))
        let entry = try #require(feed.entries.first)
        #expect(entry.summary == "Short")
        #expect(!entry.summaryIsContent)
        #expect(entry.distinctSummaryText == "Short")
    }

    /// Identities stored by earlier versions must not change, or every such entry would alert again:
    /// SHA-256 of "No id or link", U+001F, no date, U+001F, no summary, as before summaries were filled in.
    @Test func fillingInFieldsLeavesTheIdentityAsItWas() throws {
        let xml = rss("<title>No id or link</title><content:encoded>Body</content:encoded><media:title>Other</media:title>"
                      + "<itunes:summary>Elsewhere</itunes:summary>",
                      namespaces: "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \(Self.podcastNamespaces)")
        let entry = try #require(try parse(xml).entries.first)
        #expect(entry.summary == "Elsewhere")
        #expect(entry.identity == "sha256:c060a1ba70f6d0172f5aa7ffa0887fcd52f9d847923e375844f403321e6689e2")
    }

    @Test func rdfAboutNamesTheItemButTheIdentityStaysTheLink() throws {
        let feed = try parse("""
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
        <channel rdf:about="http://a.example/"><title>T</title></channel>
        <item rdf:about="http://a.example/about-1"><title>One</title><link>http://a.example/1</link></item></rdf:RDF>
        """)
        #expect(feed.entries.first?.id == "http://a.example/about-1")
        #expect(feed.entries.first?.identity == "http://a.example/1")
    }

    // MARK: Plain-text subtitles, empty fields

    @Test func theFeedSubtitleIsPlainText() throws {
        let feed = try parse(rss("<title>x</title>", channel: "<title>T</title><description>&lt;p&gt;News &amp;amp; "
                                 + "&lt;b&gt;views&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;style&gt;p{}&lt;/style&gt;&lt;/p&gt;</description>"))
        #expect(feed.subtitle == "News & views")
    }

    @Test func presentButEmptyIsEmptyNotAbsent() throws {
        let feed = try parse(rss("<title><![CDATA[<b></b>]]></title><description></description>",
                                 channel: "<title></title><description>  </description>"))
        #expect(feed.title == "")
        #expect(feed.subtitle == "")
        let entry = try #require(feed.entries.first)
        #expect(entry.title == "")
        #expect(entry.summary == "")
        let absent = try parse(rss("<link>http://a.example/1</link>", channel: "<link>http://a.example/</link>"))
        #expect(absent.title == nil && absent.subtitle == nil)
        #expect(absent.entries.first?.title == nil && absent.entries.first?.summary == nil)
    }

    @Test func anEmptyTitleGivesWayToOneWithText() throws {
        let feed = try parse(rss("<title></title><dc:title>Second</dc:title>", namespaces: "xmlns:dc=\"http://purl.org/dc/elements/1.1/\""))
        #expect(feed.entries.first?.title == "Second")
    }

    @Test func aNoBreakSpaceIsKept() throws {
        let feed = try parse(rss("<title>a&#160;b</title><description>c&amp;nbsp;d</description>"))
        #expect(feed.entries.first?.title == "a\u{00A0}b")
        #expect(feed.entries.first?.summaryText == "c\u{00A0}d")
    }

    // MARK: Base64

    @Test func atom03Base64ContentIsDecoded() throws {
        let html = Data("<p>Decoded <b>body</b></p>".utf8).base64EncodedString()
        let feed = try parse("<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>T</title><entry><id>1</id>"
                             + "<content type=\"text/html\" mode=\"base64\">\(html)</content></entry></feed>")
        #expect(feed.format == .atom03)
        #expect(feed.entries.first?.content == "<p>Decoded <b>body</b></p>")
        #expect(feed.entries.first?.contentFormat == .html)
    }

    @Test func atom10ContentOfAnotherTypeIsBase64() throws {
        let text = Data("plain bytes".utf8).base64EncodedString()
        let feed = try parse("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><id>1</id>"
                             + "<content type=\"application/octet-stream\">\(text)</content></entry></feed>")
        #expect(feed.entries.first?.content == "plain bytes")
    }

    // MARK: iTunes and Media RSS

    static let podcastNamespaces = "xmlns:itunes=\"http://www.itunes.com/DTDs/PodCast-1.0.dtd\" xmlns:media=\"http://search.yahoo.com/mrss/\""

    @Test func iTunesFillsTheChannelWhereCoreElementsAreMissing() throws {
        let channel = """
        <title>Show</title><itunes:Subtitle>A show about &lt;b&gt;things&lt;/b&gt;</itunes:Subtitle><itunes:AUTHOR>Host Name</itunes:AUTHOR>
        <itunes:image href="http://cdn.example/art.jpg"/><itunes:category text="Technology"><itunes:category text="Podcasting"/></itunes:category>
        <itunes:keywords>tech, news , tech</itunes:keywords><media:category>Science</media:category>
        """
        let feed = try parse(rss("<title>Ep</title>", channel: channel, namespaces: Self.podcastNamespaces))
        #expect(feed.subtitle == "A show about things")
        #expect(feed.author == "Host Name")
        #expect(feed.image == "http://cdn.example/art.jpg")
        #expect(feed.categories == ["Technology", "Podcasting", "tech", "news", "Science"])
    }

    @Test func coreElementsWinOverITunes() throws {
        let channel = "<title>Show</title><description>Core</description><managingEditor>ed@example.com (Editor)</managingEditor>"
            + "<itunes:summary>Other</itunes:summary><itunes:author>Host</itunes:author>"
        let feed = try parse(rss("<title>Ep</title>", channel: channel, namespaces: Self.podcastNamespaces))
        #expect(feed.subtitle == "Core")
        #expect(feed.author == "Editor")
    }

    @Test func iTunesAndMediaFillTheEntry() throws {
        let item = "<media:title>Episode one</media:title><itunes:Summary>What it is about</itunes:Summary>"
            + "<itunes:keywords>a,b</itunes:keywords><media:category>c</media:category><itunes:author>Guest</itunes:author>"
        let entry = try #require(try parse(rss(item, namespaces: Self.podcastNamespaces)).entries.first)
        #expect(entry.title == "Episode one")
        #expect(entry.summary == "What it is about")
        #expect(entry.categories == ["a", "b", "c"])
        #expect(entry.authors == ["Guest"])
    }

    // MARK: Smaller ones

    @Test func rss10ItemsAreNamedByRDFAbout() throws {
        let feed = try parse("""
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
        <channel rdf:about="http://a.example/"><title>T</title></channel>
        <item rdf:about="http://a.example/1"><title>One</title></item></rdf:RDF>
        """)
        #expect(feed.entries.first?.id == "http://a.example/1")
    }

    /// As long-lived parsers do: a relative permalink guid is resolved; an opaque one (isPermaLink="false")
    /// and an Atom id are names, kept as written. The identity always keeps the id as written.
    @Test func aRelativePermalinkGuidIsResolvedButTheIdentityKeepsItAsWritten() throws {
        let feed = try parse(rss("<guid>posts/1</guid></item><item><guid isPermaLink=\"false\">posts/2</guid>"), url: "http://a.example/blog/feed")
        #expect(feed.entries.map(\.id) == ["http://a.example/blog/posts/1", "posts/2"])
        #expect(feed.entries.first?.identity == "posts/1")
        let atom = try parse("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://a.example/\"><title>T</title><entry><id>posts/3</id></entry></feed>")
        #expect(atom.entries.first?.id == "posts/3")
    }

    @Test func iTunesAuthorAndImageOnlyFillIn() throws {
        let channel = "<title>Show</title><itunes:image href=\"http://cdn.example/itunes.jpg\"/><image><url>http://cdn.example/own.png</url></image>"
        let feed = try parse(rss("<author>writer@example.com (Writer)</author><itunes:author>Host</itunes:author>",
                                 channel: channel, namespaces: Self.podcastNamespaces))
        #expect(feed.image == "http://cdn.example/own.png", "the channel's own image wins even when it comes later")
        #expect(feed.entries.first?.authors == ["Writer"])
    }

    @Test func base64ContentThatIsNotTextIsDropped() throws {
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0xFE]).base64EncodedString()
        let feed = try parse("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><id>1</id>"
                             + "<content type=\"image/png\">\(png)</content></entry></feed>")
        #expect(feed.entries.first?.content == nil)
        #expect(feed.entries.first?.summary == nil)
    }

    @Test func anAtomTypeWithParametersIsReadByItsMediaType() throws {
        let feed = try parse("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><id>1</id>"
                             + "<summary type=\"text/html; charset=utf-8\">&lt;b&gt;x&lt;/b&gt;</summary></entry></feed>")
        #expect(feed.entries.first?.summaryFormat == .html)
        #expect(feed.entries.first?.summaryText == "x")
    }

    @Test func aChannelAuthorIsMapped() throws {
        let feed = try parse(rss("<title>x</title>", channel: "<title>T</title><dc:author>Writer</dc:author>",
                                 namespaces: "xmlns:dc=\"http://purl.org/dc/elements/1.1/\""))
        #expect(feed.author == "Writer")
        let plain = try parse(rss("<title>x</title>", channel: "<title>T</title><author>Someone</author>"))
        #expect(plain.author == "Someone")
    }

    @Test func anImageOrTextInputNeverOverridesTheChannelOrItem() throws {
        let channel = "<image><title>Logo title</title><link>http://img.example/</link><url>http://img.example/logo.png</url></image>"
            + "<textInput><title>Search</title><link>http://search.example/</link></textInput><title>Real</title><link>http://real.example/</link>"
        let item = "<image><title>Item image</title><link>http://img.example/i</link></image><title>Item</title>"
        let feed = try parse(rss(item, channel: channel))
        #expect(feed.title == "Real")
        #expect(feed.link == "http://real.example/")
        #expect(feed.image == "http://img.example/logo.png")
        #expect(feed.entries.first?.title == "Item")
        #expect(feed.entries.first?.link == nil)
    }

    @Test func rssInADefaultNamespaceIsRecognised() throws {
        for namespace in ["http://backend.userland.com/rss2", "http://blogs.law.harvard.edu/tech/rss", "http://unknown.example/rss"] {
            let feed = try parse("<rss version=\"2.0\" xmlns=\"\(namespace)\"><channel><title>T</title><item><title>I</title></item></channel></rss>")
            #expect(feed.title == "T", "\(namespace)")
            #expect(feed.entries.first?.title == "I", "\(namespace)")
        }
    }

    @Test(arguments: ["<body>Body text</body>", "<xhtml:body xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">Body text</xhtml:body>",
                      "<fullitem>Body text</fullitem>"])
    func bodyAndFullitemAreContent(element: String) throws {
        let feed = try parse(rss("<title>x</title>\(element)"))
        #expect(feed.entries.first?.contentText == "Body text")
    }

    @Test func anAtom03FeedInAnUnknownNamespaceIsReadAndTheNoteIsConsistent() throws {
        let feed = try parse("<feed version=\"0.3\" xmlns=\"http://example.com/newformat#\"><title>T</title>"
                             + "<entry><title>E</title></entry></feed>")
        #expect(feed.format == .atom03)
        #expect(feed.title == "T")
        #expect(feed.entries.first?.title == "E")
        let reason = try #require(feed.bozoReason)
        #expect(reason.contains("namespace http://example.com/newformat#, not Atom's"))
    }

    @Test func elementNamesMatchWhateverTheirCase() throws {
        let feed = try parse(rss("<Title>Item</Title><PUBDATE>Sun, 02 Mar 2025 10:00:00 GMT</PUBDATE>", channel: "<TITLE>T</TITLE>"))
        #expect(feed.title == "T")
        #expect(feed.entries.first?.title == "Item")
        #expect(feed.entries.first?.published == utc("2025-03-02T10:00:00Z"))
    }

    // MARK: CDF

    @Test func cdfIsParsed() throws {
        let feed = try parse("""
        <?xml version="1.0"?>
        <CHANNEL HREF="http://cdf.example/" LASTMOD="2025-03-02T10:00">
          <TITLE>CDF channel</TITLE>
          <ABSTRACT>What the channel is</ABSTRACT>
          <LOGO HREF="http://cdf.example/logo.gif" STYLE="IMAGE"/>
          <ITEM HREF="http://cdf.example/1.html" LASTMOD="2025-03-01T09:30">
            <TITLE>First item</TITLE>
            <ABSTRACT>About the first item</ABSTRACT>
          </ITEM>
        </CHANNEL>
        """)
        #expect(feed.format == .cdf)
        #expect(feed.title == "CDF channel")
        #expect(feed.link == "http://cdf.example/")
        #expect(feed.subtitle == "What the channel is")
        #expect(feed.updated == utc("2025-03-02T10:00:00Z"))
        let item = try #require(feed.entries.first)
        #expect(item.title == "First item")
        #expect(item.link == "http://cdf.example/1.html")
        #expect(item.summary == "About the first item")
        #expect(item.updated == utc("2025-03-01T09:30:00Z"))
        #expect(!feed.bozo, "\(feed.bozoReason ?? "")")
    }
}
