import Foundation
import XMLKit

/// OPML subscription lists (OPML 2.0, as feed readers export them): every `<outline>` with an
/// `xmlUrl` is a feed, and the outlines around it without one are its folders, which become tags.
public enum OPML {
    public struct Subscription: Sendable, Equatable {
        public var url: String
        public var title: String?
        /// The folders it sits in, outermost first.
        public var tags: [String]

        public init(url: String, title: String?, tags: [String]) {
            self.url = url
            self.title = title
            self.tags = tags
        }
    }

    public struct OPMLError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The feeds of an OPML document, in document order, each URL once. Only http(s) feeds are kept;
    /// `skipped` says which outlines were left out, and why.
    public static func subscriptions(in bytes: [UInt8], file: String) throws(OPMLError) -> (feeds: [Subscription], skipped: [String]) {
        let reader: XMLStreamReader
        do {
            reader = try XMLStreamReader(utf8: bytes, url: nil)
        } catch {
            throw OPMLError(description: "\(file): cannot read it as XML: \(error)")
        }
        var folders: [(depth: Int, title: String)] = []
        var feeds: [Subscription] = [], skipped: [String] = [], seen = Set<String>()
        var sawRoot = false
        while reader.read() {
            guard reader.kind == .element else { continue }
            if !sawRoot {
                guard reader.localName == "opml" else { throw OPMLError(description: "\(file):\(reader.line): not OPML: the root is <\(reader.localName)>") }
                sawRoot = true
                continue
            }
            guard reader.localName == "outline" else { continue }
            folders.removeAll { $0.depth >= reader.depth }
            let title = (reader.attribute("title") ?? reader.attribute("text")).map(HTMLText.collapsingWhitespace).flatMap { $0.isEmpty ? nil : $0 }
            guard let url = reader.attribute("xmlUrl")?.trimmingCharacters(in: .whitespacesAndNewlines), !url.isEmpty else {
                if !reader.isEmptyElement, let title { folders.append((reader.depth, title)) }
                continue
            }
            guard url.lowercased().hasPrefix("http://") || url.lowercased().hasPrefix("https://") else {
                skipped.append("line \(reader.line): \(url): not an http(s) feed")
                continue
            }
            guard seen.insert(url).inserted else {
                skipped.append("line \(reader.line): \(url): listed twice")
                continue
            }
            feeds.append(Subscription(url: url, title: title, tags: folders.map(\.title)))
        }
        if reader.failed, let problem = reader.problems.last {
            throw OPMLError(description: "\(file): not well-formed XML at \(problem)")
        }
        guard sawRoot else { throw OPMLError(description: "\(file): not OPML: no <opml> element") }
        return (feeds, skipped)
    }

    /// An OPML 2.0 document of `feeds`: a folder per first tag, the feeds without tags at the top.
    public static func document(of feeds: [FeedConfig], title: String, created: Date = Date()) -> String {
        func outline(_ feed: FeedConfig, indent: String) -> String {
            let name = escaped(feed.name ?? feed.url)
            return "\(indent)<outline type=\"rss\" text=\"\(name)\" title=\"\(name)\" xmlUrl=\"\(escaped(feed.url))\"/>"
        }
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<opml version=\"2.0\">", "  <head>",
                     "    <title>\(escaped(title))</title>", "    <dateCreated>\(HTTPDateFormat.rfc822(created))</dateCreated>", "  </head>", "  <body>"]
        lines += feeds.filter(\.tags.isEmpty).map { outline($0, indent: "    ") }
        var folderOrder: [String] = []
        for feed in feeds { if let tag = feed.tags.first, !folderOrder.contains(tag) { folderOrder.append(tag) } }
        for folder in folderOrder {
            lines.append("    <outline text=\"\(escaped(folder))\" title=\"\(escaped(folder))\">")
            lines += feeds.filter { $0.tags.first == folder }.map { outline($0, indent: "      ") }
            lines.append("    </outline>")
        }
        return (lines + ["  </body>", "</opml>"]).joined(separator: "\n") + "\n"
    }

    /// Text as an XML attribute value.
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\n": result += "&#10;"
            case "\t": result += "&#9;"
            default:
                // Control characters are not allowed in XML 1.0 at all.
                if scalar.value < 0x20 && scalar != "\r" { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// OPML's `dateCreated` is an RFC 822 date.
enum HTTPDateFormat {
    static func rfc822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
