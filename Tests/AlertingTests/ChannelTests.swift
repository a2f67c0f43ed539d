@testable import Alerting
import Foundation
import Testing

/// The requests for ntfy, Telegram and Matrix, as those platforms document them (ntfy's "Publish as
/// JSON", Telegram Bot API `sendMessage` with `parse_mode: HTML`, the Matrix client-server API's
/// `PUT /rooms/{roomId}/send/{eventType}/{txnId}` and intentional mentions), with a hostile feed.
@Suite struct ChannelTests {
    static let hostileTitle = "<b>Breaking</b> & <a href=\"javascript:alert(1)\">@room</a> \"quoted\""

    private func document(link: String? = "https://news.example/a?b=1&c=2", kind: String = "match") -> AlertDocument {
        let hits = [AlertDocument.Hit(topic: "Russia", term: "Russia", kind: "entity", matchedText: "Russia", field: "content", start: 0, end: 6,
                                      snippet: "Russia <script>x</script> said.")]
        return AlertDocument(id: "fw_1", kind: kind, time: "2025-03-02T10:05:00Z", watchlist: "russia-cyber", topics: ["Russia"], score: 1,
                             hits: hits, entities: [], feed: .init(name: "Wire", url: "https://news.example/feed.xml"),
                             entry: .init(id: "a", title: Self.hostileTitle, link: link, published: "2025-03-02T10:00:00Z", updated: nil))
    }

    private func object(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test func anNtfyURLNamesItsServerAndTopic() throws {
        #expect(try WebhookBody.ntfyTopic("https://ntfy.sh/alerts") == ("https://ntfy.sh/", "alerts"))
        #expect(try WebhookBody.ntfyTopic("https://push.example.org/ntfy/ops-alerts") == ("https://push.example.org/ntfy/", "ops-alerts"))
        #expect(try WebhookBody.ntfyTopic("https://ntfy.sh/alerts/") == ("https://ntfy.sh/", "alerts"), "a trailing slash names the same topic")
        #expect(throws: ChannelError.self) { try WebhookBody.ntfyTopic("https://ntfy.sh/") }
        #expect(throws: ChannelError.self) { try WebhookBody.ntfyTopic("https://ntfy.sh/alerts?auth=x") }
    }

    @Test func ntfyGetsAJSONPublishWithTitleTagsPriorityAndClick() throws {
        let request = try WebhookBody.request(document(), payload: "{}", alertID: "fw_1", format: "ntfy", url: "https://ntfy.sh/alerts")
        #expect(request.method == "POST" && request.url == "https://ntfy.sh/")
        let body = try object(request.body)
        #expect(body["topic"] as? String == "alerts")
        #expect(body["title"] as? String == Self.hostileTitle, "plain text: ntfy renders no markup unless asked to")
        #expect(body["tags"] as? [String] == ["feedwatch", "russia-cyber"])
        #expect(body["priority"] as? Int == 4)
        #expect(body["click"] as? String == "https://news.example/a?b=1&c=2")
        #expect((body["message"] as? String)?.contains("Russia: “Russia” in content") == true)
        #expect(body["markdown"] == nil)

        let unsafe = try object(try WebhookBody.request(document(link: "javascript:alert(1)", kind: "feed_failing"), payload: "{}", alertID: "fw_1",
                                                        format: "ntfy", url: "https://ntfy.sh/alerts").body)
        #expect(unsafe["click"] == nil, "only an http(s) link becomes the click action")
        #expect(unsafe["priority"] as? Int == 3)
    }

    @Test func telegramTextIsEscapedHTMLWithOnlyItsOwnTags() throws {
        let request = try WebhookBody.request(document(), payload: "{}", alertID: "fw_1", format: "telegram",
                                              url: "https://api.telegram.org/bot123:abc/sendMessage", address: ChannelAddress(chatID: "-100200300"))
        #expect(request.method == "POST" && request.url == "https://api.telegram.org/bot123:abc/sendMessage")
        let body = try object(request.body)
        #expect(body["chat_id"] as? String == "-100200300" && body["parse_mode"] as? String == "HTML")
        #expect((body["link_preview_options"] as? [String: Any])?["is_disabled"] as? Bool == true)
        let text = try #require(body["text"] as? String)
        #expect(text.hasPrefix("<a href=\"https://news.example/a?b=1&amp;c=2\"><b>&lt;b&gt;Breaking&lt;/b&gt; &amp; &lt;a href=&quot;javascript:alert(1)&quot;&gt;"))
        #expect(text.contains("Russia &lt;script&gt;x&lt;/script&gt; said."))
        // With feedwatch's own tags taken out, no `<` is left: nothing from the feed became a tag.
        var rest = text
        for tag in ["<a href=\"https://news.example/a?b=1&amp;c=2\">", "</a>", "<b>", "</b>", "<i>", "</i>"] {
            rest = rest.replacingOccurrences(of: tag, with: "")
        }
        #expect(!rest.contains("<") && !rest.contains(">"))
        #expect(throws: ChannelError.self) {
            try WebhookBody.request(document(), payload: "{}", alertID: "fw_1", format: "telegram", url: "https://api.telegram.org/bot1/sendMessage")
        }
    }

    @Test func matrixGetsAnIdempotentPutOfANoticeThatMentionsNobody() throws {
        let request = try WebhookBody.request(document(), payload: "{}", alertID: "fw_01J/9", format: "matrix", url: "https://matrix.example.org/",
                                              address: ChannelAddress(room: "!abc:example.org", accessToken: "syt_token"))
        #expect(request.method == "PUT")
        #expect(request.url == "https://matrix.example.org/_matrix/client/v3/rooms/%21abc%3Aexample.org/send/m.room.message/fw_01J%2F9",
                "the alert id is the transaction id, so the homeserver drops a repeat")
        #expect(request.headers.contains("Authorization: Bearer syt_token"))
        let body = try object(request.body)
        #expect(body["msgtype"] as? String == "m.notice" && body["format"] as? String == "org.matrix.custom.html")
        #expect((body["m.mentions"] as? [String: Any])?.isEmpty == true, "an empty m.mentions: @room in the feed pings nobody")
        #expect((body["body"] as? String)?.hasPrefix(Self.hostileTitle + "\nhttps://news.example/a?b=1&c=2\n") == true)
        let html = try #require(body["formatted_body"] as? String)
        #expect(html.contains("&lt;a href=&quot;javascript:alert(1)&quot;&gt;@room&lt;/a&gt;") && !html.contains("javascript:alert(1)\">"))
    }

    /// A digest of 500 alerts with long hostile titles stays within each platform's limit, says how
    /// many it left out, and keeps feed text escaped.
    @Test func aHugeDigestFitsEachPlatformsLimit() throws {
        let documents = (1...500).map { _ in document() }
        func body(_ format: String) throws -> [String: Any] {
            try object(try WebhookBody.digestRequest(documents, payload: "{}", digestID: "dg_1", format: format, url: "https://x.example/ntfy/t",
                                                     address: ChannelAddress(chatID: "1", room: "!r:x", accessToken: "t")).body)
        }
        let slack = try #require(((try body("slack"))["blocks"] as? [[String: Any]])?.last?["text"] as? [String: Any])["text"] as? String
        #expect((slack?.count ?? .max) <= 3000 && slack?.hasSuffix("more") == true)
        let discord = try #require(try body("discord")["content"] as? String)
        #expect(discord.count <= 2000 && discord.hasSuffix("more"))
        let telegram = try #require(try body("telegram")["text"] as? String)
        #expect(telegram.count <= 4096 && telegram.hasSuffix("more") && !telegram.contains("<a href=\"javascript"))
        let ntfy = try #require(try body("ntfy")["message"] as? String)
        #expect(ntfy.utf8.count <= 4096 && ntfy.hasSuffix("more"))
        let matrix = try #require(try body("matrix")["formatted_body"] as? String)
        #expect(matrix.hasSuffix("more") && !matrix.contains("<b>Breaking</b>"))
    }
}
