import Alerting
@testable import Daemon
import Foundation
import PostgresStorage
import Testing
import TestSupport

/// The daemon with `settings: database:` on a real PostgreSQL server (the one `make test` starts).
@Suite(.serialized) struct PostgresDaemonTests {
    @Test func aDaemonOnPostgreSQLAlertsOnceAndRemembersAcrossRestarts() async throws {
        let database = try TestDatabase.freshSchema()
        let scenario = try Scenario()
        scenario.setItems([.init(id: "story-1", title: "Cyber operations against Russia", body: Scenario.matching)])
        try scenario.writeConfig(alertOnFirstPoll: true)
        let yaml = try String(contentsOfFile: scenario.configPath, encoding: .utf8)
            .replacingOccurrences(of: "settings:\n", with: "settings:\n  database: '\(database.url)'\n")
        try yaml.write(toFile: scenario.configPath, atomically: true, encoding: .utf8)

        let first = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        #expect(first.store is PostgresStore)
        let outcomes = try await first.pollOnce(deliveryTimeout: 10)
        #expect(outcomes.map(\.alerts) == [1])
        #expect(scenario.hookRequests.count == 1)
        #expect(scenario.loggedLines().count == 1)

        // A second daemon on the same database (a restart, or another machine): nothing is new.
        scenario.addItem(.init(id: "story-2", title: "Parks", body: Scenario.unrelated))
        let second = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        let again = try await second.pollOnce(deliveryTimeout: 10)
        #expect(again.map(\.newEntries) == [1] && again.map(\.alerts) == [0])
        #expect(scenario.hookRequests.count == 1)
        #expect(try second.store.alerts(since: .distantPast).count == 1)
    }

    @Test func aPasswordInTheDatabaseURLIsRefused() throws {
        let scenario = try Scenario()
        try scenario.writeConfig()
        let yaml = try String(contentsOfFile: scenario.configPath, encoding: .utf8)
            .replacingOccurrences(of: "settings:\n", with: "settings:\n  database: 'postgres://feedwatch:hunter2@db.example/feedwatch'\n")
        try yaml.write(toFile: scenario.configPath, atomically: true, encoding: .utf8)
        #expect {
            _ = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        } throws: { error in
            "\(error)".contains("must not hold a password") && !"\(error)".contains("hunter2")
        }
    }
}
