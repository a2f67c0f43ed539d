import Configuration
import Foundation

/// Reads webhook secrets (signing keys, and URLs kept as secrets) when they are needed, so a rotated
/// secret is picked up without a restart. Secrets never appear in logs or errors: only where they
/// were looked for.
///
/// A relative `secret_file`/`url_file` such as `secrets/ops-webhook` names a file beside the
/// configuration (`/etc/feedwatch/secrets/ops-webhook`). Under systemd the unit loads that folder as
/// credentials (`LoadCredential=secrets:/etc/feedwatch/secrets`), which systemd names by the same
/// path with `_` for `/` (`$CREDENTIALS_DIRECTORY/secrets_ops-webhook`); a credential loaded by its
/// plain name (`LoadCredential=ops-webhook:…`) is found too. So one configuration reads the same
/// secret under systemd, in `feedwatch check`, and in a terminal.
public enum Secrets {
    public typealias Environment = [String: String]

    public static func read(_ sources: [SecretSource], configFile: String,
                            environment: Environment = ProcessInfo.processInfo.environment) throws(SecretError) -> [String] {
        var values: [String] = []
        for source in sources {
            values.append(try read(source, what: "webhook secret", configFile: configFile, environment: environment))
        }
        return values
    }

    /// The URL to POST to: the written one, or the one read from its file or variable.
    public static func url(_ target: WebhookTarget, configFile: String,
                           environment: Environment = ProcessInfo.processInfo.environment) throws(SecretError) -> String {
        switch target {
        case .url(let url):
            return url
        case .secret(let source):
            let url = try read(source, what: "webhook URL", configFile: configFile, environment: environment)
            guard url.hasPrefix("https://") || url.hasPrefix("http://") || AppriseURL.isWebhook(url) else {
                throw SecretError(description: "the webhook URL read from \(source.described) is not an http(s) or Apprise URL")
            }
            return url
        }
    }

    /// Where a secret file may be, in the order tried.
    public static func candidates(of file: String, configFile: String,
                                  environment: Environment = ProcessInfo.processInfo.environment) -> [String] {
        if file.hasPrefix("/") { return [file] }
        var paths: [String] = []
        if let credentials = environment["CREDENTIALS_DIRECTORY"], !credentials.isEmpty {
            let name = URL(fileURLWithPath: file).lastPathComponent
            // secrets/x → secrets_x (the folder the unit loads); x → x (its own LoadCredential=x:…),
            // or secrets_x (a file put in the folder by a configuration written before there was one).
            for candidate in [file.replacingOccurrences(of: "/", with: "_"), name, "secrets_\(name)"] {
                let path = "\(credentials)/\(candidate)"
                if !paths.contains(path) { paths.append(path) }
            }
        }
        let directory = configFile.isEmpty ? URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
            : URL(fileURLWithPath: configFile).deletingLastPathComponent()
        paths.append(directory.appendingPathComponent(file).standardizedFileURL.path)
        return paths
    }

    /// The database URL to connect with: the written one, with the password read from its file or
    /// variable put in (percent-encoded). The result holds a secret: it is never logged.
    public static func databaseURL(_ database: DatabaseConfig, configFile: String,
                                   environment: Environment = ProcessInfo.processInfo.environment) throws(SecretError) -> String {
        guard let source = database.password else { return database.url }
        let password = try read(source, what: "database password", configFile: configFile, environment: environment)
        guard var components = URLComponents(string: database.url) else { return database.url }
        components.password = password
        return components.string ?? database.url
    }

    /// The first candidate that exists (or the last one, to name in an error).
    public static func path(of file: String, configFile: String, environment: Environment = ProcessInfo.processInfo.environment) -> String {
        let paths = candidates(of: file, configFile: configFile, environment: environment)
        return paths.first { FileManager.default.fileExists(atPath: $0) } ?? paths[paths.count - 1]
    }

    private static func read(_ source: SecretSource, what: String, configFile: String, environment: Environment) throws(SecretError) -> String {
        switch source {
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw SecretError(description: "the environment variable \(name) holding the \(what) is not set")
            }
            return value.trimmingCharacters(in: .whitespacesAndNewlines)
        case .file(let file):
            let resolved = path(of: file, configFile: configFile, environment: environment)
            guard let data = FileManager.default.contents(atPath: resolved) else {
                let tried = candidates(of: file, configFile: configFile, environment: environment)
                throw SecretError(description: "cannot read the \(what) file '\(file)' (looked for \(tried.joined(separator: ", ")))")
            }
            let value = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else { throw SecretError(description: "the \(what) file \(resolved) is empty") }
            return value
        }
    }
}

extension SecretSource {
    /// Where it is kept, for messages: never the value.
    public var described: String {
        switch self {
        case .environment(let name): return "$\(name)"
        case .file(let file): return "the file '\(file)'"
        }
    }
}

public struct SecretError: Error, CustomStringConvertible {
    public let description: String
}
