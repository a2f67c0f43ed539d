import Alerting
@testable import Daemon
import Foundation
import PostgresKit
import PostgresStorage
import Testing
import TestSupport

/// The daemon with `settings: database:` on a real PostgreSQL server (the one `make test` starts).
@Suite(.serialized) struct PostgresDaemonTests {
    /// Starts `feedwatch poll --once` as a process of its own, as an instance on another machine would run.
    static func pollOnce(config: String, deliveryTimeout: Int) throws -> Process {
        let process = Process()
        process.executableURL = CrashTests.executable
        process.arguments = ["poll", "--once", "--config", config, "--delivery-timeout", "\(deliveryTimeout)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

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
        guard CrashTests.executableIsBuilt() else { return }
        let database = try TestDatabase.freshSchema()
        let scenario = try Scenario()
        scenario.setItems([.init(id: "story", title: "Cyber operations against Russia", body: Scenario.matching)])
        let feeds = (1...30).map { "\(scenario.feeds.baseURL)/feed-\($0).xml" }
        try scenario.writeConfig(alertOnFirstPoll: true, extraFeeds: feeds)
        let yaml = try String(contentsOfFile: scenario.configPath, encoding: .utf8)
            .replacingOccurrences(of: "settings:\n", with: "settings:\n  database: '\(database.url)'\n")
        try yaml.write(toFile: scenario.configPath, atomically: true, encoding: .utf8)
        _ = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)  // migrates once, before the three start

        let processes = try (1...3).map { _ in try Self.pollOnce(config: scenario.configPath, deliveryTimeout: 20) }
        for process in processes { await exited(process) }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        #expect(Set(scenario.feedRequests.map(\.path)).count == 31, "every feed was polled by one of them")
        // Not "once each": an instance that starts after another polled a feed may poll it again
        // (poll --once polls what was not polled since it started). LeaseTests test the claims' exclusivity.
        let store = try PostgresStore(conninfo: database.conninfo)
        let raised = try store.alerts(since: .distantPast).map(\.id)
        #expect(raised.count == 1)
        #expect(scenario.hookRequests.compactMap { $0.header("webhook-id") } == raised, "delivered once")
        #expect(scenario.loggedLines().count == 1, "logged once")
        #expect(try store.pendingDeliveries().isEmpty)
    }

    /// Three instances per cycle, one of them killed with SIGKILL mid-cycle, three cycles, every feed
    /// gaining an entry on every poll; then one more instance alone. Every alert raised is delivered
    /// (by id: a kill between the answer and its record resends the same id), in the sink's order,
    /// and logged exactly once.
    @Test func killedInstancesLoseNoAlertAndTheOthersTakeOverTheirLeases() async throws {
        guard CrashTests.executableIsBuilt() else { return }
        let database = try TestDatabase.freshSchema()
        let scenario = try Scenario()
        let polls = Shared<[String: Int]>([:])
        let feedServer = try LoopbackHTTPServer { request in
            Thread.sleep(forTimeInterval: 0.05)  // a cycle lasts about half a second, so the kill lands in one
            let count = polls.withLock { counts -> Int in
                counts[request.path, default: 0] += 1
                return counts[request.path, default: 0]
            }
            let items = (1...count).map { Scenario.Item(id: "\(request.path)-\($0)", title: "Cyber operations, part \($0)",
                                                        body: Scenario.matching, link: "http://news.example\(request.path)/\($0)") }
            return .init(headers: [("Content-Type", "application/rss+xml")], text: Scenario.rss(items))
        }
        defer { feedServer.stop() }
        let feeds = (1...20).map { "  - {url: '\(feedServer.baseURL)/feed-\($0).xml', alert_on_first_poll: true}" }
        try scenario.writeSharedConfig(database: database.url, feeds: feeds, timeout: 2, leaseTime: 8)

        func start(deliveryTimeout: Int) throws -> Process { try Self.pollOnce(config: scenario.configPath, deliveryTimeout: deliveryTimeout) }
        var generator = SystemRandomNumberGenerator()
        for _ in 1...3 {
            let instances = try (1...3).map { _ in try start(deliveryTimeout: 3) }
            try await Task.sleep(for: .milliseconds(Int.random(in: 100...600, using: &generator)))
            kill(instances[0].processIdentifier, SIGKILL)
            for instance in instances { await exited(instance) }
        }
        let last = try start(deliveryTimeout: 60)
        await exited(last)
        #expect(last.terminationStatus == 0)

        let store = try PostgresStore(conninfo: database.conninfo)
        let raised = try store.alerts(since: .distantPast).map(\.id)
        #expect(raised.count >= 20, "at least one alert per feed: \(raised.count)")
        #expect(try store.pendingDeliveries().isEmpty, "nothing left to deliver")
        let delivered = scenario.hookRequests.compactMap { $0.header("webhook-id") }
        #expect(Set(delivered) == Set(raised), "every alert reached the webhook")
        var firstSeen: [String] = []
        for id in delivered where !firstSeen.contains(id) { firstSeen.append(id) }
        let queueOrder = try Connection(conninfo: database.conninfo)
            .execute("SELECT alert_id FROM deliveries WHERE sink = 'hook' ORDER BY seq").all.compactMap { $0.text(0) }
        #expect(firstSeen == queueOrder, "in the sink's order")
        let logged = scenario.loggedLines().compactMap { AlertDocument.decode($0)?.id }
        #expect(logged.sorted() == raised.sorted(), "logged exactly once each")
        #expect(polls.withLock { $0.count } == 20 && polls.withLock { $0.values.allSatisfy { $0 >= 2 } }, "every feed kept being polled")
    }
}
