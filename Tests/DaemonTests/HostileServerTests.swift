@testable import Daemon
import Foundation
import Testing
import TestSupport

/// Servers that misbehave: each case ends with a clear error on that feed, in bounded time and
/// memory, while a well-behaved feed polled in the same cycle is unaffected.
@Suite(.serialized) struct HostileServerTests {
    static let goodFeed = Scenario.rss([.init(id: "1", title: "Fine", body: "all good")])

    private func poll(_ hostile: @escaping LoopbackHTTPServer.Handler, settings: String = "timeout: 5s") throws
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
        let outcomes = try daemon.pollOnce(deliveryTimeout: 0)
        let hostile = try #require(outcomes.first { $0.url.hasSuffix("/hostile.xml") })
        let good = try #require(outcomes.first { $0.url.hasSuffix("/good.xml") })
        return (hostile, good, Date().timeIntervalSince(started))
    }

    private func expectContained(_ result: (hostile: PollOutcome, good: PollOutcome, seconds: Double), error: String,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.hostile.error?.lowercased().contains(error.lowercased()) == true,
                "\(result.hostile.error ?? "no error")", sourceLocation: sourceLocation)
        #expect(result.hostile.newEntries == 0, sourceLocation: sourceLocation)
        #expect(result.good.error == nil && result.good.newEntries == 1, "the other feed is unaffected", sourceLocation: sourceLocation)
    }

    @Test func aGzipBombStopsAtTheBodyLimit() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/gzip-bomb", withExtension: "gz"))
        let bomb = Array(try Data(contentsOf: url))  // ~200 KB that inflate to 200 MB
        let result = try poll { _ in .init(headers: [("Content-Encoding", "gzip"), ("Content-Type", "application/rss+xml")], body: bomb) }
        expectContained(result, error: "larger than 1048576 bytes")
    }

    @Test func aRedirectLoopEnds() throws {
        let result = try poll { request in .init(status: 302, headers: [("Location", request.path == "/hostile.xml" ? "/b" : "/hostile.xml")]) }
        expectContained(result, error: "redirect")
    }

    @Test func aWrongContentLengthIsAnError() throws {
        let body = Array(Self.goodFeed.utf8)
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: \(body.count + 5000)\r\n\r\n"
        let result = try poll { _ in .raw(Array(head.utf8) + body) }
        expectContained(result, error: "partial file")
    }

    @Test func aConnectionResetMidBodyIsAnError() throws {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n<rss><channel><item><title>cut"
        let result = try poll { _ in .raw(Array(head.utf8)) }
        expectContained(result, error: "partial file")
    }

    @Test func anHTMLErrorPageIsNotAFeed() throws {
        let page = "<!DOCTYPE html><html><head><title>503</title></head><body>Service unavailable</body></html>"
        let result = try poll { _ in .init(headers: [("Content-Type", "text/html")], text: page) }
        expectContained(result, error: "HTML page, not a feed")
    }

    @Test func aTricklingServerIsCutOffByTheTimeout() throws {
        let result = try poll({ _ in .init(headers: [("Content-Type", "application/rss+xml")], body: Array(Self.goodFeed.utf8), trickle: 1) },
                              settings: "timeout: 3s")
        expectContained(result, error: "timeout")
        #expect(result.seconds < 10)
    }

    @Test func aGarbageStatusLineIsAnError() throws {
        let result = try poll { _ in .raw(Array("NOT HTTP AT ALL\r\n\r\n".utf8)) }
        #expect(result.hostile.error != nil)
        #expect(result.good.error == nil)
    }
}
