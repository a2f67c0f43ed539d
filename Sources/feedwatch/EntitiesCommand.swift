import ArgumentParser
import EntityCore
import Foundation

struct EntitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities",
        abstract: "List the people, organisations, places and nationalities a text mentions."
    )

    @Argument(help: "A plain-text file, or '-' for standard input.")
    var source: String

    @Flag(help: "Print {\"entities\": [...]}, one object per mention; offsets are in Unicode scalars.")
    var json = false

    @Flag(help: "Read JSON lines, one article per line ({\"id\",\"title\",\"summary\",\"content\"}); print one line per article.")
    var jsonl = false

    func run() throws {
        let engine = try EntityEngine()
        if jsonl {
            let skipped = try ArticleLines.forEach(in: source) { line in
                let text = [line.article.title, line.article.summary, line.article.content].compactMap { $0 }.joined(separator: "\n")
                try ArticleLines.printLine(id: line.id, number: line.number, key: "entities",
                                           value: EntitiesJSON.mentions(engine.entities(in: text)))
            }
            if skipped > 0 { throw ExitCode(1) }
            return
        }
        let text = try TextInput.read(source)
        let mentions = engine.entities(in: text)
        if json {
            print(try EntitiesJSON.render(mentions))
        } else {
            for mention in mentions {
                let alias = mention.canonical == mention.text ? "" : "  → \(mention.canonical)"
                print("\(mention.type.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \(mention.start)-\(mention.end)  \(mention.text)\(alias)")
            }
        }
    }
}

enum EntitiesJSON {
    private struct Document: Encodable {
        var entities: [Mention]
    }

    struct Mention: Encodable {
        var text: String
        var type: String
        var start: Int
        var end: Int
        var canonical: String
    }

    static func mentions(_ mentions: [EntityMention]) -> [Mention] {
        mentions.map { Mention(text: $0.text, type: $0.type.rawValue, start: $0.start, end: $0.end, canonical: $0.canonical) }
    }

    static func render(_ found: [EntityMention]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        return String(decoding: try encoder.encode(Document(entities: mentions(found))), as: UTF8.self)
    }
}

/// A text named on the command line: a file or `-` for standard input.
enum TextInput {
    static func read(_ source: String) throws -> String {
        let data: Data
        if source == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: source) else {
                throw CommandError("\(source): cannot read the file (missing, a folder, or not readable)")
            }
            data = contents
        }
        return String(decoding: data, as: UTF8.self)
    }
}
