import CLibXML2

/// Plain text from an HTML fragment, with libxml2's forgiving HTML parser: tags dropped, entities
/// decoded, `script`/`style` content left out, and whitespace (including no-break spaces)
/// collapsed to single spaces. Block-level tags become spaces so "a</p><p>b" does not read "ab".
public enum HTMLText {
    public static func plainText(fromHTML html: String) -> String {
        var needsParser = false
        for byte in html.utf8 where byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") {
            needsParser = true
            break
        }
        guard needsParser else { return collapsingWhitespace(html) }

        let collector = TextCollector()
        var handler = htmlSAXHandler()
        handler.characters = { context, characters, length in
            guard let context, let characters else { return }
            Unmanaged<TextCollector>.fromOpaque(context).takeUnretainedValue()
                .append(UnsafeBufferPointer(start: characters, count: Int(length)))
        }
        handler.startElement = { context, name, _ in
            guard let context, let name else { return }
            Unmanaged<TextCollector>.fromOpaque(context).takeUnretainedValue().open(name)
        }
        handler.endElement = { context, name in
            guard let context, let name else { return }
            Unmanaged<TextCollector>.fromOpaque(context).takeUnretainedValue().close(name)
        }
        let context = Unmanaged.passUnretained(collector).toOpaque()
        guard let parser = htmlCreatePushParserCtxt(&handler, context, nil, 0, nil, XML_CHAR_ENCODING_UTF8) else {
            return collapsingWhitespace(html)
        }
        defer { htmlFreeParserCtxt(parser) }
        _ = htmlCtxtUseOptions(parser, Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue
            | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue))
        var source = html
        source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                _ = htmlParseChunk(parser, chars.baseAddress, Int32(chars.count), 1)
            }
        }
        return collector.text
    }

    /// Whitespace runs to one space, trimmed at both ends. A no-break space is text, not a space to
    /// collapse: it is kept as the feed wrote it.
    /// Works on UTF-8 bytes and returns the input itself when it is already collapsed, the common case.
    public static func collapsingWhitespace(_ text: String) -> String {
        var source = text
        return source.withUTF8 { bytes -> String in
            if isCollapsed(bytes) { return text }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = !output.isEmpty
                    index += 1
                    continue
                }
                if pendingSpace { output.append(0x20); pendingSpace = false }
                output.append(byte)
                index += 1
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    private static func isCollapsed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        if first == 0x20 || last == 0x20 { return false }
        var previousSpace = false
        for byte in bytes {
            if byte == 0x20 {
                if previousSpace { return false }
                previousSpace = true
            } else if byte >= 0x09 && byte <= 0x0D {
                return false
            } else {
                previousSpace = false
            }
        }
        return true
    }
}

private final class TextCollector {
    private var bytes: [UInt8] = []
    private var pendingSpace = false
    private var hiddenDepth = 0

    private static let hidden: Set<String> = ["script", "style", "head", "title", "noscript", "template"]
    private static let blocks: Set<String> = [
        "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
        "blockquote", "pre", "hr", "section", "article", "header", "footer", "figure", "figcaption",
        "table", "dd", "dt", "img",
    ]

    var text: String { String(decoding: bytes, as: UTF8.self) }

    func open(_ name: UnsafePointer<xmlChar>) {
        let tag = String(cString: name)
        if Self.hidden.contains(tag) { hiddenDepth += 1 }
        if Self.blocks.contains(tag) { pendingSpace = !bytes.isEmpty }
    }

    func close(_ name: UnsafePointer<xmlChar>) {
        let tag = String(cString: name)
        if Self.hidden.contains(tag), hiddenDepth > 0 { hiddenDepth -= 1 }
        if Self.blocks.contains(tag) { pendingSpace = !bytes.isEmpty }
    }

    func append(_ characters: UnsafeBufferPointer<xmlChar>) {
        guard hiddenDepth == 0 else { return }
        var index = 0
        while index < characters.count {
            let byte = characters[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                pendingSpace = !bytes.isEmpty
                index += 1
                continue
            }
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
            }
            bytes.append(byte)
            index += 1
        }
    }
}
