/// A lenient pass over UTF-8 XML that fixes what breaks real feeds before libxml2 sees them, the way
/// forgiving parsers do: bytes before the document, control characters XML forbids, a bare `&`, and
/// HTML named entities (`&nbsp;`, `&mdash;`) that XML does not define. CDATA sections and comments are
/// left alone. Each fix is noted for `bozo_reason`. A document that needs nothing is returned as is.
enum MarkupRepair {
    struct Result {
        var bytes: [UInt8]
        var notes: [String]
        /// Whether anything was changed (stripping white space before the declaration adds no note).
        var changed: Bool
    }

    static func repair(_ input: [UInt8]) -> Result {
        var notes: [String] = []
        let start = documentStart(input)
        if start.skippedText { notes.append("text before the XML document was ignored") }
        let definesEntities = declaresEntities(input)
        var output: [UInt8] = []
        var copiedUpTo = start.offset
        var changed = start.offset > 0
        var firstAmpersandOffset: Int?
        var firstUndefinedEntity: (name: String, offset: Int)?
        var controlCharacters = 0
        var upperCaseHexReferences = 0

        input.withUnsafeBufferPointer { bytes in
            func flush(to index: Int) {
                if !changed { changed = true }
                if output.isEmpty { output.reserveCapacity(bytes.count + 64) }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo..<index]))
            }
            var index = start.offset
            let end = bytes.count
            while index < end {
                index = ByteScan.nextSpecial(bytes, from: index)
                guard index < end else { break }
                let byte = bytes[index]
                if byte == 0x0A || byte == 0x09 || byte == 0x0D {
                    index += 1
                    continue
                }
                if byte == 0x3C {  // '<': step over CDATA sections and comments whole
                    if index + 1 < end, bytes[index + 1] == 0x21, let skipTo = skipLiteralSection(bytes, at: index) {
                        index = skipTo
                    } else {
                        index += 1
                    }
                    continue
                }
                if byte == 0x26 {  // '&'
                    switch classifyReference(bytes, at: index, definesEntities: definesEntities) {
                    case .valid(let length):
                        index += length
                    case .upperCaseHex(let length):
                        flush(to: index)
                        output.append(contentsOf: Array("&#x".utf8))
                        copiedUpTo = index + 3
                        index += length
                        upperCaseHexReferences += 1
                    case .bare:
                        flush(to: index)
                        output.append(contentsOf: Array("&amp;".utf8))
                        copiedUpTo = index + 1
                        index += 1
                        if firstAmpersandOffset == nil { firstAmpersandOffset = index - 1 }
                    case .html(let name, let codePoint, let length):
                        flush(to: index)
                        output.append(contentsOf: Array("&#\(codePoint);".utf8))
                        copiedUpTo = index + length
                        index += length
                        if firstUndefinedEntity == nil { firstUndefinedEntity = (name, index - length) }
                    }
                    continue
                }
                if byte < 0x20 {  // a control character XML 1.0 forbids (tab, CR, LF were handled above)
                    flush(to: index)
                    copiedUpTo = index + 1
                    controlCharacters += 1
                    index += 1
                    continue
                }
                index += 1
            }
            if changed { flush(to: end) }
        }
        // Line numbers are counted only for what is reported, not during the scan.
        if let offset = firstAmpersandOffset { notes.append("unescaped & at line \(ByteScan.lineNumber(of: offset, in: input))") }
        if let entity = firstUndefinedEntity {
            notes.append("HTML entity &\(entity.name); at line \(ByteScan.lineNumber(of: entity.offset, in: input)) is not defined in XML")
        }
        if upperCaseHexReferences > 0 { notes.append("\(upperCaseHexReferences) character reference(s) written &#X…; read as &#x…") }
        if controlCharacters > 0 { notes.append("\(controlCharacters) control character(s) not allowed in XML removed") }
        return Result(bytes: changed ? output : input, notes: notes, changed: changed)
    }

    /// Where the document proper starts: at `<?xml` if it appears near the top, else at the first `<`.
    private static func documentStart(_ bytes: [UInt8]) -> (offset: Int, skippedText: Bool) {
        guard let firstAngle = bytes.firstIndex(of: 0x3C) else { return (0, false) }
        var start = firstAngle
        let window = bytes.prefix(4096)
        let declaration = Array("<?xml".utf8)
        if firstAngle + declaration.count <= bytes.count,
           !bytes[firstAngle..<firstAngle + declaration.count].elementsEqual(declaration),
           let found = window.indices.dropLast(declaration.count - 1).first(where: {
               bytes[$0] == 0x3C && bytes[$0..<$0 + declaration.count].elementsEqual(declaration)
           }) {
            start = found
        }
        let skipped = bytes[..<start].contains { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
        return (start, skipped)
    }

    /// Whether the document's DTD declares entities of its own; then unknown `&name;` are left to libxml2.
    private static func declaresEntities(_ bytes: [UInt8]) -> Bool {
        let needle = Array("<!ENTITY".utf8)
        let head = bytes.prefix(65_536)
        guard head.count >= needle.count else { return false }
        return head.indices.dropLast(needle.count - 1).contains { head[$0] == 0x3C && head[$0..<$0 + needle.count].elementsEqual(needle) }
    }

    private enum Reference {
        case valid(length: Int)
        /// `&#X41;`: HTML reads an upper-case X as hexadecimal, XML does not.
        case upperCaseHex(length: Int)
        case bare
        case html(name: String, codePoint: UInt32, length: Int)
    }

    private static let xmlEntities: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    private static func classifyReference(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, definesEntities: Bool) -> Reference {
        var cursor = index + 1
        let limit = min(bytes.count, index + 40)
        if cursor < limit, bytes[cursor] == 0x23 {  // '#'
            cursor += 1
            let hex = cursor < limit && (bytes[cursor] == 0x78 || bytes[cursor] == 0x58)
            if hex { cursor += 1 }
            let digitsStart = cursor
            while cursor < limit, isDigit(bytes[cursor], hex: hex) { cursor += 1 }
            if cursor > digitsStart, cursor < limit, bytes[cursor] == 0x3B {
                return bytes[index + 2] == 0x58 ? .upperCaseHex(length: cursor + 1 - index) : .valid(length: cursor + 1 - index)
            }
            return .bare
        }
        let nameStart = cursor
        while cursor < limit, isNameByte(bytes[cursor]) { cursor += 1 }
        guard cursor > nameStart, cursor < limit, bytes[cursor] == 0x3B else { return .bare }
        if isPredefined(bytes, nameStart, cursor) { return .valid(length: cursor + 1 - index) }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<cursor]), as: UTF8.self)
        if xmlEntities.contains(name) { return .valid(length: cursor + 1 - index) }
        if let codePoint = HTMLEntities.codePoints[name] {
            return .html(name: name, codePoint: codePoint, length: cursor + 1 - index)
        }
        return definesEntities ? .valid(length: cursor + 1 - index) : .bare
    }

    /// amp, lt, gt, quot, apos — checked on the bytes, since escaped HTML is full of them.
    private static func isPredefined(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        switch end - start {
        case 2: return (bytes[start] == 0x6C || bytes[start] == 0x67) && bytes[start + 1] == 0x74  // lt gt
        case 3: return bytes[start] == 0x61 && bytes[start + 1] == 0x6D && bytes[start + 2] == 0x70  // amp
        case 4:
            return (bytes[start] == 0x71 && bytes[start + 1] == 0x75 && bytes[start + 2] == 0x6F && bytes[start + 3] == 0x74)
                || (bytes[start] == 0x61 && bytes[start + 1] == 0x70 && bytes[start + 2] == 0x6F && bytes[start + 3] == 0x73)
        default: return false
        }
    }

    private static func isDigit(_ byte: UInt8, hex: Bool) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (hex && ((byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)))
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x5F || byte == 0x2D || byte == 0x2E || byte == 0x3A
    }

    /// The index just past a CDATA section or comment starting at `index`, or nil if none starts there.
    private static func skipLiteralSection(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let cdataOpen = Array("<![CDATA[".utf8), commentOpen = Array("<!--".utf8)
        for (open, close) in [(cdataOpen, Array("]]>".utf8)), (commentOpen, Array("-->".utf8))] {
            guard index + open.count <= bytes.count,
                  UnsafeBufferPointer(rebasing: bytes[index..<index + open.count]).elementsEqual(open) else { continue }
            var cursor = index + open.count
            while cursor + close.count <= bytes.count {
                if bytes[cursor] == close[0], UnsafeBufferPointer(rebasing: bytes[cursor..<cursor + close.count]).elementsEqual(close) {
                    return cursor + close.count
                }
                cursor += 1
            }
            return bytes.count  // unterminated: the rest is literal text, libxml2 reports it
        }
        return nil
    }
}
