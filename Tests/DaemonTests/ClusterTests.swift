import Alerting
@testable import Daemon
import Foundation
import PostgresKit
import PostgresStorage
import Testing
import TestSupport

/// Several `feedwatch run` instances on one PostgreSQL database, as `feedwatch@.service` runs them:
/// 1,000 feeds on loopback, one in ten gaining a matching entry at every poll, a webhook receiver,
/// and a log sink whose file is in each instance's own log folder. Two instances are killed with
/// SIGKILL mid-cycle, while they hold leases, and a fourth joins late. (Its tests run at once: each
/// has its own database and servers.)
@Suite struct ClusterTests {
    static let feedCount = 1_000
    static let interval: TimeInterval = 60
    static let leaseTime: TimeInterval = 10
    /// Beyond interval + lease: a poll's own time and, on two busy cores, the scheduling of four daemons.
    static let slack: TimeInterval = 5

    /// One `feedwatch run` with a state and a log folder of its own, as systemd gives each template instance.
    final class Instance: Sendable {
        let process: Process
        let logs: URL

        init(folder: URL, number: Int, config: String) throws {
            logs = folder.appendingPathComponent("logs-\(number)")
            let state = folder.appendingPathComponent("state-\(number)")
            for directory in [logs, state] { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
            process = Process()
            process.executableURL = CrashTests.executable
            process.arguments = ["run", "--config", config]
            process.environment = ProcessInfo.processInfo.environment.merging(
                ["LOGS_DIRECTORY": logs.path, "STATE_DIRECTORY": state.path]) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        var pid: Int32 { process.processIdentifier }

        /// The ids in this instance's alert log, in its order.
        func loggedIDs() -> [String] {
            let path = logs.appendingPathComponent("alerts.jsonl").path
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }  // it never held the log sink
            return text.split(separator: "\n").compactMap { AlertDocument.decode(String($0))?.id }
        }
    }

    @Test(.timeLimit(.minutes(6))) func instancesKilledMidCycleLoseNoAlertAndEveryFeedKeepsBeingPolled() async throws {
        guard CrashTests.executableIsBuilt() else { return }
        let database = try TestDatabase.freshSchema()
        let scenario = try Scenario()
        let polls = Shared<[String: [Date]]>([:])
        let frozen = Shared<Date>(.distantFuture)  // from then on no feed gains an entry
        let feedServer = try LoopbackHTTPServer { request in
            Thread.sleep(forTimeInterval: 0.15)  // a transfer takes a while, so a killed instance holds leases
            let now = Date()
            polls.withLock { $0[request.path, default: []].append(now) }
            let number = Int(request.path.filter(\.isNumber)) ?? 1
            guard number % 10 == 0 else {
                if request.header("if-none-match") == "\"same\"" { return .init(status: 304) }
                return .init(headers: [("Content-Type", "application/rss+xml"), ("ETag", "\"same\"")],
                             text: Scenario.rss([.init(id: "\(request.path)-still", title: "Council budget", body: Scenario.unrelated)]))
            }
            let cutoff = frozen.withLock { $0 }
            let count = polls.withLock { $0[request.path, default: []].filter { $0 < cutoff }.count }
            let items = (1...max(1, count)).map {
                Scenario.Item(id: "\(request.path)-\($0)", title: "Cyber operations against Russia, \(request.path) part \($0)",
                              body: Scenario.matching, link: "http://news.example\(request.path)/\($0)")
            }
            return .init(headers: [("Content-Type", "application/rss+xml")], text: Scenario.rss(items))
        }
        defer { feedServer.stop() }
        let feeds = (1...Self.feedCount).map { "  - '\(feedServer.baseURL)/feed-\($0).xml'" }
        try scenario.writeSharedConfig(database: database.url, feeds: feeds, timeout: 3, leaseTime: Int(Self.leaseTime),
                                       settings: ["interval: 1m", "per_host: 8"])
        let watcher = try Connection(conninfo: database.conninfo)
        func leasesHeld(by instance: Instance) throws -> Int {
            try watcher.execute("SELECT count(*) FROM feeds WHERE lease_owner LIKE $1 AND lease_expires > $2",
                                [.text("%:\(instance.pid):%"), .double(Date().timeIntervalSince1970)]).first?.int(0) ?? 0
        }
        /// Kills an instance with SIGKILL at the first moment after `at` that it holds a feed's lease.
        func killHoldingLeases(_ instance: Instance, at moment: Date) async throws -> Int {
            try await Task.sleep(for: .seconds(max(0, moment.timeIntervalSinceNow)))
            var held = 0
            _ = try await eventually(seconds: 20) {
                held = try leasesHeld(by: instance)
                return held > 0
            }
            kill(instance.pid, SIGKILL)
            await exited(instance.process)
            return held
        }

        let folder = scenario.folder
        let started = Date()
        var instances = try (1...3).map { try Instance(folder: folder, number: $0, config: scenario.configPath) }
        let firstKill = try await killHoldingLeases(instances[0], at: started.addingTimeInterval(25))
        let firstKillAt = Date()
        instances.append(try Instance(folder: folder, number: 4, config: scenario.configPath))  // restarted, as Restart= would
        let secondKill = try await killHoldingLeases(instances[1], at: started.addingTimeInterval(85))
        let lastKill = Date()
        instances.append(try Instance(folder: folder, number: 5, config: scenario.configPath))  // the fourth, joining late
        let alive = [instances[2], instances[3], instances[4]]
        #expect(firstKill > 0 && secondKill > 0, "each killed instance held leases: \(firstKill), \(secondKill)")

        // `feedwatch status` lists every live instance.
        try await Task.sleep(for: .seconds(3))
        let status = try await CommandLineTests.run(["status", "--config", scenario.configPath])
        for instance in alive { #expect(status.output.contains(":\(instance.pid):"), "status lists instance \(instance.pid)") }

        // Run on past the last kill by an interval and a lease, and more; then stop gaining entries,
        // let the polls in hand end and the queue drain, and stop the instances.
        try await Task.sleep(for: .seconds(max(0, lastKill.addingTimeInterval(Self.interval + Self.leaseTime + 15).timeIntervalSinceNow)))
        let stoppedAt = Date()
        frozen.withLock { $0 = stoppedAt }
        try await Task.sleep(for: .seconds(5))  // longer than a transfer's timeout
        let store = try PostgresStore(conninfo: database.conninfo)
        #expect(try await eventually(seconds: 60) { try store.pendingDeliveries().isEmpty }, "nothing left to deliver")
        for instance in alive { kill(instance.pid, SIGTERM) }
        for instance in alive { await exited(instance.process) }
        #expect(alive.allSatisfy { $0.process.terminationStatus == 0 }, "a clean stop")

        let raised = try store.alerts(since: .distantPast).map(\.id)
        #expect(raised.count >= Self.feedCount / 10, "every gaining feed raised alerts: \(raised.count)")
        #expect(try store.pendingDeliveries().isEmpty, "nothing left to deliver")

        // The webhook: every alert by id, none lost or unknown, first arrivals in the sink's order.
        let delivered = scenario.hookRequests.compactMap { $0.header("webhook-id") }
        #expect(Set(delivered) == Set(raised), "every alert reached the webhook")
        #expect(delivered.count - Set(delivered).count <= 2, "resent only what was in flight at a kill: \(delivered.count - Set(delivered).count)")
        func queueOrder(_ sink: String) throws -> [String] {
            try watcher.execute("SELECT alert_id FROM deliveries WHERE sink = $1 ORDER BY seq", [.text(sink)]).all.compactMap { $0.text(0) }
        }
        var firstSeen: [String] = [], seen = Set<String>()
        for id in delivered where seen.insert(id).inserted { firstSeen.append(id) }
        #expect(firstSeen == (try queueOrder("hook")), "in the sink's order")

        // The log sink: the instances' logs together hold every alert; each log is in the queue's order.
        let logs = instances.map { $0.loggedIDs() }
        let allLogged = logs.flatMap { $0 }
        #expect(Set(allLogged) == Set(raised), "every alert logged")
        #expect(allLogged.count - Set(allLogged).count <= 2, "logged twice only what was in flight at a kill")
        let logOrder = Dictionary(uniqueKeysWithValues: try queueOrder("log").enumerated().map { ($1, $0) })
        for log in logs {
            let positions = log.compactMap { logOrder[$0] }
            #expect(positions == positions.sorted(), "one instance's log is in the queue's order")
        }

        // Polling went on: no feed waited longer than an interval and a lease between polls, kills included.
        let times = polls.withLock { $0 }
        #expect(times.count == Self.feedCount, "every feed was polled")
        var longest: (gap: TimeInterval, feed: String) = (0, "")
        for (feed, polled) in times {
            let sorted = polled.sorted().filter { $0 <= stoppedAt }
            for (earlier, later) in zip(sorted, sorted.dropFirst()) where later.timeIntervalSince(earlier) > longest.gap {
                longest = (later.timeIntervalSince(earlier), feed)
            }
            if let last = sorted.last, stoppedAt.timeIntervalSince(last) > longest.gap { longest = (stoppedAt.timeIntervalSince(last), feed + " (at the end)") }
        }
        #expect(longest.gap <= Self.interval + Self.leaseTime + Self.slack,
                "longest wait between polls: \(Int(longest.gap)) s, \(longest.feed) (kills at \(firstKillAt) and \(lastKill))")
        let fewest = times.values.map(\.count).min() ?? 0
        print("cluster: \(raised.count) alerts, webhook requests \(delivered.count), log lines \(allLogged.count), leases held at the kills "
            + "\(firstKill) and \(secondKill), longest wait between polls \(String(format: "%.1f", longest.gap)) s, polls per feed \(fewest)..."
            + "\(times.values.map(\.count).max() ?? 0)")
        #expect(fewest >= 2, "every feed polled again after its first poll: \(fewest) polls at the least")
    }

    /// PostgreSQL restarts mid-cycle, and is down for a few seconds, under two running instances: they
    /// reconnect by themselves, what failed during the outage is polled again, and every feed's alert
    /// is raised once and delivered once.
    @Test(.timeLimit(.minutes(4))) func instancesOutliveAPostgreSQLRestartAndLoseNothing() async throws {
        guard CrashTests.executableIsBuilt() else { return }
        let cluster = try PrivateCluster()
        defer { cluster.stop() }
        let scenario = try Scenario()
        let feedServer = try LoopbackHTTPServer { request in
            let item = Scenario.Item(id: "\(request.path)-story", title: "Cyber operations against Russia, \(request.path)",
                                     body: Scenario.matching, link: "http://news.example\(request.path)")
            return .init(headers: [("Content-Type", "application/rss+xml")], text: Scenario.rss([item]))
        }
        defer { feedServer.stop() }
        let feedCount = 40
        let feeds = (1...feedCount).map { "  - {url: '\(feedServer.baseURL)/feed-\($0).xml', alert_on_first_poll: true}" }
        try scenario.writeSharedConfig(database: "postgres://feedwatch@127.0.0.1:\(cluster.port)/postgres", feeds: feeds, timeout: 3,
                                       leaseTime: 10, settings: ["interval: 1m"])
        let instances = try (1...2).map { try Instance(folder: scenario.folder, number: $0, config: scenario.configPath) }

        // Mid-cycle (the first polls are spread over the first minute): a restart, then an outage.
        try await Task.sleep(for: .seconds(15))
        try cluster.restart()
        try await Task.sleep(for: .seconds(10))
        try cluster.stopServerOnly()
        try await Task.sleep(for: .seconds(4))
        try cluster.start()

        let store = try PostgresStore(conninfo: cluster.conninfo)
        let delivered = { Set(scenario.hookRequests.compactMap { $0.header("webhook-id") }) }
        let settled = try await eventually(seconds: 150) {
            try store.alerts(since: .distantPast).count == feedCount && delivered().count == feedCount && store.pendingDeliveries().isEmpty
        }
        let raisedCount = try store.alerts(since: .distantPast).count
        #expect(settled, "every feed's alert raised and delivered after the restart: \(raisedCount) raised, \(delivered().count) delivered")
        #expect(instances.allSatisfy { $0.process.isRunning }, "both instances outlived the restart")
        for instance in instances { kill(instance.pid, SIGTERM) }
        for instance in instances { await exited(instance.process) }
        #expect(instances.allSatisfy { $0.process.terminationStatus == 0 })

        let raised = try store.alerts(since: .distantPast).map(\.id)
        #expect(delivered() == Set(raised), "the webhook got exactly the alerts raised")
        let logged = instances.flatMap { $0.loggedIDs() }
        #expect(Set(logged) == Set(raised) && logged.count == raised.count, "each alert logged once")
    }
}
