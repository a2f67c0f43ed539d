import Foundation
import Testing
@testable import FeedParser

@Suite struct DateParserTests {
    @Test(arguments: [
        // RFC 822 / 1123 / 2822
        ("Sun, 02 Mar 2025 10:00:00 GMT", "2025-03-02T10:00:00Z"),
        ("Sun, 2 Mar 2025 10:00:00 +0100", "2025-03-02T09:00:00Z"),
        ("Sun, 02 Mar 2025 10:00:00 -05:00", "2025-03-02T15:00:00Z"),
        ("Sun, 02 Mar 2025 10:00 EST", "2025-03-02T15:00:00Z"),
        ("Sun, 02 Mar 2025 10:00:00 PDT", "2025-03-02T17:00:00Z"),
        ("02 Mar 25 10:00:00 Z", "2025-03-02T10:00:00Z"),
        ("Sun, 02 Mar 99 10:00:00 GMT", "1999-03-02T10:00:00Z"),
        ("Mon, 02 Mar 2025 10:00:00 GMT", "2025-03-02T10:00:00Z"),
        ("Sun, 02 Mar 2025 10:00:00 A", "2025-03-02T11:00:00Z"),
        ("Sun, 02 Mar 2025 10:00:00 N", "2025-03-02T09:00:00Z"),
        ("Sunday, March 2, 2025 10:00:00 GMT", "2025-03-02T10:00:00Z"),
        ("2 Mar 2025", "2025-03-02T00:00:00Z"),
        ("Sun, 02-Mar-2025 10:00:00 GMT", "2025-03-02T10:00:00Z"),
        ("Mar 2, 2025 3:04 PM", "2025-03-02T15:04:00Z"),
        // RFC 3339 / ISO 8601 / W3C-DTF
        ("2025-03-02T10:00:00Z", "2025-03-02T10:00:00Z"),
        ("2025-03-02T10:00:00.123456+01:00", "2025-03-02T09:00:00Z"),
        ("2025-03-02T10:00:00-0500", "2025-03-02T15:00:00Z"),
        ("2025-03-02T10:00Z", "2025-03-02T10:00:00Z"),
        ("2025-03-02 10:00:00", "2025-03-02T10:00:00Z"),
        ("2025-03-02 10:00:00 UTC", "2025-03-02T10:00:00Z"),
        ("20250302T100000Z", "2025-03-02T10:00:00Z"),
        ("2025-03-02", "2025-03-02T00:00:00Z"),
        ("2025-03", "2025-03-01T00:00:00Z"),
        ("2025", "2025-01-01T00:00:00Z"),
        ("2024-02-29T23:59:60Z", "2024-02-29T23:59:59Z"),
    ])
    func parsesAndNormalisesToUTC(text: String, expected: String) {
        #expect(DateParser.parse(text) == utc(expected), "\(text)")
    }

    /// Found by FuzzDateParser: a 62-digit hour overflowed Int.
    @Test func fuzzerCrasherHugeTimeDigits() throws {
        let crasher = "\n" + String(repeating: "6", count: 62) + ":" + String(repeating: "6", count: 28)
        #expect(DateParser.parse(crasher) == nil)
        #expect(DateParser.parse("2 Mar 2025 99999999999999999999:00") == nil)
    }

    @Test(arguments: ["", "not a date", "yesterday", "2025-13-01", "2025-02-30", "Sun, 32 Mar 2025", "99:99",
                      "Sun, 02 Foo 2025 10:00:00 GMT", String(repeating: "9", count: 500)])
    func unparseableIsNil(text: String) {
        #expect(DateParser.parse(text) == nil)
    }
}

@Suite struct EntryIdentityTests {
    @Test func idThenLinkThenDigest() throws {
        let withID = try FeedParser().parse(Array("<rss><channel><item><guid>g1</guid><link>http://x/1</link></item></channel></rss>".utf8))
        #expect(withID.entries.first?.identity == "g1")
        let withLink = try FeedParser().parse(Array("<rss><channel><item><link>http://x/1</link></item></channel></rss>".utf8))
        #expect(withLink.entries.first?.identity == "http://x/1")
        let bare = "<rss><channel><item><title>T</title><description>S</description></item></channel></rss>"
        let first = try FeedParser().parse(Array(bare.utf8)).entries.first?.identity
        let again = try FeedParser().parse(Array(bare.utf8)).entries.first?.identity
        #expect(first?.hasPrefix("sha256:") == true)
        #expect(first == again, "the digest is stable across parses")
        let changed = try FeedParser().parse(Array(bare.replacingOccurrences(of: "<title>T", with: "<title>U").utf8))
        #expect(changed.entries.first?.identity != first)
    }
}
