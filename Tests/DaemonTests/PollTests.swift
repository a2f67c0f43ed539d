import Alerting
@testable import Daemon
import Foundation
import Hashing
import Storage
import Testing

@Suite(.serialized) struct PollTests {
    @Test func theFirstPollIsQuietThenOnlyNewEntriesAlertAnd304IsUsed() async throws {
        let scenario = try Scenario()
        scenario.setItems([.init(id: "1", title: "Old cyber story", body: Scenario.matching), .init(id: "2", title: "Parks", body: Scenario.unrelated)])
        try scenario.writeConfig()
        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)

        let first = try await daemon.pollOnce(deliveryTimeout: 5)
        #expect(first.map(\.newEntries) == [2])
        #expect(first.map(\.alerts) == [0], "the backlog is marked seen without alerting")

        scenario.addItem(.init(id: "3", title: "US ends cyber operations against Russia", body: Scenario.matching))
        scenario.addItem(.init(id: "4", title: "More parks", body: Scenario.unrelated))
        let second = try await daemon.pollOnce(deliveryTimeout: 10)
        #expect(second.map(\.newEntries) == [2])
        #expect(second.map(\.alerts) == [1], "only the new matching entry alerts")
        #expect(scenario.hookRequests.count == 1)
        #expect(scenario.loggedLines().count == 1)
        let logged = try #require(AlertDocument.decode(scenario.loggedLines()[0]))
        #expect(logged.watchlist == "russia-cyber")
        #expect(logged.topics == ["cyber operations", "Russia"])
        #expect(logged.entry?.title == "US ends cyber operations against Russia")
        #expect(logged.hits.contains { $0.matched_text == "Russia" && !$0.snippet.isEmpty })
        #expect(logged.entities.contains { $0.name == "United States" })

        let third = try await daemon.pollOnce(deliveryTimeout: 5)
        #expect(third.first?.notModified == true)
        #expect(scenario.feedRequests.last?.header("if-none-match") == "\"v4\"", "a conditional GET with the stored ETag")
        #expect(scenario.hookRequests.count == 1, "nothing alerted twice")
    }

    @Test func webhookDeliveriesAreSignedAndRetriedUntilTheReceiverAnswers() async throws {
        let scenario = try Scenario()
        scenario.setItems([.init(id: "1", title: "Cyber operations against Russia", body: Scenario.matching)])
        scenario.hookFailures.withLock { $0 = 1 }
        try scenario.writeConfig(alertOnFirstPoll: true)
        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        _ = try await daemon.pollOnce(deliveryTimeout: 20)

        let requests = scenario.hookRequests
        #expect(requests.count == 2, "refused once with 503, then delivered")
        let ids = Set(requests.compactMap { $0.header("webhook-id") })
        #expect(ids.count == 1, "the same webhook-id on every retry")
        let last = try #require(requests.last)
        let id = try #require(last.header("webhook-id"))
        let timestamp = try #require(last.header("webhook-timestamp").flatMap { Int($0) })
        let expected = WebhookSigner.signature(id: id, timestamp: timestamp, body: String(decoding: last.body, as: UTF8.self),
                                               secrets: [scenario.secret])
        #expect(last.header("webhook-signature") == expected)
        #expect(try daemon.store.pendingDeliveries().isEmpty)
        #expect(scenario.loggedLines().count == 1, "the log sink did not wait for the webhook")
    }

    @Test func theSameArticleThroughTwoFeedsAlertsOnce() async throws {
        let scenario = try Scenario()
        scenario.setItems([.init(id: "1", title: "Cyber operations against Russia", body: Scenario.matching, link: "http://news.example/story")])
        try scenario.writeConfig(alertOnFirstPoll: true, extraFeeds: [scenario.feeds.baseURL + "/mirror.xml"])
        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        let outcomes = try await daemon.pollOnce(deliveryTimeout: 10)
        #expect(outcomes.count == 2)
        #expect(outcomes.map(\.alerts).reduce(0, +) == 1)
        #expect(scenario.hookRequests.count == 1)
    }

    @Test func aFailingFeedRaisesAHealthAlertAndAnotherWhenItRecovers() async throws {
        let scenario = try Scenario()
        scenario.setItems([.init(id: "1", title: "Parks", body: Scenario.unrelated)])
        try scenario.writeConfig(failureAlertAfter: 2)
        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        scenario.feedOverride.withLock { $0 = (500, []) }
        let first = try await daemon.pollOnce(deliveryTimeout: 5)
        #expect(first.first?.error?.description == "the server answered HTTP 500 (Internal Server Error)")
        _ = try await daemon.pollOnce(deliveryTimeout: 5)
        scenario.feedOverride.withLock { $0 = nil }
        _ = try await daemon.pollOnce(deliveryTimeout: 5)
        let kinds = scenario.loggedLines().compactMap { AlertDocument.decode($0)?.kind }
        #expect(kinds == ["feed_failing", "feed_recovered"])
    }

    @Test func goneFeedsPauseAndRetryAfterIsHonoured() async throws {
        let scenario = try Scenario()
        try scenario.writeConfig()
        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        scenario.feedOverride.withLock { $0 = (429, [("Retry-After", "7200")]) }
        _ = try await daemon.pollOnce(deliveryTimeout: 1)
        let limited = try #require(try daemon.store.feed(url: scenario.feedURL))
        #expect(limited.nextPoll.timeIntervalSinceNow > 7000, "the next poll waits for Retry-After")

        scenario.feedOverride.withLock { $0 = (410, []) }
        _ = try await daemon.pollOnce(deliveryTimeout: 1)
        #expect(try daemon.store.feed(url: scenario.feedURL)?.pausedReason?.contains("410") == true)
        let requestsBefore = scenario.feedRequests.count
        _ = try await daemon.pollOnce(deliveryTimeout: 1)
        #expect(scenario.feedRequests.count == requestsBefore, "a paused feed is not polled")
    }

    @Test func aBodyOverTheLimitFailsTheFeed() async throws {
        let scenario = try Scenario()
        let huge = String(repeating: "cyber operations against Russia ", count: 400_000)  // ~12 MB
        scenario.setItems([.init(id: "1", title: "Big", body: huge)])
        try scenario.writeConfig(alertOnFirstPoll: true)
        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        let outcome = try #require(try await daemon.pollOnce(deliveryTimeout: 1).first)
        #expect(outcome.error?.description.contains("larger than") == true)
        #expect(outcome.alerts == 0)
    }

    /// `: > feeds.yaml` while the daemon runs, or a file that lost every feed or every watch-list
    /// half-way through being written: the running configuration stays.
    @Test(arguments: ["", "settings:\n  interval: 5m\n", "watchlists:\n  - {name: w, topics: [x]}\n"])
    func aReloadThatWouldDropEverythingIsRefused(truncated: String) async throws {
        let scenario = try Scenario()
        try scenario.writeConfig()
        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        try truncated.write(toFile: scenario.configPath, atomically: true, encoding: .utf8)
        #expect(await daemon.reloadNow() == false)
        #expect(daemon.current.config.watchlists.map(\.name) == ["russia-cyber"])
        #expect(daemon.current.config.feeds.count == 1)
    }

    @Test func anInvalidReloadKeepsTheRunningConfiguration() async throws {
        let scenario = try Scenario()
        try scenario.writeConfig()
        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        try "watchlists:\n  - name: broken\n    topcis: [x]\n".write(toFile: scenario.configPath, atomically: true, encoding: .utf8)
        #expect(await daemon.reloadNow() == false)
        #expect(daemon.current.config.watchlists.map(\.name) == ["russia-cyber"])
        #expect(daemon.current.config.feeds.count == 1)
    }
}
