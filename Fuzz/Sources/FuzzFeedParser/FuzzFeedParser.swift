import FeedParser
import XMLKit

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    XMLLibrary.initialize()
    return 0
}

/// Any bytes, with and without an HTTP charset: the parser returns a feed or a FeedParseError, never crashes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parser = FeedParser(limits: ParseLimits(maximumDocumentBytes: 1 << 20))
    if let feed = try? parser.parse(bytes, context: DocumentContext(url: "http://fuzz.example/feed")) {
        for entry in feed.entries { _ = (entry.summaryText, entry.contentText) }
    }
    _ = try? parser.parse(bytes, context: DocumentContext(contentType: "text/xml; charset=windows-1252"))
    return 0
}
