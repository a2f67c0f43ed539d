import ArgumentParser
import Configuration
import Daemon
import EntityCore
import FeedParser
import Foundation
import Storage

struct WatchlistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watchlist", abstract: "List, show, edit and test watch-lists.",
        subcommands: [ListWatchlists.self, ShowWatchlist.self, AddTerm.self, RemoveTerm.self, TestWatchlist.self])
}

struct ListWatchlists: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the watch-lists.")

    @Option(help: "The configuration file.")
    var config = "feeds.yaml"

    func run() throws {
        for list in try ConfigLoader.load(path: config).watchlists {
            print("\(list.name): \(list.rule.rawValue) of \(list.topics.count) topic(s) → \(list.sinks?.joined(separator: ", ") ?? "every sink")")
        }
    }
}

struct ShowWatchlist: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one watch-list's topics and terms.")

    @Option(help: "The configuration file.")
    var config = "feeds.yaml"

    @Argument(help: "The watch-list's name.")
    var name: String

    func run() throws {
        guard let list = try ConfigLoader.load(path: config).watchlists.first(where: { $0.name == name }) else {
            throw CommandError("\(config): there is no watch-list named '\(name)'")
        }
        print("\(list.name): alerts when \(list.rule == .all ? "all" : "any") of its topics hit, at least \(list.minimumMentions) mention(s),")
        print("  looking in \(list.fields.sorted().map(\.rawValue).joined(separator: ", ")); sinks: \(list.sinks?.joined(separator: ", ") ?? "all")")
        for topic in list.topics {
            print("- \(topic.name)")
            if !topic.terms.isEmpty { print("    terms: \(topic.terms.joined(separator: ", "))") }
            if !topic.aliases.isEmpty { print("    aliases: \(topic.aliases.joined(separator: ", "))") }
            if let entity = topic.entity { print("    entity: \(entity) (its names, aliases and demonyms)") }
            if topic.caseSensitive { print("    case-sensitive") }
            if !topic.exclude.isEmpty { print("    unless: \(topic.exclude.joined(separator: ", "))") }
        }
    }
}

struct TermOptions: ParsableArguments {
    @Option(help: "The configuration file.")
    var config = "feeds.yaml"

    @Argument(help: "The watch-list's name.")
    var watchlist: String

    @Option(help: "The topic's name.")
    var topic: String

    @Argument(help: "The term.")
    var term: String
}

struct AddTerm: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a term to a topic (comments in the file are kept).")
    @OptionGroup var options: TermOptions

    func run() throws {
        let file = try WatchlistEditor.change(.add, term: options.term, topic: options.topic, watchlist: options.watchlist, config: options.config)
        print("\(file): added '\(options.term)' to \(options.watchlist) / \(options.topic); a running daemon picks it up by itself")
    }
}

struct RemoveTerm: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a term from a topic.")
    @OptionGroup var options: TermOptions

    func run() throws {
        let file = try WatchlistEditor.change(.remove, term: options.term, topic: options.topic, watchlist: options.watchlist, config: options.config)
        print("\(file): removed '\(options.term)' from \(options.watchlist) / \(options.topic)")
    }
}

struct TestWatchlist: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "What a watch-list would alert on: a text, a feed, or the stored history.")

    @OptionGroup var options: StateOptions

    @Argument(help: "The watch-list's name.")
    var name: String

    @Option(help: "A plain-text file (or '-') to test.")
    var text: String?

    @Option(help: "A feed file or http(s) URL to test, entry by entry.")
    var feed: String?

    @Option(help: "Test the entries stored in the last N days.")
    var history: Int?

    func run() throws {
        let config = try ConfigLoader.load(path: options.config)
        guard let list = config.watchlists.first(where: { $0.name == name }) else {
            throw CommandError("\(options.config): there is no watch-list named '\(name)'")
        }
        let engine = try EntityEngine(watchlists: [list])
        var articles: [(label: String, article: Article)] = []
        if let text {
            articles.append((text, Article(content: try TextInput.read(text))))
        }
        if let feed {
            let input = try DocumentInput.read(feed, context: DocumentContext())
            let parsed = try FeedParser().parse(input.bytes, context: input.context)
            articles += parsed.entries.map { ($0.link ?? $0.title ?? $0.identity, Article(title: $0.title, summary: $0.distinctSummaryText, content: $0.contentText)) }
        }
        if let days = history {
            let store = try openStore(options)
            articles += try store.recentEntries(since: Date().addingTimeInterval(-Double(days) * 86_400)).map {
                ($0.link ?? $0.title ?? $0.identity, Article(content: $0.text))
            }
        }
        guard text != nil || feed != nil || history != nil else { throw ValidationError("give --text, --feed or --history") }
        var alerts = 0
        for (label, article) in articles {
            guard let match = engine.match(article).first else { continue }
            alerts += 1
            print("ALERT \(label) (topics: \(match.topics.joined(separator: ", ")); score \(match.score))")
            for hit in match.hits.prefix(5) { print("    \(hit.topic): \"\(hit.matchedText)\" in \(hit.field): \(hit.snippet)") }
        }
        print("\(alerts) of \(articles.count) article(s) would alert")
    }
}
