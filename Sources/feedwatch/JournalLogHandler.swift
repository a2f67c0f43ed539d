import Foundation
import Logging

/// Log lines on stderr that journald understands: under systemd (`$JOURNAL_STREAM` set) each line
/// starts with its syslog priority (`<3>` error … `<7>` debug), which journald turns into the level;
/// elsewhere a UTC time and the level. Metadata (feed, watch-list, alert) follows as key=value.
struct JournalLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level
    private let underSystemd: Bool

    init(level: Logger.Level, underSystemd: Bool = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil) {
        logLevel = level
        self.underSystemd = underSystemd
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        if let error = event.error { merged["error"] = "\(error)" }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quoted("\($0.value)"))" }.joined(separator: " ")
        let prefix = underSystemd ? "<\(Self.priority(event.level))>" : "\(ISO8601DateFormatter().string(from: Date())) \(event.level) "
        let text = prefix + "\(event.message)" + (fields.isEmpty ? "" : " " + fields) + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    private static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    private static func quoted(_ value: String) -> String {
        value.contains(" ") || value.isEmpty ? "\"\(value.replacingOccurrences(of: "\"", with: "\\\""))\"" : value
    }
}

enum Logs {
    static func bootstrap(verbose: Bool) -> Logger {
        let level: Logger.Level = verbose ? .debug : .info
        LoggingSystem.bootstrap { _ in JournalLogHandler(level: level) }
        return Logger(label: "feedwatch")
    }
}
