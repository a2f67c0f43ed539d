import Foundation

/// Webhook URLs as logs and command output may show them. Slack (`/services/T…/B…/token`), Discord
/// (`/api/webhooks/id/token`) and Teams (`…?sig=…`) put the credential in the path or the query, and
/// a userinfo part holds a password, so only the scheme and the host are kept.
public enum RedactedURL {
    /// `https://hooks.slack.com/…` for `https://hooks.slack.com/services/T0/B0/secret`.
    public static func display(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "(a URL)" }
        let scheme = url[..<schemeEnd.lowerBound]
        let rest = url[schemeEnd.upperBound...]
        // Apprise's tgram://BOT_TOKEN/…: what stands where a host would is the credential.
        if scheme.lowercased() == "tgram" { return "tgram://…" }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        // The host without any user:password@ in front of it.
        let host = authority.split(separator: "@", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let hasMore = authority.count < rest.count
        return "\(scheme)://\(host)\(hasMore ? "/…" : "")"
    }

    /// `text` with every http(s) URL in it shown as `display` shows it: for error text stored by
    /// versions that still quoted the URL ("https://hooks…/token: Couldn't connect to server").
    public static func scrubbingURLs(in text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let start = nextURLStart(in: rest) {
            result += rest[..<start]
            var end = rest[start...].firstIndex { $0 == " " || $0 == "\"" || $0 == "'" || $0.isNewline } ?? rest.endIndex
            // The old messages put ": " right after the URL.
            if rest[rest.index(before: end)] == ":" { end = rest.index(before: end) }
            result += display(String(rest[start..<end]))
            rest = rest[end...]
        }
        return result + rest
    }

    private static func nextURLStart(in text: Substring) -> Substring.Index? {
        [text.range(of: "http://"), text.range(of: "https://")].compactMap { $0?.lowerBound }.min()
    }
}
