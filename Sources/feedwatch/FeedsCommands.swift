import ArgumentParser
import Configuration
import Foundation

/// `feedwatch feeds`: the feeds' state (the default), and the subscription list in and out as OPML.
struct FeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds", abstract: "Show each feed's state, or import and export the feed list as OPML.",
        subcommands: [FeedsListCommand.self, FeedsImportCommand.self, FeedsExportCommand.self], defaultSubcommand: FeedsListCommand.self)
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
