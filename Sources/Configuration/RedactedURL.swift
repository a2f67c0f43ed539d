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
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        // The host without any user:password@ in front of it.
        let host = authority.split(separator: "@", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let hasMore = authority.count < rest.count
        return "\(scheme)://\(host)\(hasMore ? "/…" : "")"
    }

    /// `text` with every occurrence of `url` (and of its form without the query) replaced by its
    /// display form, for error text from elsewhere that may quote it.
    public static func scrub(_ text: String, url: String) -> String {
        guard !url.isEmpty else { return text }
        var result = text.replacingAll(url, with: display(url))
        if let query = url.firstIndex(of: "?") {
            let bare = String(url[..<query])
            if bare.count > 8 { result = result.replacingAll(bare, with: display(url)) }
        }
        return result
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }
}
