import ArgumentParser
import Configuration
import EntityCore
import Foundation

struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Show which watch-lists would alert on a text, and why.",
        discussion: "The text is read as an article's content. Exits 0 whether or not anything matched."
    )

    @Option(help: "The configuration file holding the watch-lists (feeds.yaml).")
    var config: String

    @Option(help: "Only this watch-list.")
    var watchlist: String?

    @Flag(help: "Print the matches as JSON.")
    var json = false

    @Flag(help: "Read JSON lines, one article per line ({\"id\",\"title\",\"summary\",\"content\"}); print one line per article.")
    var jsonl = false

    @Argument(help: "A plain-text article, or '-' for standard input.")
    var source: String

    func run() throws {
        var lists = try WatchlistLoader.load(path: config)
        if let watchlist {
            lists = lists.filter { $0.name == watchlist }
            guard !lists.isEmpty else { throw CommandError("\(config): there is no watch-list named '\(watchlist)'") }
        }
        let engine = try EntityEngine(watchlists: lists)
        if jsonl {
            let skipped = try ArticleLines.forEach(in: source) { line in
                try ArticleLines.printLine(id: line.id, number: line.number, key: "matches", value: MatchJSON.matches(engine.match(line.article)))
            }
            if skipped > 0 { throw ExitCode(1) }
            return
        }
        let matches = engine.match(Article(content: try TextInput.read(source)))
        if json {
            print(try MatchJSON.render(matches))
            return
        }
        if matches.isEmpty { print("no watch-list matches") }
        for match in matches {
            print("\(match.watchlist): alerts (topics: \(match.topics.joined(separator: ", ")); score \(match.score))")
            for hit in match.hits {
                print("  [\(hit.topic)] \"\(hit.matchedText)\" (\(hit.kind.rawValue) '\(hit.term)') in \(hit.field.rawValue) at \(hit.start)-\(hit.end)")
                print("      \(hit.snippet)")
            }
        }
    }
}

enum MatchJSON {
    struct Hit: Encodable {
        var topic, term, kind, matched_text, field, snippet: String
        var start, end: Int
    }

    struct Match: Encodable {
        var watchlist: String
        var topics: [String]
        var score: Double
        var hits: [Hit]
    }

    static func matches(_ matches: [WatchlistMatch]) -> [Match] {
        matches.map { match in
            Match(watchlist: match.watchlist, topics: match.topics, score: match.score, hits: match.hits.map {
                Hit(topic: $0.topic, term: $0.term, kind: $0.kind.rawValue, matched_text: $0.matchedText,
                    field: $0.field.rawValue, snippet: $0.snippet, start: $0.start, end: $0.end)
            })
        }
    }

    static func render(_ found: [WatchlistMatch]) throws -> String {
        struct Document: Encodable { var matches: [Match] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        return String(decoding: try encoder.encode(Document(matches: matches(found))), as: UTF8.self)
    }
}
