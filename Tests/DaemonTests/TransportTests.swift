@testable import Daemon
import Foundation
import Testing
import TestSupport

@Suite(.serialized) struct TransportTests {
    private func daemon(feedURL: String, timeout: String = "10s") throws -> Daemon {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-transport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("feeds.yaml").path
        try """
        settings:
          timeout: \(timeout)
          connect_timeout: 2s
        watchlists:
          - {name: w, topics: [Russia]}
        feeds:
          - \(feedURL)
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return try Daemon(configPath: path, logger: Scenario.logger)
    }

    @Test func gzipBodiesAreAskedForAndDecoded() async throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/compressed-feed.xml", withExtension: "gz"))
        let compressed = Array(try Data(contentsOf: url))
        let server = try LoopbackHTTPServer { _ in
            .init(headers: [("Content-Type", "application/rss+xml"), ("Content-Encoding", "gzip")], body: compressed)
        }
        defer { server.stop() }
        let outcome = try #require(try await daemon(feedURL: server.baseURL + "/feed.xml").pollOnce(deliveryTimeout: 1).first)
        #expect(outcome.error == nil)
        #expect(outcome.newEntries == 50)
        #expect(server.requests.first?.header("accept-encoding")?.contains("gzip") == true)
    }

    @Test func aServerThatNeverAnswersTimesOutWithoutHoldingOthers() async throws {
        let server = try LoopbackHTTPServer { request in
            if request.path == "/slow.xml" { Thread.sleep(forTimeInterval: 5) }
            return .init(headers: [("Content-Type", "application/rss+xml")], text: Scenario.rss([.init(id: "1", title: "t", body: "b")]))
        }
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-slow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("feeds.yaml").path
        try """
        settings: {timeout: 2s}
        feeds:
          - \(server.baseURL)/slow.xml
          - \(server.baseURL)/fast.xml
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let daemon = try Daemon(configPath: path, logger: Scenario.logger)
        let started = Date()
        let outcomes = try await daemon.pollOnce(deliveryTimeout: 1)
        let slow = try #require(outcomes.first { $0.url.hasSuffix("/slow.xml") })
        let fast = try #require(outcomes.first { $0.url.hasSuffix("/fast.xml") })
        // A typed error, and words a person understands rather than libcurl's "Timeout was reached".
        guard case .fetch(.timedOut(after: 2, bytesReceived: 0)) = slow.error else {
            Issue.record("expected a 2 s timeout with nothing received, got \(slow.error?.description ?? "no error")")
            return
        }
        #expect(slow.error?.description == "timed out after 2 s with 0 bytes received")
        #expect(fast.error == nil && fast.newEntries == 1)
        #expect(outcomes.firstIndex { $0.url.hasSuffix("/fast.xml") } ?? 1 < outcomes.firstIndex { $0.url.hasSuffix("/slow.xml") } ?? 0,
                "the fast feed finished first")
        #expect(Date().timeIntervalSince(started) < 5, "the cycle did not wait for the slow server's answer")
    }

    /// Parsing and matching run off libcurl's thread: a document that takes long to process does not
    /// hold up a feed whose answer arrives meanwhile (before, it waited for the whole parse).
    @Test func aSlowDocumentDoesNotHoldUpAnotherFeed() async throws {
        let items = (1...4000).map { Scenario.Item(id: "s\($0)", title: "Report \($0)", body: String(repeating: Scenario.matching + " ", count: 6)) }
        let large = Array(Scenario.rss(items).utf8)
        let small = Array(Scenario.rss([.init(id: "1", title: "t", body: "b")]).utf8)
        let server = try LoopbackHTTPServer { request in
            if request.path == "/small.xml" { Thread.sleep(forTimeInterval: 0.3) }  // arrives while the large one is processed
            return .init(headers: [("Content-Type", "application/rss+xml")], body: request.path == "/large.xml" ? large : small)
        }
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-parallel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("feeds.yaml").path
        try """
        settings: {max_body: 50MB}
        sinks: [{name: log, type: log, path: alerts.jsonl}]
        watchlists:
          - {name: w, rule: all, topics: [{name: cyber, terms: [cyber operations]}, {name: Russia, entity: Russia}]}
        feeds:
          - {url: '\(server.baseURL)/large.xml', alert_on_first_poll: true}
          - \(server.baseURL)/small.xml
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let daemon = try Daemon(configPath: path, logger: Scenario.logger)
        let outcomes = try await daemon.pollOnce(deliveryTimeout: 0)
        let largeOutcome = try #require(outcomes.first { $0.url.hasSuffix("/large.xml") })
        #expect(largeOutcome.newEntries == 4000 && largeOutcome.alerts == 4000)
        // Only meaningful when the large document took longer than the small one's delay.
        #expect(largeOutcome.parseSeconds + largeOutcome.matchSeconds > 0.5, "the large document was quick to process")
        #expect(outcomes.map(\.url).last?.hasSuffix("/large.xml") == true, "the small feed was done first: \(outcomes.map(\.url))")
    }
}
