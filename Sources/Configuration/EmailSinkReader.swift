import Foundation
import Yams

/// Reads a `type: email` sink:
///
///     - name: mail
///       type: email
///       url: smtps://smtp.example.org          # or smtp://smtp.example.org:587 (STARTTLS)
///       from: feedwatch@example.org
///       to: [ops@example.org]
///       username: feedwatch@example.org
///       password_file: smtp-password           # or password_env
///
/// or, Apprise-style: `url: mailtos://USER@HOST?from=A&to=B` and the password as above.
enum EmailSinkReader {
    static let keys = ["from", "to", "username", "password_file", "password_env", "ca_file", "tls"]
    /// What a webhook takes that an email sink does not.
    static let webhookKeys = ["url_file", "url_env", "format", "secret_env", "secret_file", "secret_envs", "secret_files", "chat_id", "room",
                              "token_file", "token_env"]

    static func read(_ fields: [String: Node], _ item: Node, _ what: String, _ reader: inout YAMLReader) -> EmailSink? {
        for key in webhookKeys where fields[key] != nil { reader.fail(fields[key], "\(what): \(key) is for webhooks, not email") }
        var apprise: AppriseURL.Email?
        if let written = fields["url"]?.scalar?.string, AppriseURL.isEmail(written) {
            switch AppriseURL.email(written) {
            case .success(let translated): apprise = translated
            case .failure(let error):
                reader.fail(fields["url"], "\(what): \(error)")
                return nil
            }
        }
        guard let server = apprise?.server ?? reader.string(fields["url"], "\(what): url"), server.hasPrefix("smtp://") || server.hasPrefix("smtps://"),
              URLComponents(string: server)?.host?.isEmpty == false else {
            reader.fail(fields["url"] ?? item, "\(what): an email sink needs url: smtps://HOST[:PORT] or smtp://HOST[:PORT] (STARTTLS)")
            return nil
        }
        if URLComponents(string: server)?.password != nil {
            reader.fail(fields["url"], "\(what): the url must not hold a password: use password_file or password_env")
        }
        let from = reader.string(fields["from"], "\(what): from") ?? apprise?.from
        let to = reader.strings(fields["to"], "\(what): to") + (apprise?.to ?? [])
        for address in [from].compactMap({ $0 }) + to where !isAddress(address) {
            reader.fail(fields[address == from ? "from" : "to"], "\(what): '\(address)' is not an email address (name@domain)")
        }
        guard let from, !to.isEmpty else {
            reader.fail(item, "\(what): an email sink needs from: and to:")
            return nil
        }
        var email = EmailSink(server: server, from: from, to: to)
        email.username = reader.string(fields["username"], "\(what): username") ?? apprise?.username
        if let file = reader.string(fields["password_file"], "\(what): password_file") { email.password = .file(file) }
        if let name = reader.string(fields["password_env"], "\(what): password_env") { email.password = .environment(name) }
        if fields["password_file"] != nil, let both = fields["password_env"] { reader.fail(both, "\(what): give password_file or password_env, not both") }
        if email.password != nil, email.username == nil { reader.fail(item, "\(what): a password needs a username") }
        email.caFile = reader.string(fields["ca_file"], "\(what): ca_file")
        if let node = fields["tls"], let value = reader.string(node, "\(what): tls") {
            switch value {
            case "required": email.requireTLS = true
            case "optional": email.requireTLS = false
            default: reader.fail(node, "\(what): tls must be 'required' (the default) or 'optional', not '\(value)'")
            }
            if server.hasPrefix("smtps://"), !email.requireTLS { reader.fail(node, "\(what): smtps:// is TLS from the start; tls: optional is for smtp://") }
        }
        email.timeout = reader.duration(fields["timeout"], "\(what): timeout") ?? 30
        return email
    }

    /// An address as a header and SMTP's envelope take it: no spaces, angle brackets or line breaks,
    /// one @ with text on both sides.
    static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && !text.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F || "<>(),;:\"[]\\".unicodeScalars.contains($0) }
    }
}
