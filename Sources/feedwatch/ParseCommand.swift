import ArgumentParser
import FeedModel
import FeedParser
import Foundation

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse a feed document and print what it holds.",
        discussion: "Exits non-zero only when nothing in the document could be recognised as a feed."
    )

    @Argument(help: "A feed file, '-' for standard input, or an http(s) URL.")
    var source: String

    @Flag(help: "Print the feed as JSON.")
    var json = false

    @Option(help: "The document's URL: the base for relative links.")
    var url: String?

    @Option(help: "The HTTP Content-Type header, charset included.")
    var contentType: String?

    @Option(help: "The HTTP Content-Location header.")
    var contentLocation: String?

    @Option(help: "The HTTP Content-Language header.")
    var contentLanguage: String?

    @Flag(help: "Print summaries and content verbatim, as the feed gave them, instead of sanitized HTML.")
    var rawHTML = false

    func run() throws {
        let context = DocumentContext(url: url, contentType: contentType, contentLocation: contentLocation,
                                      contentLanguage: contentLanguage)
        let input = try DocumentInput.read(source, context: context)
        let feed: Feed
        do {
            feed = try FeedParser().parse(input.bytes, context: input.context)
        } catch {
            throw CommandError("\(source): \(error.message)")
        }
        if json {
            print(try FeedJSON.render(feed, html: rawHTML ? .verbatim : .sanitized))
        } else {
            print(FeedSummary.render(feed), terminator: "")
        }
    }
}
