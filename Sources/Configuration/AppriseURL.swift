import Foundation

/// Apprise-style URLs, a shorthand for a channel and its address in one `url:`:
///
///     ntfy://TOPIC                     https://ntfy.sh/TOPIC
///     ntfys://HOST[:PORT]/TOPIC        https://HOST/TOPIC (ntfy:// for http)
///     tgram://BOT_TOKEN/CHAT_ID        Telegram's sendMessage for that bot and chat
///     matrixs://TOKEN@HOST/!ROOM:SERVER   that room on that homeserver (matrix:// for http)
///     mailtos://USER@HOST[:PORT]?from=A&to=B,C   email over smtps (mailto:// for STARTTLS)
///
/// A URL that holds a token (tgram, matrix) is the credential: keep it in url_file or url_env, where
/// it is read, and translated, at each delivery.
public enum AppriseURL {
    public static let webhookSchemes = ["ntfy", "ntfys", "tgram", "matrix", "matrixs"]
    public static let emailSchemes = ["mailto", "mailtos"]

    public struct Webhook: Sendable, Equatable {
        public var url: String
        public var format: WebhookFormat
        public var chatID: String?
        public var room: String?
        public var token: String?
    }

    public struct Email: Sendable, Equatable {
        public var server: String
        public var username: String?
        public var from: String?
        public var to: [String]
    }

    public static func scheme(of text: String) -> String? {
        text.range(of: "://").map { text[..<$0.lowerBound].lowercased() }
    }

    public static func isWebhook(_ text: String) -> Bool { scheme(of: text).map(webhookSchemes.contains) ?? false }
    public static func isEmail(_ text: String) -> Bool { scheme(of: text).map(emailSchemes.contains) ?? false }

    /// The request target, channel and address an Apprise webhook URL stands for.
    public static func webhook(_ text: String) -> Result<Webhook, AppriseError> {
        guard let scheme = scheme(of: text), let rest = text.range(of: "://").map({ String(text[$0.upperBound...]) }) else {
            return .failure(.init("not an Apprise URL"))
        }
        let parts = rest.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch scheme {
        case "ntfy", "ntfys":
            if parts.count == 1 { return .success(Webhook(url: "https://ntfy.sh/\(parts[0])", format: .ntfy)) }  // Apprise's ntfy://TOPIC
            guard parts.count >= 2 else { return .failure(.init("write it as \(scheme)://HOST/TOPIC or ntfy://TOPIC")) }
            return .success(Webhook(url: "\(scheme == "ntfys" ? "https" : "http")://\(parts.joined(separator: "/"))", format: .ntfy))
        case "tgram":
            guard parts.count == 2, parts[0].contains(":") else { return .failure(.init("write it as tgram://BOT_TOKEN/CHAT_ID")) }
            return .success(Webhook(url: "https://api.telegram.org/bot\(parts[0])/sendMessage", format: .telegram, chatID: parts[1]))
        case "matrix", "matrixs":
            guard parts.count == 2, let at = parts[0].lastIndex(of: "@"), parts[1].hasPrefix("!") else {
                return .failure(.init("write it as \(scheme)://TOKEN@HOST/!ROOM:SERVER (a room id, not an alias)"))
            }
            let token = String(parts[0][..<at]), host = String(parts[0][parts[0].index(after: at)...])
            guard !token.isEmpty, !host.isEmpty else { return .failure(.init("write it as \(scheme)://TOKEN@HOST/!ROOM:SERVER")) }
            let room = parts[1].removingPercentEncoding ?? parts[1]
            return .success(Webhook(url: "\(scheme == "matrixs" ? "https" : "http")://\(host)", format: .matrix, room: room, token: token))
        default:
            return .failure(.init("'\(scheme)://' is not one of \((webhookSchemes + emailSchemes).map { "\($0)://" }.joined(separator: ", "))"))
        }
    }

    /// The SMTP server and envelope an Apprise mail URL stands for. A password does not belong in it:
    /// it comes from password_file or password_env.
    public static func email(_ text: String) -> Result<Email, AppriseError> {
        guard let scheme = scheme(of: text), emailSchemes.contains(scheme), let components = URLComponents(string: text),
              let host = components.host, !host.isEmpty else {
            return .failure(.init("write it as mailtos://USER@HOST[:PORT]?from=ADDRESS&to=ADDRESS"))
        }
        guard components.password == nil else { return .failure(.init("the URL must not hold a password: use password_file or password_env")) }
        let query = components.queryItems ?? []
        let to = query.filter { $0.name == "to" }.flatMap { ($0.value ?? "").split(separator: ",").map(String.init) }
        let port = components.port.map { ":\($0)" } ?? ""
        return .success(Email(server: "\(scheme == "mailtos" ? "smtps" : "smtp")://\(host)\(port)", username: components.user?.removingPercentEncoding,
                              from: query.first { $0.name == "from" }?.value, to: to))
    }
}

public struct AppriseError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
