extension StringProtocol {
    /// The text without leading and trailing whitespace. Works on UTF-8 directly: Foundation's
    /// `trimmingCharacters(in:)` goes through NSString and was most of the parser's time.
    public var trimmed: String {
        // Fast path on UTF-8: ASCII white space at both ends (the common case), no copy when there is none.
        let whole = String(self)
        let bytes = whole.utf8
        if let firstByte = bytes.first, let lastByte = bytes.last, firstByte < 0x80, lastByte < 0x80 {
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
            if !isSpace(firstByte), !isSpace(lastByte) { return whole }
            guard let first = bytes.firstIndex(where: { !isSpace($0) }) else { return "" }
            let last = bytes.lastIndex(where: { !isSpace($0) }) ?? first
            if bytes[first] < 0x80, bytes[last] < 0x80 {
                return String(decoding: bytes[first...last], as: UTF8.self)
            }
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isFeedWhitespace }) else { return "" }
        guard let last = scalars.lastIndex(where: { !$0.isFeedWhitespace }) else { return "" }
        let lastCharacter = scalars.index(after: last)
        if first == scalars.startIndex, lastCharacter == scalars.endIndex { return String(self) }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[first..<lastCharacter])
        return result
    }

    /// True when the text has anything but whitespace.
    public var hasVisibleText: Bool {
        unicodeScalars.contains { !$0.isFeedWhitespace }
    }
}

extension Unicode.Scalar {
    /// Unicode whitespace, with the ASCII cases decided without a property lookup.
    @inlinable public var isFeedWhitespace: Bool {
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return properties.isWhitespace
    }
}
