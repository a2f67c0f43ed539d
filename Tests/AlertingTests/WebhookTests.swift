@testable import Alerting
import Foundation
import Testing

@Suite struct WebhookSignerTests {
    /// The example from the Standard Webhooks specification.
    @Test func matchesTheSpecificationExample() {
        let signature = WebhookSigner.signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330,
                                                body: "{\"test\": 2432232314}", secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test func twoSecretsGiveTwoSignaturesForRotation() {
        let signature = WebhookSigner.signature(id: "a", timestamp: 1, body: "{}", secrets: ["whsec_AAAA", "plain-secret"])
        #expect(signature.split(separator: " ").count == 2)
        #expect(signature.split(separator: " ").allSatisfy { $0.hasPrefix("v1,") })
    }
}

@Suite struct WebhookBodyTests {
    private var document: AlertDocument {
        let hit = AlertDocument.Hit(topic: "Russia", term: "Russia", kind: "entity", matchedText: "Russia", field: "content", start: 1, end: 7,
                                    snippet: String(repeating: "long sentence ", count: 500))
        return AlertDocument(id: "fw_1", kind: "match", time: "2025-03-02T10:00:00Z", watchlist: "w", topics: ["Russia"], score: 1,
                             hits: Array(repeating: hit, count: 40), entities: [], feed: .init(name: "F", url: "http://f"),
                             entry: .init(id: "1", title: String(repeating: "T", count: 600), link: "http://f/1", published: nil, updated: nil))
    }

    private func object(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test func slackSectionsStayUnderThreeThousandCharacters() throws {
        let body = try object(WebhookBody.render(document, payload: "{}", format: "slack"))
        let blocks = try #require(body["blocks"] as? [[String: Any]])
        for block in blocks {
            let texts = [(block["text"] as? [String: Any])?["text"] as? String].compactMap { $0 }
                + (block["elements"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
            #expect(!texts.isEmpty)
            for text in texts { #expect(text.count <= 3000) }
        }
        #expect(body["text"] is String)
    }

    @Test func discordRespectsContentAndEmbedLimits() throws {
        let body = try object(WebhookBody.render(document, payload: "{}", format: "discord"))
        #expect((body["content"] as? String)?.count ?? 0 <= 2000)
        let embed = try #require((body["embeds"] as? [[String: Any]])?.first)
        #expect((embed["title"] as? String)?.count ?? 0 <= 256)
        #expect((embed["description"] as? String)?.count ?? 0 <= 4096)
        #expect(embed["url"] as? String == "http://f/1")
    }

    @Test func teamsIsAnAdaptiveCardUnderTheSizeLimit() throws {
        let json = WebhookBody.render(document, payload: "{}", format: "teams")
        #expect(json.utf8.count < 28_000)
        let body = try object(json)
        #expect(body["type"] as? String == "message")
        let attachment = try #require((body["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["contentType"] as? String == "application/vnd.microsoft.card.adaptive")
    }

    @Test func slackCutsEscapedTextWithoutSplittingAnEntity() {
        let cut = WebhookBody.cutEscaped(String(repeating: "a", count: 7) + "&amp;" + String(repeating: "b", count: 10), to: 10)
        #expect(cut == "aaaaaaa…")
    }

    @Test func genericIsTheStoredDocument() {
        #expect(WebhookBody.render(document, payload: "{\"x\":1}", format: "generic") == "{\"x\":1}")
    }

    @Test func retryAfterReadsSecondsAndDates() {
        let now = Date(timeIntervalSince1970: 1_740_909_600)  // 2025-03-02 10:00:00 UTC
        #expect(RetryAfter.seconds("120", now: now) == 120)
        #expect(RetryAfter.seconds("Sun, 02 Mar 2025 10:01:00 GMT", now: now) == 60)
        #expect(RetryAfter.seconds("soon", now: now) == nil)
    }
}
