import EntityCore
import Foundation

/// Articles as JSON lines, one object per line (`{"id", "title", "summary", "content"}`, each
/// optional), read one line at a time so an archive of any size streams through in bounded memory.
enum ArticleLines {
    struct Line {
        var number: Int
        var id: String?
        var article: Article
    }

    private struct Object: Decodable {
        var id: String?
        var title: String?
        var summary: String?
        var content: String?
    }

    /// Calls `body` for each article; a line that is not such an object is reported on stderr with
    /// its number and skipped. Returns how many lines were skipped.
    static func forEach(in source: String, _ body: (Line) throws -> Void) throws -> Int {
        // fdopen(0): the C `stdin` global is not concurrency-safe to touch from Swift.
        guard let file = source == "-" ? fdopen(0, "r") : fopen(source, "r") else {
            throw CommandError("\(source): cannot read the file (missing, a folder, or not readable)")
        }
        defer { if source != "-" { fclose(file) } }
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        var number = 0
        var skipped = 0
        let decoder = JSONDecoder()
        while getline(&buffer, &capacity, file) >= 0, let buffer {
            number += 1
            let text = String(cString: buffer).trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { continue }
            do {
                let object = try decoder.decode(Object.self, from: Data(text.utf8))
                try body(Line(number: number, id: object.id,
                              article: Article(title: object.title, summary: object.summary, content: object.content)))
            } catch let error as DecodingError {
                skipped += 1
                FileHandle.standardError.write(Data("\(source):\(number): not an article object (\(Self.describe(error)))\n".utf8))
            }
        }
        return skipped
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// One result line: the article's id and line number, and the result under `key`, keys sorted.
    static func printLine<Value: Encodable>(id: String?, number: Int, key: String, value: Value) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let line = ResultLine(id: id, line: number, key: key, value: value)
        print(String(decoding: try encoder.encode(line), as: UTF8.self))
    }
}

private struct ResultLine<Value: Encodable>: Encodable {
    var id: String?
    var line: Int
    var key: String
    var value: Value

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(id, forKey: Key("id"))
        try container.encode(line, forKey: Key("line"))
        try container.encode(value, forKey: Key(key))
    }
}
