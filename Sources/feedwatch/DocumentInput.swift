import CurlKit
import FeedParser
import Foundation

/// A document named on the command line: a file, `-` for standard input, or an http(s) URL.
struct DocumentInput {
    var bytes: [UInt8]
    var context: DocumentContext

    /// Reads `source`; for a URL the HTTP headers fill the parts of `context` not given explicitly.
    static func read(_ source: String, context explicit: DocumentContext) throws -> DocumentInput {
        if source == "-" {
            return DocumentInput(bytes: Array(FileHandle.standardInput.readDataToEndOfFile()), context: explicit)
        }
        if source.hasPrefix("http://") || source.hasPrefix("https://") {
            let response = try HTTPGet.fetch(source, userAgent: UserAgent.string)
            guard (200..<300).contains(response.status) else {
                throw CommandError("\(source): the server answered HTTP \(response.status)")
            }
            var context = explicit
            context.url = context.url ?? response.effectiveURL ?? source
            context.contentType = context.contentType ?? response.header("content-type")
            context.contentLocation = context.contentLocation ?? response.header("content-location")
            context.contentLanguage = context.contentLanguage ?? response.header("content-language")
            return DocumentInput(bytes: response.body, context: context)
        }
        guard let data = FileManager.default.contents(atPath: source) else {
            throw CommandError("\(source): cannot read the file (missing, a folder, or not readable)")
        }
        return DocumentInput(bytes: Array(data), context: explicit)
    }
}

enum UserAgent {
    static var string: String { "feedwatch/\(Feedwatch.version) (+https://github.com/feedwatch/feedwatch)" }
}

/// A failure to report to the person at the terminal; the message says what and where.
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
