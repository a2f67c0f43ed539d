import Testing
@testable import XMLKit

@Suite struct HTMLTextTests {
    @Test(arguments: [
        ("<p>The <b>Trump</b> administration</p>", "The Trump administration"),
        ("AT&amp;T &mdash; &#8220;quoted&#8221;&nbsp;here", "AT&T — “quoted”\u{00A0}here"),
        ("one</p><p>two<br/>three", "one two three"),
        ("keep <script>var secret = 1;</script>text<style>p{}</style>", "keep text"),
        ("  plain\n\ttext  with   gaps ", "plain text with gaps"),
        ("5 < 6 and 7 > 3", "5 < 6 and 7 > 3"),
        ("", ""),
    ])
    func plainTextFromHTML(html: String, expected: String) {
        #expect(HTMLText.plainText(fromHTML: html) == expected)
    }

    /// A no-break space is text the feed chose, as long-lived parsers keep it; only ASCII whitespace collapses.
    @Test func collapsingWhitespaceKeepsNoBreakSpaces() {
        #expect(HTMLText.collapsingWhitespace("a\u{00A0}\u{00A0}b \n c") == "a\u{00A0}\u{00A0}b c")
    }
}

@Suite struct URIResolverTests {
    @Test(arguments: [
        ("story.html", "http://example.com/news/", "http://example.com/news/story.html"),
        ("/index.html", "http://example.com/news/", "http://example.com/index.html"),
        ("../up", "https://example.com/a/b/", "https://example.com/a/up"),
        ("https://other.example/x", "http://example.com/", "https://other.example/x"),
        ("#comments", "http://example.com/post", "http://example.com/post#comments"),
    ])
    func resolvesAgainstBase(reference: String, base: String, expected: String) {
        #expect(URIResolver.resolve(reference, against: base) == expected)
    }

    @Test func leavesReferenceAloneWithoutBase() {
        #expect(URIResolver.resolve("story.html", against: nil) == "story.html")
    }
}

@Suite struct XMLStreamReaderTests {
    @Test func walksElementsAndText() throws {
        let reader = try XMLStreamReader(utf8: Array("<a xmlns:x='urn:x'><x:b k='v'>hi</x:b></a>".utf8), url: nil)
        var seen: [String] = []
        while reader.read() {
            switch reader.kind {
            case .element: seen.append("<\(reader.localName)|\(reader.namespaceURI)|\(reader.attribute("k") ?? "-")")
            case .text: seen.append(reader.value)
            case .endElement: seen.append("/\(reader.localName)")
            default: break
            }
        }
        #expect(seen == ["<a||-", "<b|urn:x|v", "hi", "/b", "/a"])
        #expect(!reader.failed)
        #expect(reader.problems.isEmpty)
    }

    @Test func streamingReaderStopsWhereRecoveringReaderGoesOn() throws {
        let broken = Array("<r><i>one</i></r><junk/>".utf8)
        let streaming = try XMLStreamReader(utf8: broken, url: nil)
        while streaming.read() {}
        #expect(streaming.failed)
        #expect(streaming.problems.first?.message.contains("Extra content") == true)

        let recovering = try XMLStreamReader(utf8: broken, url: nil, recovering: true)
        var texts: [String] = []
        while recovering.read() { if recovering.kind == .text { texts.append(recovering.value) } }
        #expect(texts == ["one"])
    }
}
