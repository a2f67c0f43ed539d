/// Decides a document's character encoding from its bytes and the HTTP Content-Type, in the order
/// RFC 7303 §3 sets for XML media types:
/// 1. a byte order mark;
/// 2. the `charset` parameter of an XML (`application/xml`, `text/xml`, `*+xml`) or `text/*` type;
/// 3. the encoding in the XML declaration (or the byte pattern of `<?xml` in UTF-16/32, XML 1.0 App. F);
/// 4. UTF-8.
struct EncodingDetector {
    struct Decision: Equatable {
        /// The encoding to decode with (lowercase).
        var encoding: String
        /// How many leading bytes are a byte order mark.
        var bomLength: Int
        /// Set when the sources disagreed in a way that shows a mistake, e.g. a UTF-16 declaration on
        /// bytes that are plainly ASCII.
        var conflict: String?
        /// False when nothing said what the encoding is and UTF-8 is only the default.
        var declared = true
    }

    static func detect(_ bytes: [UInt8], mediaType: MediaType?) -> Decision {
        if let bom = byteOrderMark(bytes) {
            return Decision(encoding: bom.encoding, bomLength: bom.length, conflict: nil)
        }
        let pattern = xmlDeclarationPattern(bytes)
        if let charset = mediaType?.charset, mediaType?.isXML == true || mediaType?.isText == true {
            return Decision(encoding: charset, bomLength: 0, conflict: nil)
        }
        if let pattern { return Decision(encoding: pattern, bomLength: 0, conflict: nil) }
        if isEBCDICDeclaration(bytes) {
            // `<?xml` in EBCDIC: the declaration's characters are the same in every EBCDIC page, so
            // read it as cp037 to learn which page the rest is in.
            let head = Transcoder.utf8(from: bytes.prefix(256), encoding: "cp037") ?? []
            return Decision(encoding: declaredEncoding(head) ?? "cp037", bomLength: 0, conflict: nil)
        }
        guard let declared = declaredEncoding(bytes) else {
            return Decision(encoding: "utf-8", bomLength: 0, conflict: nil, declared: false)
        }
        if declared.hasPrefix("utf-16") || declared.hasPrefix("utf-32") || declared == "ucs-2" {
            // The declaration was readable as ASCII, so the bytes cannot be UTF-16/32 without a BOM.
            return Decision(encoding: "utf-8", bomLength: 0,
                            conflict: "the document declares \(declared) but its bytes are not \(declared); read as utf-8")
        }
        return Decision(encoding: declared, bomLength: 0, conflict: nil)
    }

    private static func byteOrderMark(_ bytes: [UInt8]) -> (encoding: String, length: Int)? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return ("utf-8", 3) }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return ("utf-32be", 4) }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return ("utf-32le", 4) }
        if bytes.starts(with: [0xFE, 0xFF]) { return ("utf-16be", 2) }
        if bytes.starts(with: [0xFF, 0xFE]) { return ("utf-16le", 2) }
        return nil
    }

    static func isEBCDICDeclaration(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0x4C, 0x6F, 0xA7, 0x94])
    }

    /// `<?` (or `<` then `?`) in UTF-16/32 without a BOM.
    private static func xmlDeclarationPattern(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 4 else { return nil }
        switch (bytes[0], bytes[1], bytes[2], bytes[3]) {
        case (0x00, 0x00, 0x00, 0x3C): return "utf-32be"
        case (0x3C, 0x00, 0x00, 0x00): return "utf-32le"
        case (0x00, 0x3C, 0x00, 0x3F): return "utf-16be"
        case (0x3C, 0x00, 0x3F, 0x00): return "utf-16le"
        default: return nil
        }
    }

    /// The `encoding="…"` of an XML declaration in an ASCII-compatible document, lowercased.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(1024)
        guard let start = find(Array("<?xml".utf8), in: head) else { return nil }
        guard let end = find(Array("?>".utf8), in: head[start...]) else { return nil }
        let declaration = String(decoding: head[start..<end], as: UTF8.self)
        guard let keyRange = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[keyRange.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        return value.isEmpty ? nil : value.lowercased()
    }

    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = haystack.startIndex
        while index <= haystack.endIndex - needle.count {
            if haystack[index] == needle[0], haystack[index..<index + needle.count].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}
