import Foundation
import Testing
import TestSupport

/// The `feedwatch` executable, as a script or an operator runs it.
@Suite(.serialized) struct CommandLineTests {
    /// Runs the executable to its end; its exit status and standard output.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = CrashTests.executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A failed feed must not look like success to a script or a timer unit.
    @Test func pollOnceExitsNonZeroWhenAFeedFailsAndFeedsShowsMovedAndPausedFeeds() throws {
        guard CrashTests.executableIsBuilt() else { return }
        let feed = Scenario.rss([.init(id: "1", title: "t", body: "b")])
        let server = try LoopbackHTTPServer { request in
            switch request.path {
            case "/old.xml": .init(status: 301, headers: [("Location", "/new.xml")], body: [])
            case "/gone.xml": .init(status: 410, body: [])
            case "/missing.xml": .init(status: 404, body: [])
            default: .init(headers: [("Content-Type", "application/rss+xml")], text: feed)
            }
        }
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("feeds.yaml").path
        try """
        sinks: [{name: log, type: log, path: alerts.jsonl}]
        watchlists: [{name: w, topics: [Russia]}]
        feeds:
          - \(server.baseURL)/old.xml
          - \(server.baseURL)/gone.xml
          - \(server.baseURL)/missing.xml
        """.write(toFile: config, atomically: true, encoding: .utf8)

        let poll = try Self.run(["poll", "--once", "--config", config, "--delivery-timeout", "1"])
        #expect(poll.status == 1)
        #expect(poll.output.contains("\(server.baseURL)/missing.xml: failed: the server answered HTTP 404 (Not Found)"), "\(poll.output)")
        #expect(poll.output.contains("3 feed(s) polled, 2 failed"), "\(poll.output)")

        let feeds = try Self.run(["feeds", "--config", config])
        #expect(feeds.status == 0)
        #expect(feeds.output.contains("moved permanently; polled at \(server.baseURL)/new.xml"), "\(feeds.output)")
        #expect(feeds.output.contains("not polled until its URL changes"), "\(feeds.output)")

        let status = try Self.run(["status", "--config", config])
        #expect(status.output.contains("feeds: 3 — 1 ok, 1 failing, 1 paused, 0 not polled yet"), "\(status.output)")
        #expect(status.status == 1, "a failing feed is worth a non-zero status")
    }
}
