import ArgumentParser
import Configuration
import CurlKit
import FeedModel
import FeedParser
import Foundation
import XMLKit

/// `feedwatch feeds`: the feeds' state (the default), and the subscription list in and out as OPML.
struct FeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds", abstract: "Show each feed's state, or import and export the feed list as OPML.",
        subcommands: [FeedsListCommand.self, FeedsAddCommand.self, FeedsImportCommand.self, FeedsExportCommand.self],
        defaultSubcommand: FeedsListCommand.self)
}

struct FeedsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add an OPML file's feeds to feeds.yaml (its comments kept), with the OPML folders as tags.")

    @Argument(help: "The OPML file (a feed reader's export).")
    var file: String

    @Option(help: "The configuration file.")
    var config = "feeds.yaml"

    @Flag(help: "Show what would be added, and change nothing.")
    var dryRun = false

    func run() throws {
        guard let bytes = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
        let (subscriptions, skipped) = try OPML.subscriptions(in: [UInt8](bytes), file: file)
        for reason in skipped { print("skipped \(reason)") }
        let known = Set(try ConfigLoader.load(path: config).feeds.map(\.url))
        let new = subscriptions.filter { !known.contains($0.url) }
            .map { FeedListEditor.NewFeed(url: $0.url, name: $0.title, tags: $0.tags.map(Self.tag)) }
        for feed in new { print("\(dryRun ? "would add" : "adding") \(feed.url)\(feed.tags.isEmpty ? "" : " [\(feed.tags.joined(separator: ", "))]")") }
        print("\(subscriptions.count) feeds in \(file): \(new.count) new, \(subscriptions.count - new.count) already in \(config)")
        if !dryRun { try FeedListEditor.add(new, config: config) }
    }

    /// A folder's title as a tag: lowercased, spaces as hyphens ("World News" → "world-news").
    static func tag(_ folder: String) -> String {
        folder.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: "-")
    }
}

struct FeedsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write the configured feeds as OPML 2.0.")

    @Option(help: "The configuration file.")
    var config = "feeds.yaml"

    @Option(name: .shortAndLong, help: "Write it to this file (default: standard output).")
    var output: String?

    func run() throws {
        let loaded = try ConfigLoader.load(path: config)
        let document = OPML.document(of: loaded.feeds, title: "feedwatch: \(URL(fileURLWithPath: config).lastPathComponent)")
        if let output {
            try document.write(toFile: output, atomically: true, encoding: .utf8)
        } else {
            print(document, terminator: "")
        }
    }
}

struct FeedsAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a feed to feeds.yaml; given a web page, find its feed first and show what was found.",
        discussion: """
            A URL that serves a feed is added as it is. For a web page, the feeds it announces with \
            <link rel="alternate"> come first, then the paths sites commonly use (feed, rss, feed.xml, …) \
            beside the page and at the site's root. \
            What was found is shown; it is written with --yes, or once you answer y.
            """)

    @Argument(help: "A feed's URL, or a web page's.")
    var url: String

    @Option(help: "The configuration file.")
    var config = "feeds.yaml"

    @Option(name: .customLong("tag"), help: "A tag for the feed (repeatable).")
    var tags: [String] = []

    @Flag(help: "Add what was found without asking.")
    var yes = false

    func run() throws {
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else { throw ValidationError("\(url): an http(s) URL is needed") }
        let found = try Self.discover(url)
        print(found.url == url ? "\(url) is a feed" : "found for \(url):")
        for candidate in found.others { print("  also announced: \(candidate.url)\(candidate.title.map { " (\($0))" } ?? "")") }
        print("  \(found.url)\(found.title.map { " — \($0)" } ?? "") (\(found.entries) entries)")
        guard yes || Self.confirm("Add \(found.url) to \(config)?") else {
            print("not added (run again with --yes to add it)")
            return
        }
        let added = try FeedListEditor.add([FeedListEditor.NewFeed(url: found.url, name: found.title, tags: tags)], config: config)
        print(added.isEmpty ? "\(found.url) is already in \(config)" : "added \(found.url) to \(config)")
    }

    struct Found {
        var url: String
        var title: String?
        var entries: Int
        /// The page's other announced feeds, shown but not added.
        var others: [FeedDiscovery.Link] = []
    }

    /// The feed at `url`, else the first announced by the page that parses as one, else the first
    /// common path that does.
    static func discover(_ url: String) throws -> Found {
        let page = try HTTPGet.fetch(url, userAgent: UserAgent.string)
        guard (200..<300).contains(page.status) else { throw CommandError("\(url): the server answered HTTP \(page.status)") }
        let pageURL = page.effectiveURL ?? url
        if let feed = parsedFeed(page, url: pageURL) { return Found(url: url, title: feed.title, entries: feed.entries.count) }
        let announced = FeedDiscovery.links(inHTML: String(decoding: page.body, as: UTF8.self), pageURL: pageURL)
        // The common paths beside the page first (a blog under /blog/ has /blog/feed), then at the site's root.
        let common = FeedDiscovery.commonPaths.map { URIResolver.resolve(String($0.dropFirst()), against: pageURL) }
            + FeedDiscovery.commonPaths.map { URIResolver.resolve($0, against: pageURL) }
        var tried: [String] = []
        for candidate in announced.map(\.url) + common where !tried.contains(candidate) {
            tried.append(candidate)
            guard let response = try? HTTPGet.fetch(candidate, userAgent: UserAgent.string),  // one unreachable candidate: try the next
                  (200..<300).contains(response.status), let feed = parsedFeed(response, url: candidate) else { continue }
            return Found(url: candidate, title: feed.title ?? announced.first { $0.url == candidate }?.title, entries: feed.entries.count,
                         others: announced.filter { $0.url != candidate })
        }
        throw CommandError("\(url): no feed found: the page announces \(announced.count) and none of \(tried.count) places tried serves one")
    }

    /// The response as a feed, when it is one (an HTML page is not, however lenient the parser).
    static func parsedFeed(_ response: HTTPResponse, url: String) -> Feed? {
        let context = DocumentContext(url: url, contentType: response.header("content-type"))
        // A parse error here only means "not a feed": the next candidate is tried.
        guard let feed = try? FeedParser().parse(response.body, context: context), feed.format != nil else { return nil }
        return feed
    }

    static func confirm(_ question: String) -> Bool {
        guard isatty(STDIN_FILENO) == 1 else { return false }
        print("\(question) [y/N] ", terminator: "")
        return readLine()?.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("y") == true
    }
}
