import Foundation

/// One message for many alerts (a sink with `digest:`), in each platform's format: a count, then a
/// line per alert (its title, linked when it has a web link, and where it came from), as many as the
/// platform's limit allows and then "… and N more". Feed text is escaped as in single alerts.
extension WebhookBody {
    /// The generic digest: the alert documents themselves, as the log sink writes them, in order.
    public static func digestPayload(id: String, payloads: [String]) -> String {
        let quotedID = json(["id": id]).dropFirst().dropLast()  // "id":"…", escaped by JSONSerialization
        return "{\"type\":\"digest\",\(quotedID),\"count\":\(payloads.count),\"alerts\":[\(payloads.joined(separator: ","))]}"
    }

    public static func digestRequest(_ documents: [AlertDocument], payload: String, digestID: String, format: String, url: String,
                                     address: ChannelAddress = ChannelAddress()) throws(ChannelError) -> ChannelRequest {
        let json = ["Content-Type: application/json"]
        let heading = documents.count == 1 ? "1 alert" : "\(documents.count) alerts"
        switch format {
        case "slack":
            let lines = fitting(documents, limit: 2900) { document in
                let title = ChatEscaping.slack(cut(document.entry?.title ?? document.headline, to: 150))
                let link = document.entry?.link.flatMap { ChatEscaping.isWebLink($0) ? ChatEscaping.slackLinkURL($0) : nil }
                return "• " + (link.map { "<\($0)|\(title)>" } ?? title) + " — " + ChatEscaping.slack(context(document))
            }
            let blocks: [[String: Any]] = [["type": "section", "text": ["type": "mrkdwn", "text": "*feedwatch: \(heading)*", "verbatim": true]],
                                           ["type": "section", "text": ["type": "mrkdwn", "text": lines, "verbatim": true]]]
            return ChannelRequest(method: "POST", url: url, headers: json, body: self.json(["text": "feedwatch: \(heading)", "blocks": blocks]))
        case "discord":
            let lines = fitting(documents, limit: 1800) { document in
                let link = document.entry?.link.flatMap { ChatEscaping.isWebLink($0) ? "\n  <\($0)>" : nil } ?? ""
                return "• " + ChatEscaping.discord(cut(document.entry?.title ?? document.headline, to: 150)) + " — "
                    + ChatEscaping.discord(context(document)) + link
            }
            return ChannelRequest(method: "POST", url: url, headers: json,
                                  body: self.json(["content": "**feedwatch: \(heading)**\n" + lines, "allowed_mentions": ["parse": [String]()]]))
        case "teams":
            let lines = fitting(documents, limit: 15_000) { ChatEscaping.teams("• " + cut($0.entry?.title ?? $0.headline, to: 300) + " — " + context($0)) }
            let body: [[String: Any]] = [["type": "TextBlock", "text": "feedwatch: \(heading)", "weight": "Bolder"]]
                + lines.split(separator: "\n").map { ["type": "RichTextBlock", "inlines": [["type": "TextRun", "text": String($0)]]] }
            let card: [String: Any] = ["type": "AdaptiveCard", "version": "1.4", "body": body, "$schema": "http://adaptivecards.io/schemas/adaptive-card.json"]
            return ChannelRequest(method: "POST", url: url, headers: json,
                                  body: self.json(["type": "message", "attachments": [["contentType": "application/vnd.microsoft.card.adaptive", "content": card]]]))
        case "ntfy":
            let (root, topic) = try ntfyTopic(url)
            let lines = fitting(documents, limit: 3000) { "• " + cut($0.entry?.title ?? $0.headline, to: 200) + " — " + context($0) }
            return ChannelRequest(method: "POST", url: root, headers: json,
                                  body: self.json(["topic": topic, "title": "feedwatch: \(heading)", "message": lines, "tags": ["feedwatch", "digest"],
                                                   "priority": 3]))
        case "telegram":
            guard let chat = address.chatID else { throw ChannelError(description: "a telegram sink needs a chat_id") }
            return ChannelRequest(method: "POST", url: url, headers: json,
                                  body: self.json(["chat_id": chat, "text": "<b>feedwatch: \(heading)</b>\n" + htmlLines(documents, limit: 3500),
                                                   "parse_mode": "HTML", "link_preview_options": ["is_disabled": true]]))
        case "matrix":
            let plain = fitting(documents, limit: 8000) { document in
                "• " + (document.entry?.title ?? document.headline) + (document.entry?.link.flatMap { ChatEscaping.isWebLink($0) ? " \($0)" : nil } ?? "")
                    + " — " + context(document)
            }
            let html = "<b>feedwatch: \(heading)</b><br>" + htmlLines(documents, limit: 8000).replacingOccurrences(of: "\n", with: "<br>")
            return try matrixRequest(url: url, address: address, transaction: digestID,
                                     body: self.json(["msgtype": "m.notice", "body": "feedwatch: \(heading)\n" + plain,
                                                      "format": "org.matrix.custom.html", "formatted_body": html, "m.mentions": [String: Any]()]))
        default:
            return ChannelRequest(method: "POST", url: url, headers: json, body: payload)
        }
    }

    /// A line per alert while they fit in `limit` characters, then "… and N more".
    static func fitting(_ documents: [AlertDocument], limit: Int, _ line: (AlertDocument) -> String) -> String {
        var lines: [String] = [], used = 0
        for (index, document) in documents.enumerated() {
            let text = line(document)
            if used + text.count + 1 > limit - 40 {
                lines.append("… and \(documents.count - index) more")
                break
            }
            lines.append(text)
            used += text.count + 1
        }
        return lines.joined(separator: "\n")
    }

    /// Telegram's and Matrix's HTML: a line per alert, its title a link when it has a web link.
    static func htmlLines(_ documents: [AlertDocument], limit: Int) -> String {
        fitting(documents, limit: limit) { document in
            let title = ChatEscaping.html(cut(document.entry?.title ?? document.headline, to: 200))
            let linked = document.entry?.link.flatMap { ChatEscaping.isWebLink($0) ? "<a href=\"\(ChatEscaping.html($0))\">\(title)</a>" : nil } ?? title
            return "• " + linked + " — <i>" + ChatEscaping.html(context(document)) + "</i>"
        }
    }
}
