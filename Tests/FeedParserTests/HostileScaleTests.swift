import FeedModel
import Foundation
import Testing
@testable import FeedParser

/// Documents that used to cost super-linear time: each must come out right, and the benchmark
/// (`feedwatch-bench parse --hostile NAME`) measures what it costs.
@Suite struct HostileScaleTests {
    private func rss(_ items: String) -> [UInt8] {
        Array("<rss version=\"2.0\"><channel><title>T</title>\(items)</channel></rss>".utf8)
    }

    @Test func deeplyNestedMarkupInADescriptionIsCapturedWhole() throws {
        let depth = 200_000
        let description = String(repeating: "<b>", count: depth) + "deep" + String(repeating: "</b>", count: depth)
        let feed = try FeedParser().parse(rss("<item><title>I</title><description>\(description)</description></item>"))
        let summary = try #require(feed.entries.first?.summary)
        #expect(summary.components(separatedBy: "<b>").count - 1 == depth)
        #expect(summary.contains("deep"))
        let sanitized = try #require(feed.entries.first?.sanitizedSummary)
        #expect(sanitized.components(separatedBy: "<b>").count - 1 == HTMLSanitizer.maximumDepth)
    }

    @Test func anElementWithTooManyAttributesIsCutBeforeLibxml2SeesIt() throws {
        let attributes = (0..<100_000).map { " a\($0)=\"1\"" }.joined()
        let feed = try FeedParser().parse(rss("<item\(attributes)><title>Kept</title></item><item><title>Next</title></item>"))
        #expect(feed.entries.map(\.title) == ["Kept", "Next"])
        #expect(feed.bozoReason?.contains("1 element(s) with more than 1024 attributes, the first at line 1") == true)
    }

    /// A long tag (past the length that is looked at closely) with fewer attributes than the limit,
    /// values full of `=`: nothing is cut.
    @Test func ordinaryAttributesAreNeverCut() throws {
        let attributes = (0..<1000).map { " a\($0)=\"v=\($0)&amp;w=1\"" }.joined()
        #expect(attributes.utf8.count > AttributeLimit.maximum * 3)
        let feed = try FeedParser().parse(rss("<item\(attributes)><title>Kept</title></item>"))
        #expect(!feed.bozo, "\(feed.bozoReason ?? "")")
        #expect(feed.entries.first?.title == "Kept")
    }

    /// A `>` inside a quoted value does not end the tag, so it cannot hide the attributes after it.
    @Test func aQuotedGreaterThanDoesNotHideAttributesFromTheLimit() throws {
        let attributes = " a=\">\"" + (0..<5000).map { " a\($0)=\"1\"" }.joined()
        let feed = try FeedParser().parse(rss("<!-- \" ' --><item\(attributes)><title>Kept</title></item>"))
        #expect(feed.bozoReason?.contains("more than 1024 attributes") == true, "\(feed.bozoReason ?? "")")
        #expect(feed.entries.first?.title == "Kept")
    }

    @Test func thousandsOfCategoriesAreDeduplicatedInOrder() throws {
        let categories = (0..<2000).map { "<category>c\($0 % 1000)</category>" }.joined()
        let items = String(repeating: "<item><title>I</title>\(categories)</item>", count: 50)
        let feed = try FeedParser().parse(rss(items))
        #expect(feed.entries.count == 50)
        #expect(feed.entries.allSatisfy { $0.categories == (0..<1000).map { "c\($0)" } })
    }

    @Test func aValidFeedOverTenMegabytesIsReadInOnePassWithoutBozo() throws {
        let body = String(repeating: "word ", count: 400)
        let items = (0..<6000).map { "<item><title>Item \($0)</title><guid>id-\($0)</guid><description>\(body)</description></item>" }.joined()
        let document = rss(items)
        #expect(document.count > 10 << 20)
        let feed = try FeedParser().parse(document)
        #expect(feed.entries.count == 6000)
        #expect(!feed.bozo, "\(feed.bozoReason ?? "")")
        #expect(feed.entries.last?.id == "id-5999")
    }
}
