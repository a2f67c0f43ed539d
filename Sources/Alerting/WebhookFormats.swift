import Foundation

/// Turns an alert into the body a platform expects, cut to that platform's size limits.
public enum WebhookBody {
    public static func render(_ document: AlertDocument, payload: String, format: String) -> String {
        switch format {
        case "slack": return slack(document)
        case "discord": return discord(document)
        case "teams": return teams(document)
        default: return payload
        }
    }

    /// The reasons, one line per hit, as plain text.
    static func reasons(_ document: AlertDocument) -> [String] {
        if let problem = document.problem { return [problem] }
        return document.hits.map { "• \($0.topic): “\($0.matched_text)” in \($0.field) — \($0.snippet)" }
    }

    /// Slack incoming webhooks: `text` (shown in notifications) and section blocks of at most 3,000 characters.
    static func slack(_ document: AlertDocument) -> String {
        let title = cut(document.headline, to: 150)
        let link = document.entry?.link.map { "<\($0)|\(cut(document.entry?.title ?? $0, to: 150))>" } ?? title
        var blocks: [[String: Any]] = [["type": "section", "text": ["type": "mrkdwn", "text": cut("*\(link)*", to: 3000)]]]
        let body = reasons(document).joined(separator: "\n")
        if !body.isEmpty { blocks.append(["type": "section", "text": ["type": "mrkdwn", "text": cut(body, to: 3000)]]) }
        return json(["text": title, "blocks": blocks])
    }

    /// Discord webhooks: `content` up to 2,000 characters and one embed (title 256, description 4,096).
    static func discord(_ document: AlertDocument) -> String {
        var embed: [String: Any] = ["title": cut(document.entry?.title ?? document.headline, to: 256),
                                    "description": cut(reasons(document).joined(separator: "\n"), to: 4096)]
        if let link = document.entry?.link { embed["url"] = link }
        return json(["content": cut(document.headline, to: 2000), "embeds": [embed]])
    }

    /// Microsoft Teams Workflows: a message with one Adaptive Card, kept under the 28 KB limit.
    static func teams(_ document: AlertDocument) -> String {
        var body: [[String: Any]] = [["type": "TextBlock", "text": cut(document.headline, to: 400), "weight": "Bolder", "wrap": true]]
        var budget = 20_000
        for line in reasons(document) {
            let text = cut(line, to: 1000)
            budget -= text.utf8.count
            if budget < 0 { break }
            body.append(["type": "TextBlock", "text": text, "wrap": true])
        }
        var card: [String: Any] = ["type": "AdaptiveCard", "version": "1.4", "body": body,
                                   "$schema": "http://adaptivecards.io/schemas/adaptive-card.json"]
        if let link = document.entry?.link {
            card["actions"] = [["type": "Action.OpenUrl", "title": "Open article", "url": link]]
        }
        return json(["type": "message", "attachments": [["contentType": "application/vnd.microsoft.card.adaptive", "content": card]]])
    }

    /// At most `limit` characters, with an ellipsis when cut.
    static func cut(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(limit - 1, 0))) + "…"
    }

    private static func json(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
