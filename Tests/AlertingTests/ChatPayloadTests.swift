@testable import Alerting
import Foundation
import Testing

/// What a hostile feed can put into a chat message, and what must arrive instead: text, never a
/// mention, a link or broken markup. The rules are the platforms' own (Slack's "Formatting text for
/// app surfaces", Discord's allowed_mentions, the Adaptive Cards text features).
@Suite struct ChatPayloadTests {
    static let hostileTitle = "<!channel> Breaking | click <https://evil.example|here> & @everyone [x](https://evil.example) {{DATE(2017-02-14T06:08:39Z, SHORT)}}"

    private func document(title: String = hostileTitle, link: String? = "https://news.example/a?b=1&c=2|x>y",
                          published: String? = "2025-03-02T10:00:00Z") -> AlertDocument {
        let hits = [
            AlertDocument.Hit(topic: "Russia", term: "Russia", kind: "entity", matchedText: "Russia", field: "content", start: 40, end: 46,
                              snippet: "Hackers <@U123> hit Russia in offensive cyber operations."),
            AlertDocument.Hit(topic: "cyber operations", term: "cyber operations", kind: "term", matchedText: "cyber operations",
                              field: "content", start: 60, end: 76, snippet: "Hackers <@U123> hit Russia in offensive cyber operations."),
        ]
        return AlertDocument(id: "fw_1", kind: "match", time: "2025-03-02T10:05:00Z", watchlist: "russia-cyber",
                             topics: ["Russia", "cyber operations"], score: 2, hits: hits, entities: [],
                             feed: .init(name: "Wire <!here>", url: "https://news.example/feed.xml"),
                             entry: .init(id: "a", title: title, link: link, published: published, updated: nil))
    }

    private func object(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    /// Every mrkdwn text in a Slack body, the top-level `text` included.
    private func slackTexts(_ body: [String: Any]) -> [String] {
        var texts = [body["text"] as? String ?? ""]
        for block in body["blocks"] as? [[String: Any]] ?? [] {
            if let text = (block["text"] as? [String: Any])?["text"] as? String { texts.append(text) }
            for element in block["elements"] as? [[String: Any]] ?? [] { texts.append(element["text"] as? String ?? "") }
        }
        return texts
    }

    @Test func slackShowsMentionsAndLinksFromAFeedAsText() throws {
        let body = try object(WebhookBody.render(document(), payload: "{}", format: "slack"))
        let texts = slackTexts(body)
        let all = texts.joined(separator: "\n")
        #expect(!all.contains("<!channel>") && !all.contains("<!here>") && !all.contains("<@U123>"))
        #expect(!all.contains("<https://evil.example|here>"))
        #expect(all.contains("&lt;!channel&gt; Breaking | click &lt;https://evil.example|here&gt; &amp; @everyone"))
        // The only `<…>` left is the one link feedwatch made: the entry's, with `|` and `>` percent-encoded.
        let heading = texts[1]
        #expect(heading.hasPrefix("*<https://news.example/a?b=1&amp;c=2%7Cx%3Ey|&lt;!channel&gt; Breaking"))
        for text in texts {
            let opened = text.filter { $0 == "<" }.count
            #expect(opened == (text == heading ? 1 : 0), "unexpected markup in \(text)")
        }
        for block in body["blocks"] as? [[String: Any]] ?? [] {
            if let text = block["text"] as? [String: Any] { #expect(text["verbatim"] as? Bool == true) }
        }
    }

    /// A combining mark after `<` makes one Character of the two; the `<` must still be escaped.
    @Test func escapingWorksOnScalarsNotCharacters() {
        let combining = "\u{0338}"
        #expect(ChatEscaping.slack("<" + combining + "!channel>").unicodeScalars.starts(with: "&lt;".unicodeScalars))
        #expect(ChatEscaping.discord("@" + combining + "everyone").unicodeScalars.starts(with: "\\@".unicodeScalars))
    }

    @Test func slackNeverLinksANonWebURL() throws {
        let body = try object(WebhookBody.render(document(title: "Plain", link: "javascript:alert(1)"), payload: "{}", format: "slack"))
        #expect(!slackTexts(body).joined().contains("javascript:alert(1)|"))
    }

    /// Discord and Teams refuse a whole message over a malformed URL: such a link is left out, not sent.
    @Test(arguments: ["discord", "teams"], ["http://exa mple.com/a", "https:///no-host", "javascript:alert(1)", "http://a.example/\u{7}"])
    func aMalformedLinkIsLeftOutRatherThanRefused(format: String, link: String) throws {
        let body = WebhookBody.render(document(title: "Plain", link: link), payload: "{}", format: format)
        #expect(!body.contains(link), "\(body)")
        #expect(body.contains("Plain"))
    }

    @Test func discordNeverPingsAndEscapesMarkdown() throws {
        let body = try object(WebhookBody.render(document(), payload: "{}", format: "discord"))
        let mentions = try #require(body["allowed_mentions"] as? [String: Any])
        #expect((mentions["parse"] as? [Any])?.isEmpty == true)
        #expect(mentions.count == 1)
        let content = try #require(body["content"] as? String)
        #expect(content.contains("\\@everyone"))
        #expect(content.contains("\\[x\\]\\(https\\://evil.example\\)"), "\(content)")
        let embed = try #require((body["embeds"] as? [[String: Any]])?.first)
        let description = try #require(embed["description"] as? String)
        #expect(description.contains("\\<\\@U123\\>"))
        #expect(!description.contains("<@U123>"))
    }

    @Test func teamsRendersFeedTextWithoutMarkdownOrFunctions() throws {
        let body = try object(WebhookBody.render(document(title: "**Bold** [x](https://evil.example) {{DATE(2017-02-14T06:08:39Z, SHORT)}}"),
                                                 payload: "{}", format: "teams"))
        let card = try #require(((body["attachments"] as? [[String: Any]])?.first)?["content"] as? [String: Any])
        let blocks = try #require(card["body"] as? [[String: Any]])
        #expect(blocks.allSatisfy { $0["type"] as? String == "RichTextBlock" }, "TextBlock renders markdown; feed text must not be in one")
        let runs = blocks.flatMap { $0["inlines"] as? [[String: Any]] ?? [] }
        #expect(runs.allSatisfy { $0["type"] as? String == "TextRun" })
        let text = runs.compactMap { $0["text"] as? String }.joined(separator: "\n")
        #expect(!text.contains("{{DATE"))
        #expect(text.contains("{\u{200B}{DATE(2017-02-14T06:08:39Z, SHORT)}}"))
        let actions = try #require(card["actions"] as? [[String: Any]])
        #expect(actions.first?["url"] as? String == "https://news.example/a?b=1&c=2|x>y")
    }

    @Test(arguments: ["slack", "discord", "teams"])
    func everyFormatNamesTheFeedAndThePublishedTimeAndEachSnippetOnce(format: String) throws {
        let json = WebhookBody.render(document(title: "Cyber operations against Russia"), payload: "{}", format: format)
        let text = try allText(of: object(json))
        #expect(text.contains("Wire"), "feed name missing: \(text)")
        #expect(text.contains("2025-03-02T10:00:00Z"), "published time missing: \(text)")
        let snippetCount = text.components(separatedBy: "offensive cyber operations.").count - 1
        #expect(snippetCount == 1, "snippet shown \(snippetCount) times: \(text)")
    }

    /// Every string anywhere in a JSON object, with Discord's escapes taken out.
    private func allText(of value: Any) -> String {
        switch value {
        case let string as String: return string.replacingOccurrences(of: "\\", with: "")
        case let array as [Any]: return array.map(allText).joined(separator: "\n")
        case let object as [String: Any]: return object.keys.sorted().map { allText(of: object[$0] ?? "") }.joined(separator: "\n")
        default: return ""
        }
    }
}
