import Foundation
import Testing
@testable import FeedParser

@Suite struct BrokenDocumentTests {
    @Test func htmlEntitiesAndBareAmpersandsAreRepaired() throws {
        let feed = try Fixture.parse("broken-entities.xml")
        #expect(feed.title == "Fish & Chips — News…")
        let entry = try #require(feed.entries.first)
        #expect(entry.title == "Café © 2025 & “quoted” — &bogus; A&B")
        #expect(entry.summary == "Keep & this <b>as is</b> &nbsp;", "CDATA is left untouched")
        #expect(feed.bozo)
        #expect(feed.bozoReason?.contains("unescaped & at line 2") == true)
        #expect(feed.bozoReason?.contains("&mdash;") == true)
    }

    @Test func garbageAroundTheDocumentAndControlCharacters() throws {
        let feed = try Fixture.parse("broken-garbage.xml")
        #expect(feed.title == "Garbage first")
        #expect(feed.entries.map(\.title) == ["Kept item"])
        #expect(feed.bozoReason?.contains("text before the XML document") == true)
        #expect(feed.bozoReason?.contains("2 control character(s)") == true)
        #expect(feed.bozoReason?.contains("Extra content at the end") == true)
    }

    @Test func aTruncatedDocumentKeepsWhatWasComplete() throws {
        let feed = try Fixture.parse("broken-truncated.xml")
        #expect(feed.entries.first?.title == "Complete item")
        #expect(feed.entries.first?.link == "http://t.example/1")
        #expect(feed.bozo)
    }

    @Test func unclosedTagsAreRecovered() throws {
        let feed = try Fixture.parse("broken-unclosed.xml")
        #expect(feed.title == "Unclosed")
        #expect(feed.entries.map(\.title) == ["One", "Two"], "the item after the unclosed tag is kept too")
        #expect(feed.entries.last?.link == "http://u.example/2")
        #expect(feed.bozoReason?.contains("tag mismatch") == true)
    }

    @Test func aWellFormedFeedIsNotBozo() throws {
        let feed = try Fixture.parse("rss10.rdf")
        #expect(!feed.bozo)
        #expect(feed.bozoReason == nil)
    }
}

@Suite struct HostileDocumentTests {
    @Test func externalEntitiesNeverReadLocalFiles() throws {
        let feed = try Fixture.parse("xxe-file.xml")
        let everything = ([feed.title] + feed.entries.flatMap { [$0.title, $0.summary] }).compactMap { $0 }.joined()
        #expect(!everything.contains("root:"))
        #expect(feed.title == "XXE test")
    }

    @Test func billionLaughsIsRefusedNotExpanded() throws {
        let feed = try Fixture.parse("billion-laughs.xml")
        #expect(feed.bozo)
        #expect(feed.bozoReason?.contains("lol9") == true, "the entity is reported, not expanded: \(feed.bozoReason ?? "")")
        #expect((feed.title ?? "").count < 100, "no entity was expanded")
    }

    @Test func deepNestingStopsAtTheLimitWithoutCrashing() throws {
        let depth = 100_000
        let document = "<rss version=\"2.0\"><channel><title>Deep</title><item><title>Before</title></item>"
            + String(repeating: "<x>", count: depth) + String(repeating: "</x>", count: depth) + "</channel></rss>"
        let feed = try FeedParser().parse(Array(document.utf8))
        #expect(feed.title == "Deep")
        #expect(feed.entries.first?.title == "Before")
        #expect(feed.bozo)
    }

    @Test func aDocumentOverTheSizeLimitIsRefusedWithItsSize() {
        let parser = FeedParser(limits: ParseLimits(maximumDocumentBytes: 1000))
        #expect {
            _ = try parser.parse([UInt8](repeating: 0x20, count: 1001))
        } throws: { error in
            (error as? FeedParseError)?.code == .tooLarge && "\(error)".contains("1001 bytes")
        }
    }

    @Test func nulBytesAndInvalidUTF8DoNotStopTheParser() throws {
        var bytes = Array("<rss version=\"2.0\"><channel><title>Nul".utf8)
        bytes += [0x00, 0xFF, 0xFE]
        bytes += Array("</title><item><title>ok</title></item></channel></rss>".utf8)
        let feed = try FeedParser().parse(bytes)
        #expect(feed.entries.first?.title == "ok")
        #expect(feed.bozo)
    }
}

@Suite struct OversizedDocumentTests {
    @Test func aTwentyMegabyteTextIsKeptWithoutBlowingUp() throws {
        let big = String(repeating: "x", count: 20 << 20)
        let document = "<rss version=\"2.0\"><channel><title>Big</title><item><title>Before</title></item>"
            + "<item><title>Huge</title><description>\(big)</description></item></channel></rss>"
        let feed = try FeedParser().parse(Array(document.utf8))
        #expect(feed.entries.first?.title == "Before")
        #expect(feed.entries.dropFirst().first?.summary?.utf8.count == 20 << 20)
        // Fed to libxml2 in chunks, a long text arrives in pieces: one well-formed pass, nothing to flag.
        #expect(!feed.bozo, "\(feed.bozoReason ?? "")")
    }

    @Test func aFiftyMegabyteAttributeIsRefusedAndTheRestKept() throws {
        let attribute = String(repeating: "y", count: 50 << 20)
        let document = "<rss version=\"2.0\"><channel><title>Attr</title><item><title>Before</title></item>"
            + "<item><title>Huge</title><enclosure url=\"\(attribute)\" type=\"a/b\"/></item></channel></rss>"
        let feed = try FeedParser().parse(Array(document.utf8))
        #expect(feed.entries.first?.title == "Before")
        #expect(feed.entries.allSatisfy { $0.enclosures.isEmpty })
        #expect(feed.bozoReason?.contains("AttValue length too long") == true)
    }

    @Test func aHundredThousandEntriesAreAllRead() throws {
        var document = "<rss version=\"2.0\"><channel><title>Many</title>"
        for index in 0..<100_000 { document += "<item><guid>g\(index)</guid><title>Item \(index)</title></item>" }
        document += "</channel></rss>"
        let feed = try FeedParser().parse(Array(document.utf8))
        #expect(feed.entries.count == 100_000)
        #expect(feed.entries.last?.identity == "g99999")
        #expect(!feed.bozo)
    }
}

@Suite struct QuadraticBlowupTests {
    /// One 100 KB entity referenced 10,000 times would be 1 GB if expanded; it is not expanded.
    @Test func aLongEntityReferencedManyTimesIsNotExpanded() throws {
        let value = String(repeating: "a", count: 100_000)
        let references = String(repeating: "&big;", count: 10_000)
        let document = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY big \"\(value)\">]>"
            + "<rss version=\"2.0\"><channel><title>Q</title><item><title>t</title><description>\(references)</description></item></channel></rss>"
        let feed = try FeedParser().parse(Array(document.utf8))
        #expect(feed.title == "Q")
        #expect((feed.entries.first?.summary?.utf8.count ?? 0) < 1_000_000, "not expanded to a gigabyte")
    }
}
