import Configuration
import Foundation

/// Where the daemon keeps its state and writes relative log paths.
public struct StatePaths: Sendable, Equatable {
    public var directory: String
    public var database: String { directory + "/feedwatch.sqlite" }

    /// `--state` wins; then `settings: state` (relative to the config file); then systemd's
    /// `$STATE_DIRECTORY`; else a `.feedwatch/` folder beside the config.
    public static func resolve(override: String?, config: FeedwatchConfig,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> StatePaths {
        let configFolder = URL(fileURLWithPath: config.file).deletingLastPathComponent().path
        if let override { return StatePaths(directory: override) }
        if let setting = config.settings.statePath {
            return StatePaths(directory: setting.hasPrefix("/") ? setting : configFolder + "/" + setting)
        }
        if let systemd = environment["STATE_DIRECTORY"]?.split(separator: ":").first { return StatePaths(directory: String(systemd)) }
        return StatePaths(directory: configFolder + "/.feedwatch")
    }

    /// A log sink's path: absolute as given; relative ones go to `$LOGS_DIRECTORY` under systemd,
    /// else into the state folder (the configuration folder may be read-only).
    public func logPath(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if path.hasPrefix("/") { return path }
        if let logs = environment["LOGS_DIRECTORY"]?.split(separator: ":").first { return "\(logs)/\(path)" }
        return "\(directory)/\(path)"
    }
}
