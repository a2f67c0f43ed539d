@testable import Daemon
import Foundation
import Storage
import Testing
import TestSupport

/// Email sinks through the real daemon and libcurl to a real SMTP server on loopback (aiosmtpd),
/// over STARTTLS and smtps, with a login whose password is a secret file.
@Suite(.serialized) struct EmailDeliveryTests {
    static let hostileTitle = "Russia &amp; cyber operations\r\nBcc: victim@example.org &lt;script&gt;alert(1)&lt;/script&gt; — Кремль"

    func config(_ scenario: Scenario, server: String, extra: String = "", digest: String? = nil) throws -> String {
        let password = scenario.folder.appendingPathComponent("smtp-password")
        try "s3cret-pass\n".write(to: password, atomically: true, encoding: .utf8)
        return """
        settings:
          metrics: off
          delivery_retry_delays: [1s]
        sinks:
          - name: mail
            type: email
            url: '\(server)'
            from: feedwatch@alerts.example.org
            to: [ops@example.org, oncall@example.org]
            username: feedwatch
            password_file: '\(password.path)'
        \(extra)\(digest.map { "    digest: \($0)\n" } ?? "")watchlists:
          - {name: russia-cyber, rule: all, topics: [{name: cyber, terms: [cyber operations]}, {name: Russia, entity: Russia}]}
        feeds:
          - {url: '\(scenario.feedURL)', name: Wire, alert_on_first_poll: true}
        """
    }

    @Test func anAlertArrivesOverStartTLSAsTextAndHTMLWithHeadersFromItsId() async throws {
        let smtp = try await offPool { try SMTPReceiver(security: .starttls, user: "feedwatch", password: "s3cret-pass", failFirst: 1) }
        let scenario = try Scenario()
        scenario.setItems([.init(id: "story-1", title: Self.hostileTitle, body: Scenario.matching, link: "http://news.example/story-1")])
        try config(scenario, server: "smtp://127.0.0.1:\(smtp.port)", extra: "    ca_file: '\(smtp.certificate)'\n")
            .write(toFile: scenario.configPath, atomically: true, encoding: .utf8)

        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        _ = try await daemon.pollOnce(deliveryTimeout: 20)
        let alert = try #require(try daemon.store.alerts(since: .distantPast).first)
        #expect(try daemon.store.pendingDeliveries().isEmpty && daemon.store.failedDeliveries().isEmpty)
        let messages = smtp.messages
        #expect(messages.count == 1, "the 451 was retried and the message accepted once: \(messages.count)")
        let mail = try #require(messages.first)
        #expect(mail.tls && mail.authUser == "feedwatch")
        #expect(mail.mailFrom == "feedwatch@alerts.example.org" && mail.recipients == ["ops@example.org", "oncall@example.org"])
        #expect(mail.header("Message-ID") == "<\(alert.id)@alerts.example.org>")
        #expect(mail.header("List-Id") == "feedwatch alerts <feedwatch-mail.alerts.example.org>")
        #expect(mail.header("Auto-Submitted") == "auto-generated")
        #expect(mail.header("Bcc") == nil, "a line break in a title cannot add a header")
        let date = try #require(mail.header("Date"))
        #expect(date.range(of: #"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$"#, options: .regularExpression) != nil, "\(date)")
        let subject = try #require(mail.header("Subject"))
        #expect(subject.hasPrefix("=?UTF-8?B?"), "non-ASCII, so encoded words: \(subject)")
        let decodedSubject = subject.split(separator: " ").compactMap { word -> String? in
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?=") else { return nil }
            return Data(base64Encoded: String(word.dropFirst(10).dropLast(2))).map { String(decoding: $0, as: UTF8.self) }
        }.joined()
        #expect(decodedSubject.contains("Кремль") && decodedSubject.hasPrefix("feedwatch: [russia-cyber]"), "\(decodedSubject)")
        let text = try #require(mail.part("text/plain"))
        #expect(text.contains("http://news.example/story-1") && text.contains("cyber: “cyber operations”"), "\(text)")
        let html = try #require(mail.part("text/html"))
        #expect(html.contains("<a href=\"http://news.example/story-1\">"))
        #expect(!html.contains("<script>") && html.contains("Кремль"), "feed text is text in the HTML part: \(html)")
    }

    @Test func aDigestOverSmtpsIsOneMessageAndAWrongPasswordIsRetriedNotLost() async throws {
        let smtp = try await offPool { try SMTPReceiver(security: .implicit, user: "feedwatch", password: "s3cret-pass") }
        let scenario = try Scenario()
        scenario.setItems((1...3).map { .init(id: "story-\($0)", title: "Cyber operations against Russia, part \($0)", body: Scenario.matching) })
        try config(scenario, server: "smtps://127.0.0.1:\(smtp.port)", extra: "    ca_file: '\(smtp.certificate)'\n", digest: "1s")
            .write(toFile: scenario.configPath, atomically: true, encoding: .utf8)
        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        _ = try await daemon.pollOnce(deliveryTimeout: 15)
        let raised = try daemon.store.alerts(since: .distantPast).map(\.id)
        #expect(raised.count == 3)
        let messages = smtp.messages
        #expect(messages.count == 1, "one digest: \(messages.count)")
        let digest = try #require(messages.first)
        #expect(digest.header("Subject") == "feedwatch: 3 alerts")
        #expect(digest.header("Message-ID") == "<\(DeliveryDigest.id(firstAlert: try #require(raised.first)))@alerts.example.org>")
        let text = try #require(digest.part("text/plain"))
        #expect((1...3).allSatisfy { text.contains("part \($0)") })

        // The same server, a wrong password: nothing is accepted and the alert waits to be tried again.
        let other = try Scenario()
        other.setItems([.init(id: "story-9", title: "Cyber operations against Russia", body: Scenario.matching)])
        try config(other, server: "smtps://127.0.0.1:\(smtp.port)", extra: "    ca_file: '\(smtp.certificate)'\n")
            .write(toFile: other.configPath, atomically: true, encoding: .utf8)
        try "wrong\n".write(to: other.folder.appendingPathComponent("smtp-password"), atomically: true, encoding: .utf8)
        let refused = try Daemon(configPath: other.configPath, logger: Scenario.logger)
        _ = try await refused.pollOnce(deliveryTimeout: 3)
        #expect(smtp.messages.count == 1)
        let pending = try refused.store.pendingDeliveries()
        #expect(pending.count == 1 && pending.first?.lastError?.contains("535") == true, "\(pending.map(\.lastError))")
        #expect(try refused.store.failedDeliveries().isEmpty)
    }

    @Test func aCertificateTheSinkDoesNotTrustIsNotSentTo() async throws {
        let smtp = try await offPool { try SMTPReceiver(security: .starttls) }
        let scenario = try Scenario()
        scenario.setItems([.init(id: "story-1", title: "Cyber operations against Russia", body: Scenario.matching)])
        // No ca_file: the receiver's self-signed certificate is not in the system's store.
        try config(scenario, server: "smtp://127.0.0.1:\(smtp.port)").replacingOccurrences(of: "    username: feedwatch\n", with: "")
            .replacingOccurrences(of: "    password_file:", with: "    # password_file:")
            .write(toFile: scenario.configPath, atomically: true, encoding: .utf8)
        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger)
        _ = try await daemon.pollOnce(deliveryTimeout: 3)
        #expect(smtp.messages.isEmpty)
        #expect(try daemon.store.pendingDeliveries().count == 1, "kept, to be tried again")
    }
}
