import Foundation

/// Turns an alert into the body a platform expects, cut to that platform's size limits. Every text
/// that comes from a feed is escaped for the platform (see `ChatEscaping`); every format names the
/// feed and the entry's published time, and shows each snippet once.
public enum WebhookBody {
    public static func render(_ document: AlertDocument, payload: String, format: String) -> String {
        switch format {
        case "slack": return slack(document)
        case "discord": return discord(document)
        case "teams": return teams(document)
        default: return payload
        }
    }

    /// Slack incoming webhooks: `text` (shown in notifications) and mrkdwn blocks of at most 3,000
    /// characters, `verbatim` so that Slack does not turn bare names into mentions or links.
    static func slack(_ document: AlertDocument) -> String {
        let escape = ChatEscaping.slack
        let title = escape(cut(document.entry?.title ?? document.headline, to: 150))
        var heading = "*\(title)*"
        if let link = document.entry?.link, ChatEscaping.isWebLink(link) {
            heading = "*<\(ChatEscaping.slackLinkURL(link))|\(title)>*"
        }
        func section(_ text: String) -> [String: Any] {
            ["type": "section", "text": ["type": "mrkdwn", "text": cutEscaped(text, to: 3000), "verbatim": true]]
        }
        var blocks: [[String: Any]] = [section(heading)]
        blocks.append(["type": "context", "elements": [["type": "mrkdwn", "text": cutEscaped(escape(context(document)), to: 3000), "verbatim": true]]])
        let body = reasons(document).map { escape($0) }.joined(separator: "\n")
        if !body.isEmpty { blocks.append(section(body)) }
        return json(["text": cutEscaped(escape(document.headline), to: 3000), "blocks": blocks])
    }

    /// Discord webhooks: `content` up to 2,000 characters and one embed (title 256, description 4,096,
    /// footer 2,048, all text together under 6,000). `allowed_mentions` with no types: nothing a
    /// feed writes (`@everyone`, `<@id>`) ever pings.
    static func discord(_ document: AlertDocument) -> String {
        let escape = ChatEscaping.discord
        var embed: [String: Any] = [
            "title": cut(escape(document.entry?.title ?? document.headline), to: 256),
            "description": cut(reasons(document).map(escape).joined(separator: "\n"), to: 3000),
            "footer": ["text": cut(feedName(document), to: 500)],
        ]
        if let link = document.entry?.link, ChatEscaping.isWebLink(link) { embed["url"] = link }
        if let time = document.entry?.published ?? document.entry?.updated { embed["timestamp"] = time }
        return json(["content": cut(escape(document.headline), to: 1500), "embeds": [embed], "allowed_mentions": ["parse": [String]()]])
    }

    /// Microsoft Teams Workflows: one Adaptive Card, kept well under the 28 KB limit. Feed text goes
    /// into RichTextBlock `TextRun`s, which render no markdown.
    static func teams(_ document: AlertDocument) -> String {
        func paragraph(_ text: String, limit: Int, bold: Bool = false, subtle: Bool = false) -> [String: Any] {
            var run: [String: Any] = ["type": "TextRun", "text": ChatEscaping.teams(cut(text, to: limit))]
            if bold { run["weight"] = "Bolder" }
            if subtle { run["isSubtle"] = true }
            return ["type": "RichTextBlock", "inlines": [run]]
        }
        var body: [[String: Any]] = [paragraph(document.entry?.title ?? document.headline, limit: 400, bold: true),
                                     paragraph(context(document), limit: 400, subtle: true)]
        var budget = 18_000
        for line in reasons(document) {
            let text = cut(line, to: 1000)
            budget -= text.utf8.count
            if budget < 0 { break }
            body.append(paragraph(text, limit: 1000))
        }
        var card: [String: Any] = ["type": "AdaptiveCard", "version": "1.4", "body": body,
                                   "$schema": "http://adaptivecards.io/schemas/adaptive-card.json"]
        if let link = document.entry?.link, ChatEscaping.isWebLink(link) {
            card["actions"] = [["type": "Action.OpenUrl", "title": "Open article", "url": link]]
        }
        return json(["type": "message", "attachments": [["contentType": "application/vnd.microsoft.card.adaptive", "content": card]]])
    }

    /// The feed, the watch-list and the published time, on one line.
    static func context(_ document: AlertDocument) -> String {
        var parts = [feedName(document)]
        if let watchlist = document.watchlist, document.kind == "match" { parts.append("watch-list \(watchlist)") }
        if let published = document.entry?.published { parts.append("published \(published)") }
        else if let updated = document.entry?.updated { parts.append("updated \(updated)") }
        return parts.joined(separator: " · ")
    }

    static func feedName(_ document: AlertDocument) -> String { document.feed.name ?? document.feed.url }

    /// Why it alerted, as plain text: one line per sentence that holds hits, so a sentence with three
    /// hits is shown once, with the three terms in front of it.
    static func reasons(_ document: AlertDocument) -> [String] {
        if let problem = document.problem { return [problem] }
        var order: [String] = []
        var hitsBySnippet: [String: [AlertDocument.Hit]] = [:]
        for hit in document.hits {
            if hitsBySnippet[hit.snippet] == nil { order.append(hit.snippet) }
            hitsBySnippet[hit.snippet, default: []].append(hit)
        }
        return order.map { snippet in
            let hits = hitsBySnippet[snippet] ?? []
            var seen = Set<String>()
            let terms = hits.compactMap { hit -> String? in
                let label = "\(hit.topic): “\(hit.matched_text)”"
                return seen.insert(label).inserted ? label : nil
            }
            let field = hits.first?.field ?? "content"
            return "• \(terms.joined(separator: ", ")) in \(field) — \(snippet)"
        }
    }

    /// At most `limit` characters, with an ellipsis when cut.
    static func cut(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(limit - 1, 0))) + "…"
    }

    /// `cut` for Slack text that is already escaped: the limit counts the escaped text, and an entity
    /// such as `&amp;` is never cut in half.
    static func cutEscaped(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        var kept = text.prefix(max(limit - 1, 0))
        if let ampersand = kept.lastIndex(of: "&"), !kept[ampersand...].contains(";") { kept = kept[..<ampersand] }
        return kept + "…"
    }

    static func json(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
