import Configuration
import Foundation
import PostgresStorage
import Storage

/// The store a configuration asks for: PostgreSQL when `settings: database` names one, else the
/// SQLite file in the state folder (created if missing).
public enum StoreChoice {
    public static func open(_ config: FeedwatchConfig, paths: StatePaths,
                            environment: Secrets.Environment = ProcessInfo.processInfo.environment) throws -> any StateStore {
        if let database = config.settings.database {
            let url = try Secrets.databaseURL(database, configFile: config.file, environment: environment)
            return try PostgresStore(conninfo: url)
        }
        do {
            try FileManager.default.createDirectory(atPath: paths.directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError("cannot create the state folder \(paths.directory): \(error.localizedDescription)")
        }
        return try SQLiteStore(path: paths.database)
    }
}
