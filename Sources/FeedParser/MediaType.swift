import FeedModel
import Foundation

/// An HTTP Content-Type split into its media type and charset parameter.
struct MediaType: Equatable {
    let type: String
    let charset: String?

    init?(_ header: String?) {
        guard let header else { return nil }
        let parts = header.split(separator: ";", omittingEmptySubsequences: false)
        let type = parts.first.map { $0.trimmed.lowercased() } ?? ""
        guard !type.isEmpty else { return nil }
        var charset: String?
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmed.lowercased() == "charset" else { continue }
            let value = pair[1].trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            if !value.isEmpty { charset = value.lowercased() }
        }
        self.type = type
        self.charset = charset
    }

    /// `application/xml`, `text/xml` and every `+xml` type: RFC 7303 governs their charset.
    var isXML: Bool { type.hasSuffix("/xml") || type.hasSuffix("+xml") || type == "application/xml-dtd" }
    var isJSON: Bool { type.hasSuffix("/json") || type.hasSuffix("+json") }
    var isText: Bool { type.hasPrefix("text/") }
    /// Types that feeds are commonly (if wrongly) served with, which are not worth a bozo flag.
    var isCommonFeedType: Bool {
        isXML || isJSON || type == "application/octet-stream" || type == "text/plain"
    }
}
