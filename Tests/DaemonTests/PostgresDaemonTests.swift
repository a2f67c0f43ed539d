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

    /// Three instances polling at once on one database, 31 feeds carrying the same story: every feed
    /// polled, one alert in all (its key is unique across instances and feeds), delivered once to the
    /// webhook and written once to the log, though all three instances have both sinks.
    @Test func threeInstancesAtOnceShareTheFeedsAndDeliverEachAlertOnce() async throws {
        guard FileManager.default.isExecutableFile(atPath: CrashTests.executable.path) else {
            Issue.record("\(CrashTests.executable.path) is missing: run `swift build` before `swift test` (make test does)")
            return
        }
        let database = try TestDatabase.freshSchema()
        let scenario = try Scenario()
        scenario.setItems([.init(id: "story", title: "Cyber operations against Russia", body: Scenario.matching)])
        let feeds = (1...30).map { "\(scenario.feeds.baseURL)/feed-\($0).xml" }
        try scenario.writeConfig(alertOnFirstPoll: true, extraFeeds: feeds)
        let yaml = try String(contentsOfFile: scenario.configPath, encoding: .utf8)
            .replacingOccurrences(of: "settings:\n", with: "settings:\n  database: '\(database.url)'\n")
        try yaml.write(toFile: scenario.configPath, atomically: true, encoding: .utf8)
        _ = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)  // migrates once, before the three start

        let processes = try (1...3).map { _ in
            let process = Process()
            process.executableURL = CrashTests.executable
            process.arguments = ["poll", "--once", "--config", scenario.configPath, "--delivery-timeout", "20"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let polled = Set(scenario.feedRequests.map(\.path))
        #expect(polled.count == 31, "every feed was polled by one of them")
        let store = try PostgresStore(conninfo: database.conninfo)
        let raised = try store.alerts(since: .distantPast).map(\.id)
        #expect(raised.count == 1)
        #expect(scenario.hookRequests.compactMap { $0.header("webhook-id") } == raised, "delivered once")
        #expect(scenario.loggedLines().count == 1, "logged once")
        #expect(try store.pendingDeliveries().isEmpty)
    }
}
