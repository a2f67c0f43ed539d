import FeedParser
import XMLKit

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    XMLLibrary.initialize()
    return 0
}

/// Any text as HTML: plain text out, and sanitized HTML with no element that can run code, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = HTMLText.plainText(fromHTML: text)
    _ = HTMLText.collapsingWhitespace(text)
    let sanitized = HTMLSanitizer.sanitize(text, base: "http://fuzz.example/")
    // Every `<` in sanitized output starts a tag the sanitizer wrote (text has it escaped).
    let lower = sanitized.lowercased()
    for forbidden in ["<script", "<style", "<iframe", "<object", "<embed", "<applet", "<meta", "<link", "<frame"]
    where lower.contains(forbidden) {
        fatalError("sanitized HTML holds \(forbidden): \(sanitized)")
    }
    return 0
}
