@testable import Daemon
import Foundation
import Storage
import Testing
import TestSupport

/// Policies per watch-list, feed-health alerts past quiet hours, a digest held by quiet hours, and
/// an Apprise URL, through the real daemon to a receiver on loopback.
@Suite(.serialized) struct DeliveryPolicyTests {
    static let watchlists = """
    watchlists:
      - {name: russia-cyber, rule: all, topics: [{name: cyber, terms: [cyber operations]}, {name: Russia, entity: Russia}]}
      - {name: budget, topics: [{name: budget, terms: [budget]}], delivery: {digest: 2s}}
    """

    @Test func oneWatchlistsDigestLeavesTheOthersAlertsImmediateOnTheSameSink() async throws {
        let scenario = try Scenario()
        scenario.setItems([
            .init(id: "cyber", title: "Cyber operations against Russia", body: Scenario.matching),
            .init(id: "budget-1", title: "Council budget", body: Scenario.unrelated),
            .init(id: "budget-2", title: "Budget vote", body: Scenario.unrelated),
        ])
        try """
        settings:
          metrics: off
        sinks:
          - {name: chat, type: webhook, url: '\(scenario.hooks.baseURL)/chat'}
        \(Self.watchlists)
        feeds:
          - {url: '\(scenario.feedURL)', alert_on_first_poll: true}
        """.write(toFile: scenario.configPath, atomically: true, encoding: .utf8)
        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        _ = try await daemon.pollOnce(deliveryTimeout: 15)
        let alerts = try daemon.store.alerts(since: .distantPast)
        let cyber = try #require(alerts.first { $0.watchlist == "russia-cyber" })
        let budget = alerts.filter { $0.watchlist == "budget" }.map(\.id)
        #expect(budget.count == 2)
        let bodies = scenario.hooks.requests.filter { $0.path == "/chat" }.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.body))) as? [String: Any]
        }
        #expect(bodies.count == 2, "one alert and one digest: \(bodies.count)")
        #expect(bodies.contains { $0["id"] as? String == cyber.id && $0["type"] == nil }, "russia-cyber's alert on its own")
        let digest = try #require(bodies.first { $0["type"] as? String == "digest" })
        #expect((digest["alerts"] as? [[String: Any]])?.compactMap { $0["id"] as? String }.sorted() == budget.sorted())
        #expect(try daemon.store.pendingDeliveries().isEmpty)
    }

    @Test func feedHealthAlertsGoPastQuietHoursWhileMatchesAreHeld() async throws {
        let scenario = try Scenario()
        scenario.setItems([.init(id: "cyber", title: "Cyber operations against Russia", body: Scenario.matching)])
        let quiet = "\(Scenario.utcClock(Date().addingTimeInterval(-60)))-\(Scenario.utcClock(Date().addingTimeInterval(3600)))"
        try """
        settings:
          metrics: off
          failure_alert_after: 1
        sinks:
          - {name: pager, type: webhook, url: '\(scenario.hooks.baseURL)/pager', quiet_hours: '\(quiet)', feed_health: immediate}
          - {name: chat, type: webhook, url: '\(scenario.hooks.baseURL)/chat', quiet_hours: '\(quiet)'}
          - {name: quiet, type: webhook, url: '\(scenario.hooks.baseURL)/quiet', feed_health: off}
        \(Self.watchlists)
        feeds:
          - {url: '\(scenario.feedURL)', alert_on_first_poll: true}
          - {url: 'http://127.0.0.1:9/refused.xml', name: Broken}
        """.write(toFile: scenario.configPath, atomically: true, encoding: .utf8)
        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        _ = try await daemon.pollOnce(deliveryTimeout: 4)
        let alerts = try daemon.store.alerts(since: .distantPast)
        let health = try #require(alerts.first { $0.watchlist == "feed-health" })
        let cyber = try #require(alerts.first { $0.watchlist == "russia-cyber" })
        func ids(_ path: String) -> [String] { scenario.hooks.requests.filter { $0.path == path }.compactMap { $0.header("webhook-id") } }
        #expect(ids("/pager") == [health.id], "the feed-health alert at once, the match held")
        #expect(ids("/chat").isEmpty, "both held by chat's quiet hours")
        #expect(ids("/quiet") == [cyber.id], "feed_health: off sends only the match")
        let pending = try daemon.store.pendingDeliveries().map { "\($0.sink) \($0.alertID)" }.sorted()
        #expect(pending == ["chat \(cyber.id)", "chat \(health.id)", "pager \(cyber.id)"].sorted())
    }

    @Test func aDigestSinkSendsNothingDuringQuietHoursAndTheWindowsAfterwardsAsOne() async throws {
        let scenario = try Scenario()
        scenario.setItems((1...2).map { .init(id: "story-\($0)", title: "Cyber operations against Russia, part \($0)", body: Scenario.matching) })
        let quietEnd = Date().addingTimeInterval(4)
        try """
        settings:
          metrics: off
        sinks:
          - {name: summary, type: webhook, url: '\(scenario.hooks.baseURL)/summary', digest: 1s, quiet_hours: '\(Scenario.utcClock(Date().addingTimeInterval(-60)))-\(Scenario.utcClock(quietEnd))'}
        watchlists:
          - {name: russia-cyber, rule: all, topics: [{name: cyber, terms: [cyber operations]}, {name: Russia, entity: Russia}]}
        feeds:
          - {url: '\(scenario.feedURL)', alert_on_first_poll: true}
        """.write(toFile: scenario.configPath, atomically: true, encoding: .utf8)
        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        _ = try await daemon.pollOnce(deliveryTimeout: 15)
        let requests = scenario.hooks.requests.filter { $0.path == "/summary" }
        #expect(requests.count == 1, "one digest for the quiet span's windows: \(requests.count)")
        let arrival = try #require(requests.first?.received)
        #expect(arrival >= quietEnd.addingTimeInterval(-1), "nothing before the quiet hours ended")
        let body = (try? JSONSerialization.jsonObject(with: Data(requests.first?.body ?? []))) as? [String: Any] ?? [:]
        #expect(body["count"] as? Int == 2)
    }

    @Test func anAppriseNtfyURLIsTheChannelAndItsTopic() async throws {
        let scenario = try Scenario()
        scenario.setItems([.init(id: "cyber", title: "Cyber operations against Russia", body: Scenario.matching, link: "https://news.example/1")])
        let hostAndPort = scenario.hooks.baseURL.replacingOccurrences(of: "http://", with: "")
        try """
        settings:
          metrics: off
        sinks:
          - {name: phone, url: 'ntfy://\(hostAndPort)/feedwatch-alerts'}
        watchlists:
          - {name: russia-cyber, rule: all, topics: [{name: cyber, terms: [cyber operations]}, {name: Russia, entity: Russia}]}
        feeds:
          - {url: '\(scenario.feedURL)', alert_on_first_poll: true}
        """.write(toFile: scenario.configPath, atomically: true, encoding: .utf8)
        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        _ = try await daemon.pollOnce(deliveryTimeout: 10)
        let request = try #require(scenario.hooks.requests.first { $0.method == "POST" })
        #expect(request.path == "/")
        let body = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
        #expect(body["topic"] as? String == "feedwatch-alerts" && body["click"] as? String == "https://news.example/1")
    }
}
