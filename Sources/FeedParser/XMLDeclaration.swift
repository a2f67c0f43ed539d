/// After the document is transcoded to UTF-8 its declaration may still name the old encoding, and
/// libxml2 2.9 follows the declaration over the encoding it is given. So the declaration is made true.
enum XMLDeclaration {
    static func declaringUTF8(_ bytes: [UInt8]) -> [UInt8] {
        let head = bytes.prefix(256)
        guard head.starts(with: Array("<?xml".utf8)),
              let close = head.indices.first(where: { $0 + 1 < head.endIndex && head[$0] == 0x3F && head[$0 + 1] == 0x3E })
        else { return bytes }
        let declaration = String(decoding: head[..<close], as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else { return bytes }
        let afterKey = declaration[key.upperBound...]
        guard let quoteIndex = afterKey.firstIndex(where: { $0 == "\"" || $0 == "'" }) else { return bytes }
        let quote = afterKey[quoteIndex]
        let valueStart = afterKey.index(after: quoteIndex)
        guard let valueEnd = afterKey[valueStart...].firstIndex(of: quote) else { return bytes }
        if afterKey[valueStart..<valueEnd].lowercased() == "utf-8" { return bytes }
        let rewritten = declaration[..<key.lowerBound] + "encoding=\"UTF-8\"" + declaration[afterKey.index(after: valueEnd)...]
        return Array(rewritten.utf8) + bytes[close...]
    }
}
