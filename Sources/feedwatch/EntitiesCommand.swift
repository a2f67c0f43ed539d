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
            try EntitiesJSON.print(mentions)
        } else {
            for mention in mentions {
                let alias = mention.canonical == mention.text ? "" : "  → \(mention.canonical)"
                print("\(mention.type.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \(mention.start)-\(mention.end)  \(mention.text)\(alias)")
            }
        }
    }
}

enum EntitiesJSON {
    struct Mention: Encodable {
        var text: String
        var type: String
        var start: Int
        var end: Int
        var canonical: String

        init(_ found: EntityMention) {
            (text, type, start, end, canonical) = (found.text, found.type.rawValue, found.start, found.end, found.canonical)
        }
    }

    static func mentions(_ mentions: [EntityMention]) -> [Mention] { mentions.map(Mention.init) }

    /// Prints `{"entities": [...]}` one mention per line as it is encoded, so a long text's output
    /// is never held whole (a 20 MB text has a million mentions).
    static func print(_ found: [EntityMention]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        Swift.print("{\n  \"entities\" : [", terminator: "")
        for (index, mention) in found.enumerated() {
            let object = String(decoding: try encoder.encode(Mention(mention)), as: UTF8.self)
            Swift.print(index == 0 ? "\n    " : ",\n    ", object, separator: "", terminator: "")
        }
        Swift.print(found.isEmpty ? "]\n}" : "\n  ]\n}")
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
