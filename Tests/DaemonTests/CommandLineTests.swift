import Foundation
import Testing
import TestSupport

/// The `feedwatch` executable, as a script or an operator runs it.
@Suite(.serialized) struct CommandLineTests {
    /// Runs the executable to its end; its exit status and standard output.
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await offPool {
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
    }

    /// A failed feed must not look like success to a script or a timer unit.
    @Test func pollOnceExitsNonZeroWhenAFeedFailsAndFeedsShowsMovedAndPausedFeeds() async throws {
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

        let poll = try await Self.run(["poll", "--once", "--config", config, "--delivery-timeout", "1"])
        #expect(poll.status == 1)
        #expect(poll.output.contains("\(server.baseURL)/missing.xml: failed: the server answered HTTP 404 (Not Found)"), "\(poll.output)")
        #expect(poll.output.contains("3 feed(s) polled, 2 failed"), "\(poll.output)")

        let feeds = try await Self.run(["feeds", "--config", config])
        #expect(feeds.status == 0)
        #expect(feeds.output.contains("moved permanently; polled at \(server.baseURL)/new.xml"), "\(feeds.output)")
        #expect(feeds.output.contains("not polled until its URL changes"), "\(feeds.output)")

        let status = try await Self.run(["status", "--config", config])
        #expect(status.output.contains("feeds: 3 — 1 ok, 1 failing, 1 paused, 0 not polled yet"), "\(status.output)")
        #expect(status.status == 1, "a failing feed is worth a non-zero status")
    }

    /// `feeds import` adds an OPML file's feeds (a dry run first changes nothing), `feeds export`
    /// writes them back out, and plain `feeds` still shows the state.
    @Test func feedsImportAndExportGoThroughOPML() async throws {
        guard CrashTests.executableIsBuilt() else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-opml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("feeds.yaml").path, opml = folder.appendingPathComponent("reader.opml").path
        let original = "# my list\nfeeds:\n  - https://kept.example/feed.xml\n"
        try original.write(toFile: config, atomically: true, encoding: .utf8)
        try """
        <?xml version="1.0"?>
        <opml version="2.0"><head><title>Reader</title></head><body>
          <outline text="World News"><outline type="rss" text="Wire" xmlUrl="https://wire.example/rss"/></outline>
          <outline type="rss" text="Kept" xmlUrl="https://kept.example/feed.xml"/>
        </body></opml>
        """.write(toFile: opml, atomically: true, encoding: .utf8)

        let dry = try await Self.run(["feeds", "import", opml, "--config", config, "--dry-run"])
        #expect(dry.status == 0 && dry.output.contains("would add https://wire.example/rss [world-news]"), "\(dry.output)")
        #expect(try String(contentsOfFile: config, encoding: .utf8) == original)
        let imported = try await Self.run(["feeds", "import", opml, "--config", config])
        #expect(imported.output.contains("2 feeds in \(opml): 1 new, 1 already in \(config)"), "\(imported.output)")
        #expect(try String(contentsOfFile: config, encoding: .utf8)
            == original + "  - {url: 'https://wire.example/rss', name: 'Wire', tags: ['world-news']}\n")
        let exported = try await Self.run(["feeds", "export", "--config", config])
        #expect(exported.status == 0)
        #expect(exported.output.contains("<outline text=\"world-news\" title=\"world-news\">"))
        #expect(exported.output.contains("xmlUrl=\"https://wire.example/rss\"") && exported.output.contains("xmlUrl=\"https://kept.example/feed.xml\""))
        let listed = try await Self.run(["feeds", "--config", config, "--state", folder.appendingPathComponent("state").path])
        #expect(listed.status == 0)
    }

    /// `feeds add` with a web page: the announced feed that serves one is found (one that is gone is
    /// passed over), or a common path beside a page that announces none; nothing is written without --yes.
    @Test func feedsAddFindsTheFeedBehindAPage() async throws {
        guard CrashTests.executableIsBuilt() else { return }
        let atom = """
        <?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Site news</title>
        <id>urn:x</id><updated>2026-11-30T10:00:00Z</updated><entry><id>urn:1</id><title>One</title><updated>2026-11-30T10:00:00Z</updated></entry></feed>
        """
        let server = try LoopbackHTTPServer { request in
            switch request.path {
            case "/":
                return .init(headers: [("Content-Type", "text/html")], text: """
                    <html><head><link rel="alternate" type="application/rss+xml" href="/gone.rss">
                    <link rel="alternate" type="application/atom+xml" title="Atom" href="news/atom.xml"></head><body>Home</body></html>
                    """)
            case "/news/atom.xml", "/blog/feed": return .init(headers: [("Content-Type", "application/atom+xml")], text: atom)
            case "/blog/": return .init(headers: [("Content-Type", "text/html")], text: "<html><body>A blog</body></html>")
            default: return .init(status: 404, text: "not found")
            }
        }
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-add-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("feeds.yaml").path
        try "feeds:\n  - https://kept.example/feed.xml   # mine\n".write(toFile: config, atomically: true, encoding: .utf8)

        let shown = try await Self.run(["feeds", "add", server.baseURL + "/", "--config", config])
        #expect(shown.output.contains("\(server.baseURL)/news/atom.xml — Site news (1 entries)") && shown.output.contains("not added"), "\(shown.output)")
        #expect(try String(contentsOfFile: config, encoding: .utf8) == "feeds:\n  - https://kept.example/feed.xml   # mine\n")

        let added = try await Self.run(["feeds", "add", server.baseURL + "/", "--config", config, "--yes", "--tag", "site"])
        #expect(added.status == 0 && added.output.contains("added \(server.baseURL)/news/atom.xml"), "\(added.output)")
        #expect(try String(contentsOfFile: config, encoding: .utf8) == "feeds:\n  - https://kept.example/feed.xml   # mine\n"
            + "  - {url: '\(server.baseURL)/news/atom.xml', name: 'Site news', tags: ['site']}\n")

        // A blog page that announces nothing: its feed is at a common path beside it.
        let common = try await Self.run(["feeds", "add", server.baseURL + "/blog/", "--config", config, "--yes"])
        #expect(common.status == 0 && common.output.contains("added \(server.baseURL)/blog/feed"), "\(common.output)")
        let direct = try await Self.run(["feeds", "add", server.baseURL + "/news/atom.xml", "--config", config, "--yes"])
        #expect(direct.output.contains("is a feed") && direct.output.contains("is already in"), "\(direct.output)")
        let nothing = try await Self.run(["feeds", "add", server.baseURL + "/missing", "--config", config, "--yes"])
        #expect(nothing.status != 0)
    }
}
