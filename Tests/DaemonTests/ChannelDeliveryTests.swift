@testable import Daemon
import Foundation
import Storage
import Testing
import TestSupport

/// ntfy, Telegram and Matrix sinks through the real daemon, to a receiver on loopback that answers
/// as those servers do (the first attempts with 503 and Retry-After, as a busy one would).
@Suite(.serialized) struct ChannelDeliveryTests {
    @Test func ntfyTelegramAndMatrixEachGetTheAlertInTheirOwnRequest() async throws {
        let scenario = try Scenario()
        // In the XML, escaped: the title itself holds `<b>`, `&` and `@room`.
        scenario.setItems([.init(id: "story-1", title: "US ends &lt;b&gt;offensive&lt;/b&gt; cyber operations against Russia &amp; @room",
                                 body: Scenario.matching, link: "http://news.example/story-1")])
        scenario.hookFailures.withLock { $0 = 3 }
        let token = scenario.folder.appendingPathComponent("matrix-token")
        try "syt_matrix_secret\n".write(to: token, atomically: true, encoding: .utf8)
        let hooks = scenario.hooks.baseURL
        try """
        settings:
          interval: 1m
          metrics: off
          delivery_retry_delays: [1s]
        sinks:
          - {name: phone, type: webhook, format: ntfy, url: '\(hooks)/ntfy/feedwatch-alerts'}
          - {name: bot, type: webhook, format: telegram, url: '\(hooks)/bot123:abc/sendMessage', chat_id: '-100200300'}
          - {name: room, type: webhook, format: matrix, url: '\(hooks)', room: '!ops:example.org', token_file: '\(token.path)'}
        watchlists:
          - {name: russia-cyber, rule: all, topics: [{name: cyber, terms: [cyber operations]}, {name: Russia, entity: Russia}]}
        feeds:
          - {url: '\(scenario.feedURL)', name: Wire, alert_on_first_poll: true}
        """.write(toFile: scenario.configPath, atomically: true, encoding: .utf8)

        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        let outcomes = try await daemon.pollOnce(deliveryTimeout: 20)
        #expect(outcomes.map(\.alerts) == [1])
        let alertID = try #require(try daemon.store.alerts(since: .distantPast).first?.id)
        #expect(try daemon.store.pendingDeliveries().isEmpty, "all three delivered, after the receiver's 503s")
        let requests = scenario.hooks.requests
        func object(_ request: LoopbackHTTPServer.Request) -> [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
        }

        let ntfy = requests.filter { $0.path == "/ntfy/" }
        #expect(!ntfy.isEmpty && ntfy.allSatisfy { $0.method == "POST" }, "published as JSON to the server's root")
        let published = try #require(ntfy.last.map(object))
        #expect(published["topic"] as? String == "feedwatch-alerts" && published["priority"] as? Int == 4)
        #expect(published["click"] as? String == "http://news.example/story-1")

        let telegram = requests.filter { $0.path == "/bot123:abc/sendMessage" }
        let sent = try #require(telegram.last.map(object))
        #expect(sent["chat_id"] as? String == "-100200300" && sent["parse_mode"] as? String == "HTML")
        let text = sent["text"] as? String ?? ""
        // The parser keeps titles as plain text (the tags go); the `&` left is escaped for Telegram's HTML.
        #expect(text.hasPrefix("<a href=\"http://news.example/story-1\"><b>US ends offensive cyber operations against Russia &amp; @room</b></a>\n"),
                "\(text)")

        let matrix = requests.filter { $0.path.hasPrefix("/_matrix/") }
        #expect(!matrix.isEmpty && matrix.allSatisfy { $0.method == "PUT" })
        #expect(Set(matrix.map(\.path)) == ["/_matrix/client/v3/rooms/%21ops%3Aexample.org/send/m.room.message/\(alertID)"],
                "every attempt, retries included, under the alert's id as the transaction id")
        #expect(matrix.allSatisfy { $0.header("authorization") == "Bearer syt_matrix_secret" })
        let notice = try #require(matrix.last.map(object))
        #expect(notice["msgtype"] as? String == "m.notice" && (notice["m.mentions"] as? [String: Any])?.isEmpty == true)
        #expect(requests.count == ntfy.count + telegram.count + matrix.count)
        #expect(requests.count == 3 + 3, "three refused attempts, then one delivery per sink")
    }

    @Test func aChannelMissingWhatItNeedsIsRefusedWithItsLine() throws {
        let scenario = try Scenario()
        for (sink, message) in [
            ("{name: bot, type: webhook, format: telegram, url: 'https://api.telegram.org/bot1/sendMessage'}", "a telegram sink needs a chat_id"),
            ("{name: room, type: webhook, format: matrix, url: 'https://matrix.example.org', room: 'ops'}", "a matrix sink needs a room"),
            ("{name: phone, type: webhook, format: ntfy, url: 'https://ntfy.sh/'}", "an ntfy URL names its topic"),
            ("{name: hook, type: webhook, url: 'https://hooks.example/x', chat_id: '1'}", "chat_id is for format: telegram"),
            ("{name: log, type: log, path: a.jsonl, digest: 1h}", "a log sink writes every alert as it is raised"),
            ("{name: log, type: log, path: a.jsonl, max_per_hour: 5}", "max_per_hour is for the other sinks"),
            ("{name: hook, type: webhook, url: 'https://hooks.example/x', digest: 1h, max_per_hour: 5}", "not with a digest"),
            ("{name: hook, type: webhook, url: 'https://hooks.example/x', quiet_hours: '22:00-07:00 Mars/Olympus'}", "unknown time zone"),
            ("{name: hook, type: webhook, url: 'https://hooks.example/x', digest: soon}", "digest"),
            ("{name: script, type: command, command: [notify]}", "a command sink needs command: [/absolute/path"),
        ] {
            try """
            sinks:
              - \(sink)
            feeds:
              - https://feeds.example/a.xml
            """.write(toFile: scenario.configPath, atomically: true, encoding: .utf8)
            #expect {
                _ = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
            } throws: { error in
                "\(error)".contains(message) && "\(error)".contains("feeds.yaml:2")
            }
        }
    }

    /// A command sink runs its program with the alert on standard input: a failing run is tried
    /// again, and a program that hangs is stopped at its timeout and counted as a failed attempt.
    @Test func aCommandSinkGetsTheAlertOnStandardInputAndIsRetriedOnFailure() async throws {
        let scenario = try Scenario()
        scenario.setItems([.init(id: "story-1", title: "Cyber operations against Russia", body: Scenario.matching)])
        let folder = scenario.folder.path
        let script = scenario.folder.appendingPathComponent("notify.sh")
        // Fails on its first run, as a program whose backend is down would; the runs are counted.
        try """
        #!/bin/sh
        echo run >> '\(folder)/runs'
        cat > '\(folder)/received.json'
        [ "$(wc -l < '\(folder)/runs')" -ge 2 ] || { echo "backend unreachable" >&2; exit 3; }
        echo "$FEEDWATCH_ALERT_ID" > '\(folder)/alert-id'
        """.write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)
        try """
        settings:
          metrics: off
          delivery_retry_delays: [1s]
        sinks:
          - {name: script, type: command, command: ['\(script.path)', --quiet], timeout: 5s}
          - {name: stuck, type: command, command: [/bin/sleep, '30'], timeout: 1s}
        watchlists:
          - {name: russia-cyber, rule: all, topics: [{name: cyber, terms: [cyber operations]}, {name: Russia, entity: Russia}]}
        feeds:
          - {url: '\(scenario.feedURL)', alert_on_first_poll: true}
        """.write(toFile: scenario.configPath, atomically: true, encoding: .utf8)

        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        _ = try await daemon.pollOnce(deliveryTimeout: 6)
        let alert = try #require(try daemon.store.alerts(since: .distantPast).first)
        let runs = try String(contentsOfFile: "\(folder)/runs", encoding: .utf8).split(separator: "\n").count
        #expect(runs == 2, "failed once, then delivered: \(runs) runs")
        #expect(try String(contentsOfFile: "\(folder)/alert-id", encoding: .utf8) == alert.id + "\n")
        let received = try String(contentsOfFile: "\(folder)/received.json", encoding: .utf8)
        #expect(received == alert.payload + "\n", "the alert's JSON, as the log sink writes it")
        let pending = try daemon.store.pendingDeliveries()
        #expect(pending.map(\.sink) == ["stuck"], "the hung program's alert waits for its next attempt")
        #expect(pending.first?.lastError?.contains("did not finish within 1 s") == true, "\(pending.first?.lastError ?? "")")
        #expect(try daemon.store.failedDeliveries().isEmpty)
    }

    /// `digest:` sends one message per window listing the window's alerts, in each sink's format and
    /// under one id (a retry after the receiver's 503 is the same digest); the log sink still writes
    /// every alert as it is raised.
    @Test func aDigestSinkSendsOneMessageForTheWindowsAlerts() async throws {
        let scenario = try Scenario()
        scenario.setItems((1...3).map {
            .init(id: "story-\($0)", title: "Cyber operations against Russia, part \($0)", body: Scenario.matching, link: "http://news.example/\($0)")
        })
        scenario.hookFailures.withLock { $0 = 1 }
        let hooks = scenario.hooks.baseURL
        let token = scenario.folder.appendingPathComponent("matrix-token")
        try "syt_digest\n".write(to: token, atomically: true, encoding: .utf8)
        try """
        settings:
          metrics: off
          delivery_retry_delays: [1s]
        sinks:
          - {name: log, type: log, path: alerts.jsonl}
          - {name: summary, type: webhook, url: '\(hooks)/generic', digest: 2s}
          - {name: chat, type: webhook, format: slack, url: '\(hooks)/slack', digest: 2s}
          - {name: room, type: webhook, format: matrix, url: '\(hooks)', room: '!ops:example.org', token_file: '\(token.path)', digest: 2s}
        watchlists:
          - {name: russia-cyber, rule: all, topics: [{name: cyber, terms: [cyber operations]}, {name: Russia, entity: Russia}]}
        feeds:
          - {url: '\(scenario.feedURL)', name: Wire, alert_on_first_poll: true}
        """.write(toFile: scenario.configPath, atomically: true, encoding: .utf8)

        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        _ = try await daemon.pollOnce(deliveryTimeout: 15)
        let raised = try daemon.store.alerts(since: .distantPast).map(\.id)
        #expect(raised.count == 3)
        #expect(scenario.loggedLines().count == 3, "the log sink writes each alert as it is raised")
        #expect(try daemon.store.pendingDeliveries().isEmpty)
        let digestID = DeliveryDigest.id(firstAlert: try #require(raised.first))
        func object(_ request: LoopbackHTTPServer.Request) -> [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
        }

        let generic = scenario.hooks.requests.filter { $0.path == "/generic" }
        #expect(!generic.isEmpty && Set(generic.compactMap { $0.header("webhook-id") }) == [digestID], "one digest, retried under its id")
        let summary = try #require(generic.last.map(object))
        #expect(summary["type"] as? String == "digest" && summary["count"] as? Int == 3)
        #expect((summary["alerts"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == raised, "the alerts, in the order raised")

        let slack = scenario.hooks.requests.filter { $0.path == "/slack" }
        #expect(Set(slack.compactMap { $0.header("webhook-id") }) == [digestID])
        let message = try #require(slack.last.map(object))
        #expect(message["text"] as? String == "feedwatch: 3 alerts")
        let list = ((message["blocks"] as? [[String: Any]])?.last?["text"] as? [String: Any])?["text"] as? String ?? ""
        #expect(list.split(separator: "\n").count == 3 && list.contains("<http://news.example/2|Cyber operations against Russia, part 2>"), "\(list)")

        let matrix = scenario.hooks.requests.filter { $0.path.hasPrefix("/_matrix/") }
        #expect(Set(matrix.map(\.path)) == ["/_matrix/client/v3/rooms/%21ops%3Aexample.org/send/m.room.message/\(digestID)"])
        #expect((matrix.last.map(object)?["body"] as? String)?.hasPrefix("feedwatch: 3 alerts\n") == true)
    }

    /// A crash while a digest is out: killed with SIGKILL while the receiver holds the request, the
    /// next run sends the same digest again, whole, under the same id, and nothing else.
    @Test func aDigestCutOffByACrashIsSentAgainWholeUnderItsId() async throws {
        guard CrashTests.executableIsBuilt() else { return }
        let scenario = try Scenario()
        scenario.setItems((1...3).map { .init(id: "story-\($0)", title: "Cyber operations against Russia, part \($0)", body: Scenario.matching) })
        let held = Shared(true)
        let receiver = try LoopbackHTTPServer { _ in
            // The first request is held long enough for the sender to be killed while it waits.
            if held.withLock({ first in defer { first = false }; return first }) { Thread.sleep(forTimeInterval: 4) }
            return .init(status: 204)
        }
        defer { receiver.stop() }
        try """
        settings:
          metrics: off
        sinks:
          - {name: summary, type: webhook, url: '\(receiver.baseURL)/digest', digest: 1s, timeout: 10s}
        watchlists:
          - {name: russia-cyber, rule: all, topics: [{name: cyber, terms: [cyber operations]}, {name: Russia, entity: Russia}]}
        feeds:
          - {url: '\(scenario.feedURL)', alert_on_first_poll: true}
        """.write(toFile: scenario.configPath, atomically: true, encoding: .utf8)

        let first = try PostgresDaemonTests.pollOnce(config: scenario.configPath, deliveryTimeout: 30)
        #expect(await eventually(seconds: 30) { !receiver.requests.isEmpty }, "the digest went out")
        kill(first.processIdentifier, SIGKILL)
        await exited(first)
        let second = try PostgresDaemonTests.pollOnce(config: scenario.configPath, deliveryTimeout: 30)
        await exited(second)
        #expect(second.terminationStatus == 0)

        let store = try SQLiteStore(path: scenario.folder.appendingPathComponent(".feedwatch/feedwatch.sqlite").path)
        let raised = try store.alerts(since: .distantPast).map(\.id)
        #expect(raised.count == 3)
        #expect(try store.pendingDeliveries().isEmpty)
        let ids = receiver.requests.compactMap { $0.header("webhook-id") }
        #expect(ids.count == 2 && Set(ids) == [DeliveryDigest.id(firstAlert: raised[0])], "the same digest, twice: \(ids)")
        let members = receiver.requests.map { request in
            ((try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any])?["alerts"] as? [[String: Any]] ?? []
        }.map { $0.compactMap { $0["id"] as? String } }
        #expect(members == [raised, raised], "whole, both times")
    }

    /// Quiet hours hold a sink's alerts and send what was held as one digest when they end; the log
    /// sink writes each alert at once all the same.
    @Test func quietHoursHoldAlertsAndSendThemAsOneDigestAtTheirEnd() async throws {
        let scenario = try Scenario()
        scenario.setItems((1...2).map { .init(id: "story-\($0)", title: "Cyber operations against Russia, part \($0)", body: Scenario.matching) })
        // Quiet from a minute ago until four seconds from now, in UTC, to the second.
        let clock = Scenario.utcClock
        let quietEnd = Date().addingTimeInterval(4)
        try """
        settings:
          metrics: off
        sinks:
          - {name: log, type: log, path: alerts.jsonl}
          - {name: pager, type: webhook, url: '\(scenario.hooks.baseURL)/pager', quiet_hours: '\(clock(Date().addingTimeInterval(-60)))-\(clock(quietEnd))'}
        watchlists:
          - {name: russia-cyber, rule: all, topics: [{name: cyber, terms: [cyber operations]}, {name: Russia, entity: Russia}]}
        feeds:
          - {url: '\(scenario.feedURL)', alert_on_first_poll: true}
        """.write(toFile: scenario.configPath, atomically: true, encoding: .utf8)

        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        _ = try await daemon.pollOnce(deliveryTimeout: 15)
        #expect(scenario.loggedLines().count == 2, "the log sink is not held")
        let raised = try daemon.store.alerts(since: .distantPast).map(\.id)
        let requests = scenario.hooks.requests.filter { $0.path == "/pager" }
        #expect(requests.count == 1, "one message for what was held: \(requests.count)")
        let arrived = try #require(requests.first)
        #expect(arrived.header("webhook-id") == DeliveryDigest.id(firstAlert: try #require(raised.first)))
        let body = (try? JSONSerialization.jsonObject(with: Data(arrived.body))) as? [String: Any] ?? [:]
        #expect(body["type"] as? String == "digest" && body["count"] as? Int == 2)
        #expect(try daemon.store.pendingDeliveries().isEmpty)
        #expect(Date() >= quietEnd.addingTimeInterval(-1), "nothing went out before the quiet hours ended")
    }

    /// `max_per_hour`: the first N of a clock hour go one by one, the rest are held for that hour's
    /// digest (gathering and sending it is the digests' own, tested above), and none is dropped.
    @Test func pastMaxPerHourTheRestOfTheHourIsHeldNotDropped() async throws {
        let toTheHour = 3600 - Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 3600)
        if toTheHour < 15 { try await Task.sleep(for: .seconds(toTheHour + 1)) }  // the whole test within one clock hour
        let scenario = try Scenario()
        scenario.setItems((1...4).map { .init(id: "story-\($0)", title: "Cyber operations against Russia, part \($0)", body: Scenario.matching) })
        try """
        settings:
          metrics: off
        sinks:
          - {name: pager, type: webhook, url: '\(scenario.hooks.baseURL)/pager', max_per_hour: 2}
        watchlists:
          - {name: russia-cyber, rule: all, topics: [{name: cyber, terms: [cyber operations]}, {name: Russia, entity: Russia}]}
        feeds:
          - {url: '\(scenario.feedURL)', alert_on_first_poll: true}
        """.write(toFile: scenario.configPath, atomically: true, encoding: .utf8)

        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        _ = try await daemon.pollOnce(deliveryTimeout: 4)
        let raised = try daemon.store.alerts(since: .distantPast).map(\.id)
        let sent = scenario.hooks.requests.filter { $0.path == "/pager" }.compactMap { $0.header("webhook-id") }
        #expect(sent == Array(raised.prefix(2)), "the first two, one by one, in order")
        #expect(try daemon.store.pendingDeliveries().map(\.alertID) == Array(raised.suffix(2)), "the other two held for the hour's digest")
        #expect(try daemon.store.failedDeliveries().isEmpty)
        let hourEnd = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 3600).rounded(.down) * 3600 + 3600)
        let digest = try #require(try daemon.store.gatherDigest(sink: "pager", raisedBefore: hourEnd))
        #expect(digest.members.map(\.alertID) == Array(raised.suffix(2)), "what the hour's end gathers")
    }
}
