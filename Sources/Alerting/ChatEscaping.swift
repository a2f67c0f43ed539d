import Foundation

/// Text from a feed, made inert for each chat platform: whatever a title or snippet says, it arrives
/// as text and can neither ping anyone, nor link somewhere, nor break the message around it.
enum ChatEscaping {
    /// Slack mrkdwn: `&`, `<` and `>` are its only control characters, and escaping them is the
    /// documented way to show text as written. `<!channel>` then shows as text and pings nobody.
    /// (Slack has no escape for `*`, `_`, `~`; those can only style text, not act.)
    static func slack(_ text: String) -> String {
        replacingScalars(in: text) {
            switch $0 {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            default: nil
            }
        }
    }

    /// The URL half of Slack's `<url|label>`: a `|` would end it early and let the rest pose as the
    /// label, a `>` would end the link, and spaces break it, so those are percent-encoded.
    static func slackLinkURL(_ url: String) -> String {
        replacingScalars(in: url) {
            switch $0 {
            case "|": "%7C"
            case "<": "%3C"
            case ">": "%3E"
            case " ": "%20"
            case "&": "&amp;"
            default: nil
            }
        }
    }

    /// Discord markdown: a backslash before each character that can start formatting, a masked link
    /// (`[text](url)`), a heading, quote or list, or a mention (`<@id>`). Pings are stopped by
    /// `allowed_mentions`, not here.
    static func discord(_ text: String) -> String {
        replacingScalars(in: text) { discordSpecial.contains($0) ? "\\" + String($0) : nil }
    }

    private static let discordSpecial: Set<Unicode.Scalar> = ["\\", "*", "_", "~", "`", "|", ">", "<", "#", "-", "[", "]", "(", ")", "@", ":"]

    /// `text` with each scalar that `replacement` names replaced. By scalar, not by Character: `<`
    /// followed by a combining mark is one Character to Swift (and not equal to "<"), but still a
    /// `<` to the platform that parses the message.
    private static func replacingScalars(in text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let replaced = replacement(scalar) { result.append(contentsOf: replaced.unicodeScalars) } else { result.append(scalar) }
        }
        return String(result)
    }

    /// Adaptive Cards: text goes into `TextRun`s, which render no markdown, and the `{{DATE(…)}}` /
    /// `{{TIME(…)}}` functions are broken apart with a zero-width space so a feed cannot have its
    /// text rewritten.
    static func teams(_ text: String) -> String {
        text.replacingOccurrences(of: "{{", with: "{\u{200B}{")
    }

    /// Telegram's HTML parse mode and Matrix's `formatted_body`: the HTML entities for the characters
    /// that would start a tag or an entity, or end an attribute.
    static func html(_ text: String) -> String {
        replacingScalars(in: text) { scalar in
            switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            default: nil
            }
        }
    }

    /// Only well-formed web links become clickable: a feed's `javascript:` or `data:` link is not
    /// linked, and neither is one a platform would refuse (a space, a control character, no host),
    /// since Discord and Teams reject the whole message for a bad URL. Slack links are kept short
    /// enough that a cut message never splits one.
    static func isWebLink(_ url: String) -> Bool {
        guard url.utf8.count <= 1000, !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }),
              let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let host = parsed.host, !host.isEmpty else { return false }
        return true
    }
}
