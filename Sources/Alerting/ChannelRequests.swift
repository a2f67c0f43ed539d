import Foundation

/// One HTTP request that carries an alert to a sink. Most formats POST their body to the configured
/// URL; ntfy posts to its server's root and names the topic in the body; Matrix PUTs to a URL that
/// ends in the alert's id, so the homeserver drops a repeat of the same alert.
public struct ChannelRequest: Sendable, Equatable {
    public var method: String
    public var url: String
    public var headers: [String]
    public var body: String
}

/// Where a channel's message goes beyond the URL: Telegram's chat, Matrix's room and access token.
public struct ChannelAddress: Sendable, Equatable {
    public var chatID: String?
    public var room: String?
    public var accessToken: String?

    public init(chatID: String? = nil, room: String? = nil, accessToken: String? = nil) {
        self.chatID = chatID
        self.room = room
        self.accessToken = accessToken
    }
}

public struct ChannelError: Error, CustomStringConvertible {
    public let description: String
}

extension WebhookBody {
    /// The request for one alert in `format` (generic, slack, discord, teams, ntfy, telegram, matrix).
    public static func request(_ document: AlertDocument?, payload: String, alertID: String, format: String, url: String,
                               address: ChannelAddress = ChannelAddress()) throws(ChannelError) -> ChannelRequest {
        let json = ["Content-Type: application/json"]
        guard let document else { return ChannelRequest(method: "POST", url: url, headers: json, body: payload) }
        switch format {
        case "ntfy":
            let (root, topic) = try ntfyTopic(url)
            return ChannelRequest(method: "POST", url: root, headers: json, body: ntfy(document, topic: topic))
        case "telegram":
            guard let chat = address.chatID else { throw ChannelError(description: "a telegram sink needs a chat_id") }
            return ChannelRequest(method: "POST", url: url, headers: json, body: telegram(document, chatID: chat))
        case "matrix":
            return try matrixRequest(url: url, address: address, transaction: alertID, body: matrix(document))
        default:
            return ChannelRequest(method: "POST", url: url, headers: json, body: render(document, payload: payload, format: format))
        }
    }

    /// `PUT {homeserver}/_matrix/client/v3/rooms/{room}/send/m.room.message/{transaction}`, with the token.
    static func matrixRequest(url: String, address: ChannelAddress, transaction: String, body: String) throws(ChannelError) -> ChannelRequest {
        guard let room = address.room, let token = address.accessToken else {
            throw ChannelError(description: "a matrix sink needs a room and an access token")
        }
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        let target = "\(base)/_matrix/client/v3/rooms/\(pathSegment(room))/send/m.room.message/\(pathSegment(transaction))"
        return ChannelRequest(method: "PUT", url: target, headers: ["Content-Type: application/json", "Authorization: Bearer \(token)"], body: body)
    }

    /// `https://ntfy.sh/alerts` → (`https://ntfy.sh/`, `alerts`): JSON is published to the server's
    /// root (or the folder it is served under), with the topic in the body.
    public static func ntfyTopic(_ url: String) throws(ChannelError) -> (root: String, topic: String) {
        guard var components = URLComponents(string: url), case let parts = components.path.split(separator: "/"), let last = parts.last,
              components.query == nil else {
            throw ChannelError(description: "an ntfy URL names its topic: https://ntfy.example/TOPIC")
        }
        components.path = "/" + parts.dropLast().map { $0 + "/" }.joined()  // a trailing slash after the topic changes nothing
        guard let root = components.string else { throw ChannelError(description: "an ntfy URL names its topic: https://ntfy.example/TOPIC") }
        return (root, String(last))
    }

    /// ntfy's JSON publish: plain text (ntfy renders no markup unless asked to), a title, tags,
    /// a priority (4 for a topic alert, 3 for a feed's health) and the entry's link as the click action.
    static func ntfy(_ document: AlertDocument, topic: String) -> String {
        var message: [String: Any] = [
            "topic": topic,
            "title": cut(document.entry?.title ?? document.headline, to: 250),
            "message": cut(([context(document)] + reasons(document)).joined(separator: "\n"), to: 3000),
            "tags": ["feedwatch"] + (document.watchlist.map { [$0] } ?? []),
            "priority": document.kind == "match" ? 4 : 3,
        ]
        if let link = document.entry?.link, ChatEscaping.isWebLink(link) { message["click"] = link }
        return json(message)
    }

    /// Telegram's `sendMessage` with `parse_mode: HTML`: every text from the feed is HTML-escaped, so
    /// a title holding `<a href>` or `<b>` shows as written; only an http(s) link becomes one.
    static func telegram(_ document: AlertDocument, chatID: String) -> String {
        json(["chat_id": chatID, "text": html(document, titleLimit: 250, reasonsLimit: 3000), "parse_mode": "HTML",
              "link_preview_options": ["is_disabled": true]])
    }

    /// Matrix `m.room.message` as an `m.notice` (bots' messages, which clients do not answer), with a
    /// plain body and an HTML one, and an empty `m.mentions`: whatever the feed writes, `@room` or a
    /// user's name, mentions nobody.
    static func matrix(_ document: AlertDocument) -> String {
        var plain = [document.entry?.title ?? document.headline]
        if let link = document.entry?.link, ChatEscaping.isWebLink(link) { plain.append(link) }
        plain += [context(document)] + reasons(document)
        // HTML folds line breaks into spaces: Matrix clients need <br>, where Telegram takes "\n" as it is.
        let formatted = html(document, titleLimit: 400, reasonsLimit: 8000).replacingOccurrences(of: "\n", with: "<br>")
        return json(["msgtype": "m.notice", "body": cut(plain.joined(separator: "\n"), to: 8000), "format": "org.matrix.custom.html",
                     "formatted_body": formatted, "m.mentions": [String: Any]()])
    }

    /// The title in bold (a link, when the entry has a web link), the context in italics, then the
    /// reasons, one per line; every text escaped for HTML.
    static func html(_ document: AlertDocument, titleLimit: Int, reasonsLimit: Int) -> String {
        let escape = ChatEscaping.html
        var title = "<b>\(escape(cut(document.entry?.title ?? document.headline, to: titleLimit)))</b>"
        if let link = document.entry?.link, ChatEscaping.isWebLink(link) { title = "<a href=\"\(escape(link))\">\(title)</a>" }
        let reasons = cut(reasons(document).joined(separator: "\n"), to: reasonsLimit)
        return ([title, "<i>\(escape(context(document)))</i>"] + (reasons.isEmpty ? [] : [escape(reasons)])).joined(separator: "\n")
    }

    /// A room id (`!abc:example.org`) or an alert id as one URL path segment.
    static func pathSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")) ?? text
    }
}
