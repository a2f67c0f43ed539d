@testable import Daemon
import Foundation
import Storage
import Testing
import TestSupport

@Suite(.serialized) struct RedirectTests {
    private func config(folder: URL, feedURL: String) throws -> String {
        let path = folder.appendingPathComponent("feeds.yaml").path
        try """
        sinks:
          - name: log
            type: log
            path: alerts.jsonl
        watchlists:
          - name: w
            topics: [Russia]
        feeds:
          - url: \(feedURL)
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-redirect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func onlyPermanentRedirectsMoveTheFeed() async throws {
        let feed = Scenario.rss([.init(id: "1", title: "t", body: "b")])
        let server = try LoopbackHTTPServer { request in
            switch request.path {
            case "/old.xml": .init(status: 301, headers: [("Location", "/new.xml")], body: [])
            case "/temporary.xml": .init(status: 302, headers: [("Location", "/new.xml")], body: [])
            default: .init(headers: [("Content-Type", "application/rss+xml")], text: feed)
            }
        }
        defer { server.stop() }
        let permanentFolder = try folder()
        let permanent = try Daemon(configPath: config(folder: permanentFolder, feedURL: server.baseURL + "/old.xml"), logger: Scenario.logger)
        #expect(try await permanent.pollOnce(deliveryTimeout: 1).first?.error == nil)
        #expect(try permanent.store.fetchURL(feed: server.baseURL + "/old.xml") == server.baseURL + "/new.xml")

        let temporaryFolder = try folder()
        let temporary = try Daemon(configPath: config(folder: temporaryFolder, feedURL: server.baseURL + "/temporary.xml"), logger: Scenario.logger)
        _ = try await temporary.pollOnce(deliveryTimeout: 1)
        #expect(try temporary.store.fetchURL(feed: server.baseURL + "/temporary.xml") == server.baseURL + "/temporary.xml")
    }

    @Test(arguments: ["file:///etc/passwd", "gopher://127.0.0.1:70/1", "ftp://127.0.0.1/feed.xml"])
    func aRedirectToAnotherSchemeIsRefused(target: String) async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 302, headers: [("Location", target)], body: []) }
        defer { server.stop() }
        let daemon = try Daemon(configPath: config(folder: try folder(), feedURL: server.baseURL + "/feed.xml"), logger: Scenario.logger)
        let outcome = try #require(try await daemon.pollOnce(deliveryTimeout: 1).first)
        #expect(outcome.error != nil)
        #expect(outcome.newEntries == 0)
    }

    /// A 301 that ends in a 404, or a loop of 301s cut off at the redirect limit: the feed stays where it was.
    @Test(arguments: ["/gone.xml", "/loop-0.xml"])
    func aPermanentRedirectThatEndsInNoFeedMovesNothing(start: String) async throws {
        let server = try LoopbackHTTPServer { request in
            if request.path == "/gone.xml" { return .init(status: 301, headers: [("Location", "/missing.xml")], body: []) }
            if request.path.hasPrefix("/loop-"), let number = Int(request.path.dropFirst(6).dropLast(4)) {
                return .init(status: 301, headers: [("Location", "/loop-\(number + 1).xml")], body: [])
            }
            return .init(status: 404, body: [])
        }
        defer { server.stop() }
        let daemon = try Daemon(configPath: config(folder: try folder(), feedURL: server.baseURL + start), logger: Scenario.logger)
        let outcome = try #require(try await daemon.pollOnce(deliveryTimeout: 1).first)
        #expect(outcome.error != nil)
        #expect(try daemon.store.fetchURL(feed: server.baseURL + start) == server.baseURL + start)
    }

    /// libcurl says only "Number of redirects hit maximum amount"; the error names the loop.
    @Test func aRedirectLoopIsDescribedAsOne() async throws {
        let server = try LoopbackHTTPServer { request in
            .init(status: 301, headers: [("Location", request.path == "/a" ? "/b" : "/a")], body: [])
        }
        defer { server.stop() }
        let daemon = try Daemon(configPath: config(folder: try folder(), feedURL: server.baseURL + "/a"), logger: Scenario.logger)
        let outcome = try #require(try await daemon.pollOnce(deliveryTimeout: 1).first)
        #expect(outcome.error?.description == "more than 5 redirects: a loop between /a and /b")
        guard case .fetch(.tooManyRedirects(limit: 5, let chain)) = outcome.error else {
            Issue.record("expected a typed redirect error, got \(outcome.error?.description ?? "none")")
            return
        }
        #expect(chain.first == server.baseURL + "/a" && chain.count == 7, "the first URL, the five followed, and the sixth refused")
    }

    /// Once a feed has moved to a URL another feed is configured with, both are fetched from it at
    /// once; each result goes back to its own feed (they were once told apart by the URL fetched).
    @Test func twoFeedsFetchedFromOneURLEachGetTheirResult() async throws {
        let feed = Scenario.rss([.init(id: "1", title: "t", body: "b")])
        let server = try LoopbackHTTPServer { request in
            request.path == "/old.xml" ? .init(status: 301, headers: [("Location", "/new.xml")], body: [])
                : .init(headers: [("Content-Type", "application/rss+xml")], text: feed)
        }
        defer { server.stop() }
        let path = try config(folder: try folder(), feedURL: server.baseURL + "/old.xml")
        try (String(contentsOfFile: path, encoding: .utf8) + "\n  - url: \(server.baseURL)/new.xml\n").write(toFile: path, atomically: true, encoding: .utf8)
        let daemon = try Daemon(configPath: path, logger: Scenario.logger)
        _ = try await daemon.pollOnce(deliveryTimeout: 0)
        #expect(try daemon.store.fetchURL(feed: server.baseURL + "/old.xml") == server.baseURL + "/new.xml")
        let second = try await daemon.pollOnce(deliveryTimeout: 0)
        #expect(Set(second.map(\.url)) == [server.baseURL + "/old.xml", server.baseURL + "/new.xml"])
        #expect(second.allSatisfy { $0.error == nil })
    }
}
