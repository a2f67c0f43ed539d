@testable import Daemon
import Configuration
import Foundation
import Logging
import Testing
import TestSupport

/// A webhook URL is a credential: it may be kept out of feeds.yaml, and neither the logs nor the
/// stored delivery errors ever show more of it than scheme://host/….
@Suite(.serialized) struct WebhookSecretTests {
    /// Every log message with its metadata, as one line each.
    final class CapturedLog: Sendable {
        let lines = Shared<[String]>([])
        var logger: Logger {
            let lines = self.lines
            return Logger(label: "feedwatch-test") { _ in CapturingHandler(lines: lines) }
        }
        var text: String { lines.withLock { $0.joined(separator: "\n") } }
    }

    struct CapturingHandler: LogHandler {
        let lines: Shared<[String]>
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String, file: String,
                 function: String, line: UInt) {
            let all = metadata.merging(extra ?? [:]) { $1 }
            lines.withLock { $0.append("\(level) \(message) \(all.map { "\($0)=\($1)" }.sorted().joined(separator: " "))") }
        }
    }

    @Test func aWebhookThatIsDownNeverHasItsPathOrQueryLogged() async throws {
        let scenario = try Scenario()
        scenario.setItems([.init(id: "1", title: "Cyber operations against Russia", body: Scenario.matching)])
        try scenario.writeConfig(alertOnFirstPoll: true)
        let closed = try LoopbackHTTPServer { _ in .init(status: 204) }
        let secretURL = "http://127.0.0.1:\(closed.port)/services/T0/B0/tok3n-s3cret?sig=q7ery-s3cret"
        closed.stop()
        var yaml = try String(contentsOfFile: scenario.configPath, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "url: \(scenario.hooks.baseURL)/hook", with: "url: \"\(secretURL)\"")
        try yaml.write(toFile: scenario.configPath, atomically: true, encoding: .utf8)

        let log = CapturedLog()
        let daemon = try Daemon(configPath: scenario.configPath, logger: log.logger)
        _ = try await daemon.pollOnce(deliveryTimeout: 1.5)
        let pending = try daemon.store.pendingDeliveries()
        #expect(pending.count == 1, "the delivery waits for a retry")
        #expect(log.text.contains("alert delivery failed; will retry"), "\(log.text)")
        #expect(log.text.contains("target=http://127.0.0.1:\(closed.port)/…"))
        let storedError = pending.first?.lastError ?? ""
        #expect(storedError == "Couldn't connect to server")
        for secret in ["tok3n-s3cret", "q7ery-s3cret", "/services/"] {
            #expect(!log.text.contains(secret), "logged: \(log.text)")
        }
    }

    /// `url_file: secrets/hook-url` beside the configuration, or `$CREDENTIALS_DIRECTORY/secrets_hook-url`
    /// as systemd names a credential loaded from that folder: both reach the same receiver.
    @Test(arguments: [false, true])
    func aWebhookURLKeptInAFileOrACredentialIsUsed(asCredential: Bool) async throws {
        let scenario = try Scenario()
        scenario.setItems([.init(id: "1", title: "Cyber operations against Russia", body: Scenario.matching)])
        try scenario.writeConfig(alertOnFirstPoll: true)
        let secrets = scenario.folder.appendingPathComponent(asCredential ? "credentials" : "secrets")
        try FileManager.default.createDirectory(at: secrets, withIntermediateDirectories: true)
        let file = secrets.appendingPathComponent(asCredential ? "secrets_hook-url" : "hook-url")
        try "\(scenario.hooks.baseURL)/services/T0/B0/token\n".write(to: file, atomically: true, encoding: .utf8)
        var yaml = try String(contentsOfFile: scenario.configPath, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "url: \(scenario.hooks.baseURL)/hook", with: "url_file: secrets/hook-url")
        try yaml.write(toFile: scenario.configPath, atomically: true, encoding: .utf8)

        let environment = asCredential ? ["CREDENTIALS_DIRECTORY": secrets.path] : [:]
        let daemon = try Daemon(configPath: scenario.configPath, logger: Scenario.logger, environment: environment)
        _ = try await daemon.pollOnce(deliveryTimeout: 10)
        #expect(scenario.hookRequests.map(\.path) == ["/services/T0/B0/token"])
        #expect(try daemon.store.pendingDeliveries().isEmpty)
    }

    @Test func checkReportsAnUnreadableSecretAndAWorldReadableURL() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("feeds.yaml").path
        try """
        sinks:
          - {name: chat, type: webhook, url: "https://hooks.slack.com/services/T0/B0/abc", format: slack}
          - {name: ops, type: webhook, url_file: secrets/ops-url, secret_env: FEEDWATCH_TEST_UNSET_SECRET}
          - {name: signed, type: webhook, url: "http://127.0.0.1:1", secret_file: secrets/signing}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("secrets"), withIntermediateDirectories: true)
        let signing = folder.appendingPathComponent("secrets/signing").path
        try "whsec_AAAA".write(toFile: signing, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: signing)

        let findings = SecretAudit.audit(try ConfigLoader.load(path: path), environment: [:]).map(\.description)
        #expect(findings.count == 4, "\(findings)")
        #expect(findings.contains { $0.hasPrefix("warning: \(path):2: sink 'chat': the webhook URL is written in a file every user can read (mode 0644)") })
        #expect(findings.contains { $0.hasPrefix("error: \(path):3: sink 'ops': cannot read the webhook URL file 'secrets/ops-url'") }, "\(findings)")
        #expect(findings.contains { $0.hasPrefix("warning: \(path):3: sink 'ops': the environment variable FEEDWATCH_TEST_UNSET_SECRET holding the webhook secret is not set here") })
        #expect(findings.contains { $0.hasPrefix("warning: \(path):4: sink 'signed': the webhook secret file \(signing) can be read by every user") })
        #expect(!findings.joined().contains("/services/T0/B0/abc"))
    }
}
