@testable import Configuration
import Foundation
import Testing

/// Daily digest times, the queues policies imply, Apprise URLs and email sinks, as `feeds.yaml` gives them.
struct DeliveryRoutingTests {
    static func date(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text) ?? .distantPast
    }

    @Test func dailyDigestsEndAtTheirLocalTimesAcrossSummerTime() throws {
        guard case .success(let schedule) = DigestSchedule.parseDaily("daily 18:00,08:00 Europe/Berlin") else {
            Issue.record("not parsed")
            return
        }
        // Berlin is UTC+2 until 03:00 local on 25 October 2026, then UTC+1.
        #expect(schedule.lastEnd(atOrBefore: Self.date("2026-10-24T07:30:00Z")) == Self.date("2026-10-24T06:00:00Z"))
        #expect(schedule.nextEnd(after: Self.date("2026-10-24T07:30:00Z")) == Self.date("2026-10-24T16:00:00Z"))
        #expect(schedule.nextEnd(after: Self.date("2026-10-24T16:00:00Z")) == Self.date("2026-10-25T07:00:00Z"), "08:00 after the change")
        #expect(schedule.lastEnd(atOrBefore: Self.date("2026-10-25T06:59:59Z")) == Self.date("2026-10-24T16:00:00Z"), "yesterday's 18:00")
        #expect(schedule.lastEnd(atOrBefore: Self.date("2026-10-25T07:00:00Z")) == Self.date("2026-10-25T07:00:00Z"))
        guard case .success(let utc) = DigestSchedule.parseDaily("daily 00:00") else { Issue.record("not parsed"); return }
        #expect(utc.nextEnd(after: Self.date("2026-12-31T23:59:59Z")) == Self.date("2027-01-01T00:00:00Z"))
        for bad in ["daily", "daily 25:00", "daily 08:00 Mars/Olympus", "weekly 08:00", "daily 8h"] {
            guard case .failure = DigestSchedule.parseDaily(bad) else { Issue.record("'\(bad)' accepted"); continue }
        }
    }

    @Test func aWatchlistsPolicyAndImmediateFeedHealthGetQueuesOfTheirOwn() throws {
        let config = try ConfigLoader.load(yaml: """
        sinks:
          - {name: log, type: log, path: alerts.jsonl}
          - {name: phone, type: webhook, format: ntfy, url: 'https://ntfy.example/ops', quiet_hours: '22:00-07:00 Europe/Berlin', feed_health: immediate}
          - {name: chat, type: webhook, url: 'https://hooks.example/chat', max_per_hour: 10}
          - {name: muted, type: webhook, url: 'https://hooks.example/muted', feed_health: off}
        watchlists:
          - {name: urgent, topics: [outage], delivery: immediate}
          - {name: weekly, topics: [budget], sinks: [log, chat], delivery: {digest: daily 08:00 Europe/Berlin}}
          - {name: plain, topics: [weather]}
        """, file: "feeds.yaml")
        let routes = DeliveryRoutes(config)
        #expect(routes.sinks.map(\.name) == ["log", "phone", "chat", "muted", "phone/urgent", "chat/urgent", "chat/weekly", "phone/feed-health"])
        func sink(_ name: String) -> SinkConfig? { routes.sinks.first { $0.name == name } }
        #expect(sink("phone/urgent")?.policy == .immediate && sink("phone/urgent")?.deliversFor == "phone")
        let weekly = try #require(sink("chat/weekly")?.policy)
        #expect(weekly.maxPerHour == nil, "a digest takes the place of the sink's max_per_hour")
        guard case .daily(let times, let zone)? = weekly.digest else { Issue.record("not daily"); return }
        #expect(times == [8 * 3600] && zone.identifier == "Europe/Berlin")
        #expect(routes.sinks(forWatchlist: "urgent", listed: nil) == ["log", "phone/urgent", "chat/urgent", "muted"], "muted has no policy to bypass")
        #expect(routes.sinks(forWatchlist: "weekly", listed: ["log", "chat"]) == ["log", "chat/weekly"], "the log sink writes at once")
        #expect(routes.sinks(forWatchlist: "plain", listed: nil) == ["log", "phone", "chat", "muted"])
        #expect(routes.feedHealth == ["log", "phone/feed-health", "chat"], "muted: off; phone: past its quiet hours")
    }

    @Test func policyMistakesAreRefusedWithTheirLine() {
        let cases: [(String, String)] = [
            ("sinks: [{name: 'a/b', type: webhook, url: 'https://h.example/x'}]", "cannot hold '/'"),
            ("sinks: [{name: a, type: webhook, url: 'https://h.example/x', feed_health: loud}]", "feed_health must be policy, immediate, off"),
            ("sinks: [{name: a, type: log, path: a.jsonl, feed_health: off}]", "a log sink writes every alert"),
            ("watchlists: [{name: w, topics: [x], delivery: later}]", "delivery is 'immediate' or a mapping"),
            ("watchlists: [{name: w, topics: [x], delivery: {digest: 1h, quiet: '22:00-07:00'}}]", "unknown key 'quiet'"),
            ("watchlists: [{name: w, topics: [x], delivery: {digest: 'daily 31:00'}}]", "not a 24-hour time"),
            ("watchlists: [{name: feed-health, topics: [x]}]", "the name of feed-health alerts"),
        ]
        for (yaml, expected) in cases {
            do {
                _ = try ConfigLoader.load(yaml: yaml, file: "feeds.yaml")
                Issue.record("accepted: \(yaml)")
            } catch {
                #expect(error.description.contains(expected), "\(yaml): \(error.description)")
                #expect(error.description.contains("feeds.yaml"))
            }
        }
    }

    @Test func appriseURLsStandForTheirChannelAndAddress() throws {
        func webhook(_ url: String) -> AppriseURL.Webhook? { try? AppriseURL.webhook(url).get() }
        #expect(webhook("ntfy://alerts") == AppriseURL.Webhook(url: "https://ntfy.sh/alerts", format: .ntfy))
        #expect(webhook("ntfys://ntfy.example:8443/ops") == AppriseURL.Webhook(url: "https://ntfy.example:8443/ops", format: .ntfy))
        #expect(webhook("ntfy://127.0.0.1:8080/ops")?.url == "http://127.0.0.1:8080/ops")
        #expect(webhook("tgram://123456:ABC-def/-100200300")
            == AppriseURL.Webhook(url: "https://api.telegram.org/bot123456:ABC-def/sendMessage", format: .telegram, chatID: "-100200300"))
        #expect(webhook("matrixs://syt_token@matrix.example.org/!ops:example.org")
            == AppriseURL.Webhook(url: "https://matrix.example.org", format: .matrix, room: "!ops:example.org", token: "syt_token"))
        for bad in ["tgram://no-token", "matrixs://matrix.example.org/!room:x", "matrix://t@host/#alias:x", "ntfys://"] {
            #expect(webhook(bad) == nil, "\(bad)")
        }
        let mail = try AppriseURL.email("mailtos://feedwatch@smtp.example.org:465?from=feedwatch@example.org&to=a@example.org,b@example.org").get()
        #expect(mail == AppriseURL.Email(server: "smtps://smtp.example.org:465", username: "feedwatch", from: "feedwatch@example.org",
                                         to: ["a@example.org", "b@example.org"]))
        #expect(throws: AppriseError.self) { try AppriseURL.email("mailto://user:pass@smtp.example.org?to=a@example.org").get() }
        #expect(RedactedURL.display("tgram://123456:ABC-def/-100") == "tgram://…", "the bot token is never shown")
    }

    @Test func anAppriseURLSetsTheTypeAndFormatAndAnEmailSinkChecksItsAddresses() throws {
        let config = try ConfigLoader.load(yaml: """
        sinks:
          - {name: phone, url: 'ntfys://ntfy.example/ops'}
          - {name: mail, url: 'mailto://relay@127.0.0.1:2525?from=fw@example.org&to=ops@example.org', password_env: SMTP_PASSWORD}
        """, file: "feeds.yaml")
        guard case .webhook(let phone) = config.sinks.first?.kind, case .email(let mail) = config.sinks.last?.kind else {
            Issue.record("types not implied")
            return
        }
        #expect(phone.format == .ntfy)
        #expect(mail.server == "smtp://127.0.0.1:2525" && mail.requireTLS && mail.username == "relay" && mail.to == ["ops@example.org"])
        let bad: [(String, String)] = [
            ("{name: m, type: email, url: 'smtp://h.example', from: 'a@b.example', to: ['x@y.example\\r\\nBcc: z@z.example']}", "not an email address"),
            ("{name: m, type: email, url: 'https://h.example', from: 'a@b.example', to: [x@y.example]}", "smtps://HOST"),
            ("{name: m, type: email, url: 'smtp://h.example', to: [x@y.example]}", "needs from: and to:"),
            ("{name: m, type: email, url: 'smtps://h.example', from: a@b.example, to: x@y.example, tls: optional}", "TLS from the start"),
            ("{name: m, type: email, url: 'smtp://h.example', from: a@b.example, to: x@y.example, format: slack}", "format is for webhooks"),
            ("{name: w, type: webhook, url: 'https://h.example/x', from: a@b.example}", "from is for email sinks"),
            ("{name: w, url: 'tgram://123:abc/-1', chat_id: '5'}", "the Apprise URL gives the chat_id"),
        ]
        for (sink, expected) in bad {
            do {
                _ = try ConfigLoader.load(yaml: "sinks: [\(sink)]", file: "feeds.yaml")
                Issue.record("accepted: \(sink)")
            } catch {
                #expect(error.description.contains(expected), "\(sink): \(error.description)")
            }
        }
    }
}
