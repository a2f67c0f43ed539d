import Configuration
import Foundation

/// Reads webhook secrets when they are needed, so a rotated secret is picked up without a restart.
/// Secrets never appear in logs or errors: only where they were looked for.
public enum Secrets {
    public static func read(_ sources: [SecretSource], environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [String] {
        try sources.map { source in
            switch source {
            case .environment(let name):
                guard let value = environment[name], !value.isEmpty else {
                    throw SecretError(description: "the environment variable \(name) holding a webhook secret is not set")
                }
                return value
            case .file(let path):
                let resolved = path.hasPrefix("/") ? path
                    : (environment["CREDENTIALS_DIRECTORY"].map { "\($0)/\(path)" } ?? path)
                guard let data = FileManager.default.contents(atPath: resolved) else {
                    throw SecretError(description: "cannot read the webhook secret file \(resolved)")
                }
                return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
    }
}

public struct SecretError: Error, CustomStringConvertible {
    public let description: String
}
