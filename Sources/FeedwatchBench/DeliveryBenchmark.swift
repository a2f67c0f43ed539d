import Daemon
import Foundation
import Logging

/// Alerts per second through the real daemon to each channel on 127.0.0.1: N matching items are
/// raised as alerts by one poll, then the time to drain the sink's queue is measured (one attempt at
/// a time, in order, each recorded in the SQLite store, as the daemon delivers). Webhooks go to
/// scripts/bench-server.py, email to scripts/smtp-receiver.py (aiosmtpd), the command sink runs /bin/true.
enum DeliveryBenchmark {
    static func run(arguments: [String]) async throws {
        let count = Measure.option("--alerts", in: arguments, default: 500)
        let port = Measure.option("--port", in: arguments, default: 18_591)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-bench-deliver-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try start(["scripts/bench-server.py", "\(port)"])
        defer { kill(server.processIdentifier, SIGKILL) }  // SIGKILL: it may have inherited a mask that blocks SIGTERM
        let certificate = folder.appendingPathComponent("cert.pem").path, key = folder.appendingPathComponent("key.pem").path
        let openssl = try start(["/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                                 "-addext", "subjectAltName=IP:127.0.0.1", "-days", "2", "-keyout", key, "-out", certificate], python: false)
        openssl.waitUntilExit()
        var mailPorts: [String: Int] = [:]
        var receivers: [Process] = []
        defer { for receiver in receivers { kill(receiver.processIdentifier, SIGKILL) } }
        for security in ["none", "starttls"] {
            let portFile = folder.appendingPathComponent("smtp-\(security)").path
            receivers.append(try start(["scripts/smtp-receiver.py", "--port-file", portFile, "--out", folder.appendingPathComponent("mail-\(security)").path,
                                        "--tls", security, "--cert", certificate, "--key", key]))
            for _ in 0..<100 where mailPorts[security] == nil {
                mailPorts[security] = (try? String(contentsOfFile: portFile, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let hook = "http://127.0.0.1:\(port)"
        let email = "type: email, from: bench@example.org, to: [ops@example.org]"
        let channels: [(String, String)] = [
            ("generic webhook", "{name: s, type: webhook, url: '\(hook)/hook'}"),
            ("slack", "{name: s, type: webhook, format: slack, url: '\(hook)/slack'}"),
            ("discord", "{name: s, type: webhook, format: discord, url: '\(hook)/discord'}"),
            ("teams", "{name: s, type: webhook, format: teams, url: '\(hook)/teams'}"),
            ("ntfy", "{name: s, type: webhook, format: ntfy, url: '\(hook)/alerts'}"),
            ("telegram", "{name: s, type: webhook, format: telegram, url: '\(hook)/bot1:x/sendMessage', chat_id: '-1'}"),
            ("matrix", "{name: s, url: 'matrix://token@127.0.0.1:\(port)/!room:example.org'}"),
            ("email, plain SMTP", "{name: s, \(email), url: 'smtp://127.0.0.1:\(mailPorts["none"] ?? 0)', tls: optional}"),
            ("email, STARTTLS", "{name: s, \(email), url: 'smtp://127.0.0.1:\(mailPorts["starttls"] ?? 0)', ca_file: '\(certificate)'}"),
            ("command (/bin/true)", "{name: s, type: command, command: [/bin/true]}"),
        ]
        print("delivery benchmark: \(count) alerts per channel, one sink at a time, receivers on 127.0.0.1")
        for (label, sink) in channels {
            let (seconds, cpu, queued, left) = try await drain(sink: sink, feed: "http://127.0.0.1:\(port)/many/\(count).xml", in: folder, label: label)
            print("  " + label.padding(toLength: 22, withPad: " ", startingAt: 0)
                + String(format: "%7.0f alerts/s  (%d queued, %d left; %.2f s wall, %.2f CPU-s in feedwatch)", Double(queued - left) / seconds,
                         queued, left, seconds, cpu))
        }
    }

    /// Raises the feed's alerts with delivery held back, then times the sink emptying its queue.
    static func drain(sink: String, feed: String, in folder: URL, label: String) async throws -> (Double, Double, Int, Int) {
        let run = folder.appendingPathComponent(UUID().uuidString.prefix(8).description)
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        let config = run.appendingPathComponent("feeds.yaml").path
        try """
        settings: {metrics: off, timeout: 20s}
        sinks:
          - \(sink)
        watchlists:
          - {name: russia-cyber, rule: all, topics: [{name: cyber operations, terms: [cyber operations]}, {name: Russia, entity: Russia}]}
        feeds:
          - {url: '\(feed)', alert_on_first_poll: true}
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let daemon = try Daemon(configPath: config, logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() })
        _ = try await daemon.pollOnce(deliveryTimeout: 0)
        let queued = try daemon.store.pendingDeliveries().count
        let started = Date(), cpu = Measure.cpuSeconds
        _ = try await daemon.pollOnce(deliveryTimeout: 120)  // the feed again (unchanged), then the queue
        let left = try daemon.store.pendingDeliveries().count
        return (Date().timeIntervalSince(started), Measure.cpuSeconds - cpu, queued, left)
    }

    static func start(_ arguments: [String], python: Bool = true) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python ? "/usr/bin/python3" : arguments[0])
        process.arguments = python ? arguments : Array(arguments.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
