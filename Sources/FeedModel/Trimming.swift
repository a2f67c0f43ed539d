extension StringProtocol {
    /// The text without leading and trailing whitespace. Works on UTF-8 directly: Foundation's
    /// `trimmingCharacters(in:)` goes through NSString and was most of the parser's time.
    public var trimmed: String {
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
