import Foundation
import PostgresKit

/// The throwaway PostgreSQL server `make test` starts (scripts/with-postgres.sh). Each test gets a
/// schema of its own, so tests running at once never see each other's rows.
public enum TestDatabase {
    public struct NotConfigured: Error, CustomStringConvertible {
        public var description: String {
            "FEEDWATCH_TEST_POSTGRES is not set: run the tests with `make test`, which starts a throwaway PostgreSQL server"
        }
    }

    /// A new, empty schema: its libpq connection string, and the same as a postgres:// URL.
    public static func freshSchema() throws -> (conninfo: String, url: String) {
        let environment = ProcessInfo.processInfo.environment
        guard let server = environment["FEEDWATCH_TEST_POSTGRES"], let port = environment["FEEDWATCH_TEST_POSTGRES_PORT"] else {
            throw NotConfigured()
        }
        let schema = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try Connection(conninfo: server).execute("CREATE SCHEMA \(schema)")
        return (server + " options='-c search_path=\(schema)'",
                "postgres://feedwatch@127.0.0.1:\(port)/postgres?options=-csearch_path%3D\(schema)")
    }
}
