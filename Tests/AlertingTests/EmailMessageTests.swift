@testable import Alerting
import Foundation
import Testing

/// The message an email sink hands to SMTP, as RFC 5322, RFC 2045–2047 and RFC 2919 have it.
@Suite struct EmailMessageTests {
    let addressing = EmailAddressing(from: "feedwatch@alerts.example.org", to: ["ops@example.org"], list: "mail/weekly")

    func document(title: String, link: String? = "https://news.example/a") -> AlertDocument {
        let hits = [AlertDocument.Hit(topic: "Russia", term: "Russia", kind: "entity", matchedText: "Russia", field: "content", start: 0, end: 6,
                                      snippet: "Russia <img src=x onerror=alert(1)> said.")]
        return AlertDocument(id: "fw_0123", kind: "match", time: "2026-12-01T10:05:00Z", watchlist: "russia-cyber", topics: ["Russia"], score: 1,
                             hits: hits, entities: [], feed: .init(name: "Wire", url: "https://news.example/feed.xml"),
                             entry: .init(id: "a", title: title, link: link, published: nil, updated: nil))
    }

    func render(_ documents: [AlertDocument], digest: Bool = false) -> String {
        String(decoding: EmailMessage.render(documents, id: "fw_0123", digest: digest, addressing: addressing,
                                             date: Date(timeIntervalSince1970: 1_796_119_500)), as: UTF8.self)
    }

    @Test func headersComeFromTheAlertAndFeedTextCannotAddOne() {
        let message = render([document(title: "Breaking\r\nBcc: everyone@example.org\r\n\r\n--feedwatch-fw_0123\r\n.")])
        let head = message.components(separatedBy: "\r\n\r\n")[0]
        let names = head.components(separatedBy: "\r\n").filter { !$0.hasPrefix(" ") }.compactMap { $0.split(separator: ":").first.map(String.init) }
        #expect(names == ["From", "To", "Subject", "Date", "Message-ID", "List-Id", "Auto-Submitted", "X-Auto-Response-Suppress", "MIME-Version",
                          "Content-Type"])
        #expect(head.contains("Subject: feedwatch: [russia-cyber] Breaking  Bcc: everyone@example.org    --feedwatch-fw_0123  . (Russia)"))
        #expect(head.contains("Message-ID: <fw_0123@alerts.example.org>"))
        #expect(head.contains("List-Id: feedwatch alerts <feedwatch-mail-weekly.alerts.example.org>"))
        #expect(head.contains("Date: Tue, 01 Dec 2026 10:05:00 +0000"))
        // Every body line is base64 or MIME structure: none can be a header, a boundary or SMTP's lone dot.
        let bodyLines = message.components(separatedBy: "\r\n").drop { !$0.isEmpty }
        #expect(bodyLines.filter { $0.hasPrefix("--") } == ["--feedwatch-fw_0123", "--feedwatch-fw_0123", "--feedwatch-fw_0123--"])
        #expect(!message.contains("\r\n.\r\n") && !message.contains("\n\n") && !message.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(message.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 }, "RFC 5322's line limit")
    }

    @Test func aSubjectOutsideASCIIIsEncodedWordsThatDecodeToIt() throws {
        let title = String(repeating: "Кремль и киберoперации — ", count: 6)
        let message = render([document(title: title)])
        let subjectLines = message.components(separatedBy: "\r\n").drop { !$0.hasPrefix("Subject:") }.prefix { $0.hasPrefix("Subject:") || $0.hasPrefix(" ") }
        #expect(subjectLines.count > 2, "folded")
        #expect(subjectLines.allSatisfy { $0.count <= 76 + 9 })
        let decoded = subjectLines.map { $0.replacingOccurrences(of: "Subject: ", with: "").trimmingCharacters(in: .whitespaces) }.map { word in
            Data(base64Encoded: String(word.dropFirst(10).dropLast(2))).map { String(decoding: $0, as: UTF8.self) } ?? "?"
        }.joined()
        #expect(decoded == "feedwatch: " + WebhookBody.cut("[russia-cyber] \(title) (Russia)", to: 200))
        #expect(!decoded.contains("\u{FFFD}"), "no character cut in half between words")
    }

    @Test func theHTMLPartEscapesFeedTextAndLinksOnlyWebURLs() throws {
        let message = render([document(title: "<script>alert(1)</script> & more", link: "javascript:alert(1)")])
        let parts = message.components(separatedBy: "--feedwatch-fw_0123\r\n").dropFirst()
        let html = try #require(parts.first { $0.contains("text/html") }).components(separatedBy: "\r\n\r\n")[1]
        let decoded = try #require(Data(base64Encoded: html.replacingOccurrences(of: "\r\n", with: "").replacingOccurrences(of: "--feedwatch-fw_0123--", with: "")))
        let text = String(decoding: decoded, as: UTF8.self)
        #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"))
        #expect(!text.contains("<script>") && !text.contains("<img") && !text.contains("javascript:"))
    }

    @Test func aDigestIsOneMessageWithEveryAlert() throws {
        let message = render((1...3).map { document(title: "Story \($0)") }, digest: true)
        #expect(message.contains("Subject: feedwatch: 3 alerts\r\n"))
        let plain = try #require(message.components(separatedBy: "--feedwatch-fw_0123\r\n").dropFirst().first { $0.contains("text/plain") })
        let body = plain.components(separatedBy: "\r\n\r\n")[1].replacingOccurrences(of: "\r\n", with: "")
        let text = String(decoding: try #require(Data(base64Encoded: body)), as: UTF8.self)
        #expect((1...3).allSatisfy { text.contains("Story \($0)") })
    }
}
