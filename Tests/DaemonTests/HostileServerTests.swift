@testable import Daemon
import Foundation
import Testing
import TestSupport

/// Servers that misbehave: each case ends with a clear error on that feed, in bounded time and
/// memory, while a well-behaved feed polled in the same cycle is unaffected.
@Suite(.serialized) struct HostileServerTests {
    static let goodFeed = Scenario.rss([.init(id: "1", title: "Fine", body: "all good")])

    private func poll(_ hostile: @escaping LoopbackHTTPServer.Handler, settings: String = "timeout: 5s") async throws
        -> (hostile: PollOutcome, good: PollOutcome, seconds: Double) {
        let server = try LoopbackHTTPServer { request in
            request.path == "/good.xml" ? .init(headers: [("Content-Type", "application/rss+xml")], text: Self.goodFeed) : hostile(request)
        }
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("feeds.yaml").path
        try """
        settings: {\(settings), connect_timeout: 2s, max_body: 1MB}
        feeds:
          - \(server.baseURL)/hostile.xml
          - \(server.baseURL)/good.xml
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let daemon = try Daemon(configPath: path, logger: Scenario.logger)
        let started = Date()
        let outcomes = try await daemon.pollOnce(deliveryTimeout: 0)
        let hostile = try #require(outcomes.first { $0.url.hasSuffix("/hostile.xml") })
        let good = try #require(outcomes.first { $0.url.hasSuffix("/good.xml") })
        return (hostile, good, Date().timeIntervalSince(started))
    }

    private func expectContained(_ result: (hostile: PollOutcome, good: PollOutcome, seconds: Double), error: String,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.hostile.error?.description.lowercased().contains(error.lowercased()) == true,
                "\(result.hostile.error?.description ?? "no error")", sourceLocation: sourceLocation)
        #expect(result.hostile.newEntries == 0, sourceLocation: sourceLocation)
        #expect(result.good.error == nil && result.good.newEntries == 1, "the other feed is unaffected", sourceLocation: sourceLocation)
    }

    @Test func aGzipBombStopsAtTheBodyLimit() async throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/gzip-bomb", withExtension: "gz"))
        let bomb = Array(try Data(contentsOf: url))  // ~200 KB that inflate to 200 MB
        let result = try await poll { _ in .init(headers: [("Content-Encoding", "gzip"), ("Content-Type", "application/rss+xml")], body: bomb) }
        expectContained(result, error: "larger than 1048576 bytes")
    }

    @Test func aRedirectLoopEnds() async throws {
        let result = try await poll { request in .init(status: 302, headers: [("Location", request.path == "/hostile.xml" ? "/b" : "/hostile.xml")]) }
        expectContained(result, error: "redirect")
    }

    @Test func aWrongContentLengthIsAnError() async throws {
        let body = Array(Self.goodFeed.utf8)
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: \(body.count + 5000)\r\n\r\n"
        let result = try await poll { _ in .raw(Array(head.utf8) + body) }
        expectContained(result, error: "partial file")
    }

    @Test func aConnectionResetMidBodyIsAnError() async throws {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n<rss><channel><item><title>cut"
        let result = try await poll { _ in .raw(Array(head.utf8)) }
        expectContained(result, error: "partial file")
    }

    @Test func anHTMLErrorPageIsNotAFeed() async throws {
        let page = "<!DOCTYPE html><html><head><title>503</title></head><body>Service unavailable</body></html>"
        let result = try await poll { _ in .init(headers: [("Content-Type", "text/html")], text: page) }
        expectContained(result, error: "HTML page, not a feed")
    }

    @Test func aTricklingServerIsCutOffByTheTimeout() async throws {
        let result = try await poll({ _ in .init(headers: [("Content-Type", "application/rss+xml")], body: Array(Self.goodFeed.utf8), trickle: 1) },
                              settings: "timeout: 3s")
        expectContained(result, error: "timed out after 3 s with")
        #expect(result.seconds < 10)
    }

    @Test func aGarbageStatusLineIsAnError() async throws {
        let result = try await poll { _ in .raw(Array("NOT HTTP AT ALL\r\n\r\n".utf8)) }
        #expect(result.hostile.error != nil)
        #expect(result.good.error == nil)
    }
}

/// Hostile documents served to the real daemon beside a good feed: no crash, no leak of local files,
/// and the good feed polled as usual.
@Suite(.serialized) struct HostileDocumentServingTests {
    static let documents: [(String, [UInt8])] = [
        ("xxe", Array("""
            <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><title>t</title><item><guid>1</guid><title>&xxe;</title><description>&xxe;</description></item></channel></rss>
            """.utf8)),
        ("billion-laughs", Array(("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">"
            + (1...9).map { "<!ENTITY \(Character(UnicodeScalar(97 + $0)!)) \"" + String(repeating: "&\(Character(UnicodeScalar(96 + $0)!));", count: 10) + "\">" }.joined()
            + "]><rss version=\"2.0\"><channel><title>&j;</title><item><guid>1</guid><title>x</title></item></channel></rss>").utf8)),
        ("deep-nesting", Array(("<rss version=\"2.0\"><channel><item><guid>1</guid><title>x</title></item>"
            + String(repeating: "<x>", count: 100_000) + "</channel></rss>").utf8)),
        ("nul-and-invalid-utf8", Array("<rss version=\"2.0\"><channel><item><guid>1</guid><title>a".utf8) + [0, 0xFF, 0xFE]
            + Array("b</title></item></channel></rss>".utf8)),
    ]

    @Test(arguments: documents.map(\.0))
    func aHostileDocumentAffectsOnlyItsOwnFeed(name: String) async throws {
        let document = try #require(Self.documents.first { $0.0 == name }?.1)
        let good = Scenario.rss([.init(id: "1", title: "Fine", body: "all good")])
        let server = try LoopbackHTTPServer { request in
            request.path == "/good.xml" ? .init(headers: [("Content-Type", "application/rss+xml")], text: good)
                : .init(headers: [("Content-Type", "application/rss+xml")], body: document)
        }
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-hostile-doc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("feeds.yaml").path
        try """
        sinks: [{name: log, type: log, path: alerts.jsonl}]
        watchlists: [{name: w, topics: [root]}]
        feeds:
          - {url: '\(server.baseURL)/hostile.xml', alert_on_first_poll: true}
          - \(server.baseURL)/good.xml
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let daemon = try Daemon(configPath: path, logger: Scenario.logger)
        let started = Date()
        let outcomes = try await daemon.pollOnce(deliveryTimeout: 2)
        #expect(Date().timeIntervalSince(started) < 20, "bounded time")
        let goodOutcome = try #require(outcomes.first { $0.url.hasSuffix("/good.xml") })
        #expect(goodOutcome.error == nil && goodOutcome.newEntries == 1)
        #expect(outcomes.first { $0.url.hasSuffix("/hostile.xml") } != nil, "the hostile feed was handled, not lost")
        // "root" would match a line of /etc/passwd had the entity been read.
        let log = (try? String(contentsOfFile: folder.appendingPathComponent(".feedwatch/alerts.jsonl").path, encoding: .utf8)) ?? ""
        #expect(!log.contains("root:"), "no byte of a local file")
        #expect(try daemon.store.recentEntries(since: .distantPast).allSatisfy { !($0.text ?? "").contains("root:") })
    }
}
