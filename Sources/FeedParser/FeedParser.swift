import FeedModel
import XMLKit

/// Parses RSS 0.90–2.0, RSS 1.0 (RDF), Atom 0.3 and 1.0, and JSON Feed 1.0/1.1, detected from the
/// content. Broken documents are recovered where anything feed-like is in them: the result then has
/// `bozo` set and says why. Only a document with no feed in it at all is an error.
///
/// A parser holds no state between documents; one value can be used from any number of threads.
public struct FeedParser: Sendable {
    public var limits: ParseLimits

    public init(limits: ParseLimits = ParseLimits()) {
        self.limits = limits
    }

    public func parse(_ bytes: [UInt8], context: DocumentContext = DocumentContext()) throws(FeedParseError) -> Feed {
        guard bytes.count <= limits.maximumDocumentBytes else {
            throw FeedParseError(.tooLarge, "the document is \(bytes.count) bytes, over the limit of \(limits.maximumDocumentBytes) bytes")
        }
        let mediaType = MediaType(context.contentType)
        var reasons: [String] = []
        if let mediaType, !mediaType.isCommonFeedType {
            reasons.append("served as \(mediaType.type), not as an XML or JSON feed type")
        }
        var decoded = DocumentDecoder.decode(bytes, mediaType: mediaType, verifyUTF8: false)
        var feed: Feed
        var notes: [String]
        do {
            do {
                (feed, notes) = try Self.parseDecoded(decoded, base: context.baseURL, limits: limits, acceptProblems: !decoded.unverified)
            } catch is NeedsVerifiedUTF8 {
                decoded = DocumentDecoder.decode(bytes, mediaType: mediaType, verifyUTF8: true)
                (feed, notes) = try Self.parseDecoded(decoded, base: context.baseURL, limits: limits, acceptProblems: true)
            }
        } catch let error as FeedParseError {
            throw error
        } catch {
            throw FeedParseError(.notAFeed, "not a feed: \(error)")
        }
        if let problem = decoded.problem { reasons.append(problem) }
        reasons.append(contentsOf: notes)
        feed.encoding = decoded.encoding
        if feed.language == nil, let language = context.contentLanguage, !language.isEmpty { feed.language = language }
        feed.bozo = !reasons.isEmpty
        feed.bozoReason = reasons.isEmpty ? nil : reasons.joined(separator: "; ")
        return feed
    }

    /// Signals that a document taken as UTF-8 unchecked had problems and must be decoded properly first.
    private struct NeedsVerifiedUTF8: Error {}

    private static func parseDecoded(_ decoded: DocumentDecoder.Decoded, base: String?, limits: ParseLimits,
                                     acceptProblems: Bool) throws -> (Feed, [String]) {
        if looksLikeJSON(decoded.utf8) {
            if !acceptProblems, !Transcoder.isValidUTF8(decoded.utf8[...]) { throw NeedsVerifiedUTF8() }
            let feed = try JSONFeedReader.read(decoded.utf8, base: base)
            return (feed, feed.bozoReason.map { [$0] } ?? [])
        }
        let result: (feed: Feed, notes: [String])
        do {
            result = try parseXML(decoded.utf8, base: base, limits: limits)
        } catch {
            if !acceptProblems, !Transcoder.isValidUTF8(decoded.utf8[...]) { throw NeedsVerifiedUTF8() }
            throw error
        }
        if !acceptProblems, !result.notes.isEmpty, !Transcoder.isValidUTF8(decoded.utf8[...]) { throw NeedsVerifiedUTF8() }
        return result
    }

    /// Most feeds are well-formed, so the document is first read as it is. Only when libxml2 reports an
    /// error is it repaired (`MarkupRepair`) and read again; well-formed feeds never pay for the repair.
    private static func parseXML(_ document: [UInt8], base: String?, limits: ParseLimits) throws(FeedParseError) -> (feed: Feed, notes: [String]) {
        var utf8 = document
        var boundNotes: [String] = []
        if let bounded = AttributeLimit.bound(document) {
            utf8 = bounded.bytes
            boundNotes = [bounded.note]
        }
        let result = try parseBounded(utf8, base: base, limits: limits)
        return (result.feed, boundNotes + result.notes)
    }

    private static func parseBounded(_ utf8: [UInt8], base: String?, limits: ParseLimits) throws(FeedParseError) -> (feed: Feed, notes: [String]) {
        let first: Result<(feed: Feed, notes: [String], clean: Bool), FeedParseError>
        do {
            first = .success(try walkXML(utf8, base: base, limits: limits))
        } catch {
            first = .failure(error)
        }
        if case .success(let pass) = first, pass.clean { return (pass.feed, pass.notes) }
        let repaired = MarkupRepair.repair(utf8)
        if repaired.changed, let second = try? walkXML(repaired.bytes, base: base, limits: limits) {
            return (second.feed, repaired.notes + second.notes)
        }
        let pass = try first.get()
        return (pass.feed, pass.notes)
    }

    /// Streams the document through libxml2's SAX2 parser; if it was not well-formed, reads it again with
    /// libxml2's recovering tree parser, which sees some broken documents better, and keeps the better result.
    private static func walkXML(_ utf8: [UInt8], base: String?, limits: ParseLimits) throws(FeedParseError) -> (feed: Feed, notes: [String], clean: Bool) {
        let streamed = try walkOnce(utf8, base: base, limits: limits, recovering: false)
        if streamed.clean { return (streamed.feed ?? Feed(), streamed.notes, true) }
        // Not well-formed: libxml2's tree recovery may see more of it than the stream did; keep the better.
        let recovered = try? walkOnce(utf8, base: base, limits: limits, recovering: true)
        if let recovered, let feed = recovered.feed, feed.entries.count >= (streamed.feed?.entries.count ?? 0) {
            return (feed, recovered.notes, false)
        }
        if let feed = streamed.feed { return (feed, streamed.notes, false) }
        throw streamed.error ?? FeedParseError(.notAFeed, "not a feed: libxml2 could not read the document")
    }

    private struct Pass {
        var feed: Feed?
        var notes: [String]
        var failed: Bool
        var error: FeedParseError?
        /// libxml2 reported no error at all.
        var clean: Bool { !failed && error == nil && problemCount == 0 }
        var problemCount = 0
    }

    /// One pass: the SAX2 parser (fast, no tree), or for the second pass the recovering tree parser,
    /// which keeps going past errors where the stream cannot.
    private static func walkOnce(_ utf8: [UInt8], base: String?, limits: ParseLimits, recovering: Bool) throws(FeedParseError) -> Pass {
        let walker = XMLFeedWalker(limits: limits, documentBase: base, hasXMLBase: ByteScan.contains(utf8, "xml:base"))
        var pass = Pass(feed: nil, notes: [], failed: false, error: nil)
        var problems: [XMLStreamReader.Problem] = []
        var problemCount = 0
        do {
            if recovering {
                let reader = try XMLStreamReader(utf8: utf8, url: base, recovering: true)
                try XMLTreeEvents.drive(reader, into: walker)
                (pass.failed, problems, problemCount) = (reader.failed, reader.problems, reader.problemCount)
            } else {
                let parser = SAXParser(consumer: walker, url: base)
                defer { (pass.failed, problems, problemCount) = (parser.failed, parser.problems, parser.problemCount) }
                try parser.parse(utf8)
            }
            pass.feed = try walker.finish(problems: problems)
        } catch let error as FeedParseError {
            pass.error = error
        } catch {
            pass.error = FeedParseError(.notAFeed, "not a feed: \(error)")
        }
        pass.problemCount = problemCount
        pass.notes = walker.notes
        if let first = problems.first {
            let more = problemCount > 1 ? " (and \(problemCount - 1) more)" : ""
            pass.notes.append("not well-formed XML: \(first)\(more)")
        }
        if pass.feed == nil, !pass.failed, let error = pass.error { throw error }
        return pass
    }

    private static func looksLikeJSON(_ utf8: [UInt8]) -> Bool {
        for byte in utf8 {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "{"): return true
            default: return false
            }
        }
        return false
    }
}
