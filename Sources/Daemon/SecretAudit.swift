import Configuration
import Foundation

/// What `feedwatch check` says about secrets: each one must be readable where the daemon will look,
/// and neither a secret nor a configuration that holds one should be readable by every user.
public enum SecretAudit {
    public struct Finding: Sendable, CustomStringConvertible {
        public enum Severity: Sendable { case error, warning }
        public var severity: Severity
        public var message: String
        public var description: String { "\(severity == .error ? "error" : "warning"): \(message)" }
    }

    public static func audit(_ config: FeedwatchConfig, environment: Secrets.Environment = ProcessInfo.processInfo.environment) -> [Finding] {
        var findings: [Finding] = []
        for sink in config.sinks {
            let place = "\(sink.file):\(sink.line): sink '\(sink.name)'"
            if case .email(let email) = sink.kind, let source = email.password {
                findings += check(source, what: "SMTP password", place: place, configFile: sink.file, environment: environment) { () throws(SecretError) in
                    _ = try Secrets.read([source], configFile: sink.file, environment: environment)
                }
            }
            guard case .webhook(let webhook) = sink.kind else { continue }
            switch webhook.target {
            case .url(let url):
                // A URL with a path or query is, for Slack, Discord and Teams, the credential itself.
                if RedactedURL.display(url) != url, let mode = worldReadableMode(sink.file) {
                    findings.append(Finding(severity: .warning, message: "\(place): the webhook URL is written in a file every user can read "
                        + "(mode \(mode)); a Slack, Discord or Teams URL is itself the credential: keep it in url_file or url_env, or chmod o-r"))
                }
            case .secret(let source):
                findings += check(source, what: "webhook URL", place: place, configFile: sink.file, environment: environment) { () throws(SecretError) in
                    _ = try Secrets.url(.secret(source), configFile: sink.file, environment: environment)
                }
            }
            for (source, what) in webhook.secrets.map({ ($0, "webhook secret") }) + (webhook.token.map { [($0, "access token")] } ?? []) {
                findings += check(source, what: what, place: place, configFile: sink.file, environment: environment) { () throws(SecretError) in
                    _ = try Secrets.read([source], configFile: sink.file, environment: environment)
                }
            }
        }
        return findings
    }

    /// Reads the secret the daemon's way (`read`), then looks at who else may read its file.
    private static func check(_ source: SecretSource, what: String, place: String, configFile: String,
                              environment: Secrets.Environment, read: () throws(SecretError) -> Void) -> [Finding] {
        do {
            try read()
        } catch {
            // A variable may be set only where the daemon runs (the unit's Environment=): not an error here.
            if case .environment = source, environment[sourceName(source)] == nil {
                return [Finding(severity: .warning, message: "\(place): \(error.description) here; the daemon needs it where it runs")]
            }
            return [Finding(severity: .error, message: "\(place): \(error.description)")]
        }
        guard case .file(let file) = source else { return [] }
        let path = Secrets.path(of: file, configFile: configFile, environment: environment)
        guard let mode = worldReadableMode(path) else { return [] }
        return [Finding(severity: .warning, message: "\(place): the \(what) file \(path) can be read by every user (mode \(mode)); chmod 600 it")]
    }

    private static func sourceName(_ source: SecretSource) -> String {
        switch source {
        case .environment(let name), .file(let name): return name
        }
    }

    /// The file's permission bits as `0644` when others may read it, else nil.
    private static func worldReadableMode(_ path: String) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue, permissions & 0o004 != 0 else { return nil }
        return "0" + String(permissions & 0o777, radix: 8)
    }
}
