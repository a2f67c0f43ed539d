import CurlKit
import Testing
import TestSupport

@Suite struct HTTPGetTests {
    init() { CurlLibrary.initialize() }

    @Test func fetchesBodyAndHeadersFromALoopbackServer() throws {
        let server = try LoopbackHTTPServer { request in
            .init(headers: [("Content-Type", "application/rss+xml; charset=utf-8"), ("ETag", "\"v1\"")],
                  text: "hello from \(request.path)")
        }
        defer { server.stop() }
        let response = try HTTPGet.fetch(server.baseURL + "/feed.xml", userAgent: "feedwatch-test/1")
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "hello from /feed.xml")
        #expect(response.header("Content-Type") == "application/rss+xml; charset=utf-8")
        #expect(response.header("etag") == "\"v1\"")
        #expect(server.requests.first?.header("user-agent") == "feedwatch-test/1")
    }

    @Test func followsRedirectsAndReportsTheFinalURL() throws {
        let server = try LoopbackHTTPServer { request in
            request.path == "/old" ? .init(status: 301, headers: [("Location", "/new")], body: []) : .init(text: "moved here")
        }
        defer { server.stop() }
        let response = try HTTPGet.fetch(server.baseURL + "/old", userAgent: "t")
        #expect(response.status == 200)
        #expect(response.effectiveURL == server.baseURL + "/new")
        #expect(String(decoding: response.body, as: UTF8.self) == "moved here")
    }

    @Test func refusesABodyOverTheLimit() throws {
        let server = try LoopbackHTTPServer { _ in .init(body: [UInt8](repeating: 0x61, count: 200_000)) }
        defer { server.stop() }
        #expect {
            _ = try HTTPGet.fetch(server.baseURL + "/big", maximumBytes: 50_000, userAgent: "t")
        } throws: { error in
            (error as? CurlError)?.message.contains("larger than 50000 bytes") == true
        }
    }

    @Test func refusesNonHTTPSchemes() {
        #expect(throws: CurlError.self) { _ = try HTTPGet.fetch("file:///etc/passwd", userAgent: "t") }
    }
}
