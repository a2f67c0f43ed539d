/// Bounds the attributes of one element before libxml2 sees them: libxml2 checks each new attribute
/// against all the earlier ones of its element, so 100,000 attributes on one tag cost seconds. Real
/// elements have a handful; past `maximum`, the rest of the tag is dropped and the reason noted.
enum AttributeLimit {
    static let maximum = 1024

    /// The document with over-long tags cut, and why; nil when no tag is near the limit, which one
    /// pass counting `=` decides for almost every document.
    static func bound(_ utf8: [UInt8]) -> (bytes: [UInt8], note: String)? {
        let longTags: [(open: Int, close: Int)] = utf8.withUnsafeBufferPointer { buffer in
            // Hundreds of attributes packed together show as a stretch dense in `=`, which ordinary
            // text and markup never are; only then are the tags themselves looked at.
            guard ByteScan.hasDenseRun(of: UInt8(ascii: "="), in: buffer, window: 4096, limit: 128) else { return [] }
            // Only a tag long enough to hold that many attributes is looked at closely. Its end is the
            // first `>` outside quotes (a value may hold one); comments, CDATA and declarations are
            // stepped over whole.
            var found: [(Int, Int)] = []
            var index = 0
            while let open = ByteScan.index(of: UInt8(ascii: "<"), in: buffer, from: index) {
                guard open + 1 < buffer.count else { break }
                if buffer[open + 1] == UInt8(ascii: "!") || buffer[open + 1] == UInt8(ascii: "?") {
                    index = skipDeclaration(buffer, from: open)
                    continue
                }
                guard let close = tagEnd(buffer, from: open) else { break }
                if close - open > maximum * 3 { found.append((open, close)) }
                index = close + 1
            }
            return found
        }
        var output: [UInt8] = []
        var copiedUpTo = 0
        var cut = 0
        var firstLine: Int?
        for (open, close) in longTags {
            guard let end = endOfAttribute(number: maximum, in: utf8, from: open, to: close) else { continue }
            // Keep the tag up to the end of its last allowed attribute, then close it as it was closed.
            if output.isEmpty { output.reserveCapacity(utf8.count) }
            output.append(contentsOf: utf8[copiedUpTo..<end])
            if utf8[close - 1] == UInt8(ascii: "/") { output.append(UInt8(ascii: "/")) }
            output.append(UInt8(ascii: ">"))
            copiedUpTo = close + 1
            cut += 1
            if firstLine == nil { firstLine = ByteScan.lineNumber(of: open, in: utf8) }
        }
        guard cut > 0, let firstLine else { return nil }
        output.append(contentsOf: utf8[copiedUpTo...])
        return (output, "\(cut) element(s) with more than \(maximum) attributes, the first at line \(firstLine); the rest of their attributes were ignored")
    }

    /// The `>` that ends the tag opened at `start`, skipping quoted values.
    private static func tagEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var quote: UInt8?
        var index = start + 1
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Just past a comment, CDATA section, DOCTYPE or processing instruction starting at `start`.
    private static func skipDeclaration(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let rest = UnsafeBufferPointer(rebasing: bytes[start...])
        for (open, close) in [("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>")] where rest.starts(with: Array(open.utf8)) {
            let closing = Array(close.utf8)
            var index = start + open.utf8.count
            while let candidate = ByteScan.index(of: closing[0], in: bytes, from: index) {
                if UnsafeBufferPointer(rebasing: bytes[candidate...]).starts(with: closing) { return candidate + closing.count }
                index = candidate + 1
            }
            return bytes.count
        }
        return (ByteScan.index(of: UInt8(ascii: ">"), in: bytes, from: start) ?? bytes.count - 1) + 1  // <!DOCTYPE …>
    }

    /// Where the `count`-th attribute of the tag ends (after its closing quote), or nil when the tag
    /// has fewer. Quoted values are skipped whole, so an `=` inside one does not count.
    private static func endOfAttribute(number count: Int, in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        var seen = 0
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                guard let closing = bytes[(index + 1)..<end].firstIndex(of: byte) else { return nil }
                seen += 1
                index = closing + 1
                if seen == count { return index }
                continue
            }
            index += 1
        }
        return nil
    }
}
