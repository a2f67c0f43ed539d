import FeedModel
import Foundation
import Testing
@testable import FeedParser

/// Summaries and content are handed on as safe HTML: what the well-known sanitizers remove is removed
/// (the cases are the classic ones: script, handlers, javascript: URLs, frames, plugins, CSS tricks).
@Suite struct SanitizerTests {
    private func clean(_ html: String, base: String? = "http://feed.example/dir/") -> String {
        HTMLSanitizer.sanitize(html, base: base)
    }

    @Test(arguments: [
        ("safe <script>alert(1)</script>description", "safe description"),
        ("safe <style>body{display:none}</style>description", "safe description"),
        ("safe <applet code=\"x.class\">fallback</applet>description", "safe description"),
        ("safe <iframe src=\"http://evil.example/\">fallback</iframe>description", "safe description"),
        ("safe <object data=\"x.swf\"><param name=\"a\" value=\"b\"></object>description", "safe description"),
        ("safe <embed src=\"x.swf\">description", "safe description"),
        ("safe <frameset><frame src=\"x\"></frameset>description", "safe description"),
        ("safe <meta http-equiv=\"refresh\" content=\"0;url=http://evil.example/\">description", "safe description"),
        ("safe <link rel=\"stylesheet\" href=\"http://evil.example/x.css\">description", "safe description"),
        ("safe <blink>blinking</blink> description", "safe blinking description"),
        ("<b onclick=\"alert(1)\" onmouseover=\"x()\">bold</b>", "<b>bold</b>"),
        ("<a href=\"javascript:alert(1)\">link</a>", "<a>link</a>"),
        ("<a href=\" JaVaScRiPt:alert(1)\">link</a>", "<a>link</a>"),
        ("<a href=\"java&#9;script:alert(1)\">link</a>", "<a>link</a>"),
        ("<a href=\"vbscript:msgbox(1)\">link</a>", "<a>link</a>"),
        ("<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">link</a>", "<a>link</a>"),
        ("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">", "<img />"),
        ("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\">", "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\" />"),
        ("<p style=\"color: red; position: absolute; top: 0\">x</p>", "<p style=\"color: red\">x</p>"),
        ("<p style=\"background: url(http://evil.example/x.png)\">x</p>", "<p>x</p>"),
        ("<p style=\"width: expression(alert(1))\">x</p>", "<p>x</p>"),
        ("<p style=\"margin: 0 auto; border: 1px solid #ccc\">x</p>", "<p style=\"margin: 0 auto; border: 1px solid #ccc\">x</p>"),
        ("<div><p>unclosed <b>bold", "<div><p>unclosed <b>bold</b></p></div>"),
        ("5 &lt; 6 &amp; 7 &gt; 3", "5 &lt; 6 &amp; 7 &gt; 3"),
        ("<!-- a comment --><p>text</p>", "<p>text</p>"),
        ("<a href=\"x\" title='say \"hi\"'>q</a>", "<a href=\"http://feed.example/dir/x\" title=\"say &quot;hi&quot;\">q</a>"),
    ])
    func removesWhatCanActAndKeepsTheText(html: String, expected: String) {
        #expect(clean(html) == expected)
    }

    /// A plain-text summary is text: handed on as HTML, it is escaped, never rendered as markup.
    @Test func aPlainTextSummaryIsEscapedNotRendered() throws {
        let xml = "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><channel><title>T</title><item>"
            + "<itunes:summary><![CDATA[<script>alert(1)</script> & <b>x</b>]]></itunes:summary></item></channel></rss>"
        let entry = try #require(try FeedParser().parse(Array(xml.utf8)).entries.first)
        #expect(entry.summaryFormat == .text)
        #expect(entry.sanitizedSummary == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;")
    }

    /// The base can be hostile too: a relative link resolved against `javascript:…//` is a script.
    @Test func theSchemeIsCheckedAfterResolving() {
        #expect(clean("<a href=\"x\">a</a>", base: "javascript:alert(1)//") == "<a>a</a>")
        #expect(clean("<img src=\"x.png\">", base: "data:text/html,hi//") == "<img />")
    }

    @Test func aQuoteFollowedByACombiningMarkStillCannotLeaveTheAttribute() {
        let combining = "\u{0301}"
        let result = clean("<a title='x\"" + combining + " onmouseover=alert(1) y'>q</a>")
        let escaped = "&quot;" + combining + " onmouseover=alert(1) y"
        let raw = "\"" + combining + " onmouseover"
        #expect(!result.contains(raw))
        #expect(result.contains(escaped))
    }

    @Test func svgPaintMayPointIntoTheDocumentOnly() {
        #expect(clean("<svg><rect fill=\"url(#g)\" stroke=\"url(http://tracker.example/p)\"/></svg>")
            == "<svg><rect fill=\"url(#g)\"></rect></svg>")
    }

    @Test func relativeLinksAndImagesAreResolvedAgainstTheBase() {
        #expect(clean("<a href=\"/about\">a</a><img src=\"img/x.png\"><a href=\"#top\">t</a><a href=\"mailto:a@b.example\">m</a>")
            == "<a href=\"http://feed.example/about\">a</a><img src=\"http://feed.example/dir/img/x.png\" />"
            + "<a href=\"http://feed.example/dir/#top\">t</a><a href=\"mailto:a@b.example\">m</a>")
    }

    @Test func svgAndMathMLOnlyWithinTheirOwnLists() {
        #expect(clean("<svg viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"4\" fill=\"red\" onload=\"alert(1)\"/><script>x</script><foreignObject><p>html</p></foreignObject></svg>")
            == "<svg viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"4\" fill=\"red\"></circle>html</svg>")
        #expect(clean("<math><mi>x</mi><mo>=</mo><mn>1</mn><p>no</p></math>") == "<math><mi>x</mi><mo>=</mo><mn>1</mn>no</math>")
        #expect(clean("<circle r=\"1\"></circle>outside") == "outside", "SVG elements outside <svg> are not HTML")
    }

    @Test func deepNestingIsFlattenedNotRefused() {
        let html = String(repeating: "<div>", count: 1000) + "deep" + String(repeating: "</div>", count: 1000)
        let result = clean(html)
        #expect(result.contains("deep"))
        #expect(result.components(separatedBy: "<div>").count - 1 == HTMLSanitizer.maximumDepth)
    }

    @Test func entriesAreSanitizedWhenHandedOnAndVerbatimWhenAskedFor() throws {
        let xml = """
        <rss version="2.0"><channel><title>T</title><item><title>I</title>
        <description>&lt;p onclick="x()"&gt;Hi &lt;a href="/a"&gt;there&lt;/a&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;</description>
        </item></channel></rss>
        """
        let feed = try FeedParser().parse(Array(xml.utf8), context: DocumentContext(url: "http://site.example/feed.xml"))
        let entry = try #require(feed.entries.first)
        #expect(entry.sanitizedSummary == "<p>Hi <a href=\"http://site.example/a\">there</a></p>")
        #expect(entry.summary?.contains("<script>") == true, "the model keeps the markup as given")
    }

    @Test func xmlBaseOnTheContentElementDecides() throws {
        let xml = """
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://a.example/"><title>T</title>
        <entry><id>1</id><content type="html" xml:base="http://b.example/posts/">&lt;a href="x"&gt;x&lt;/a&gt;</content></entry></feed>
        """
        let entry = try #require(try FeedParser().parse(Array(xml.utf8)).entries.first)
        #expect(entry.sanitizedContent == "<a href=\"http://b.example/posts/x\">x</a>")
    }
}
