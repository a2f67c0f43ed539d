import CharsetDetection

/// Turns a document's bytes into UTF-8, recovering from documents that lie about their encoding.
enum DocumentDecoder {
    struct Decoded {
        var utf8: [UInt8]
        var encoding: String
        /// Taken as UTF-8 without checking; libxml2 checks as it parses, and a document it rejects is
        /// decoded again with `verifyUTF8`.
        var unverified = false
        /// Why the result had to be recovered, for `bozo_reason`.
        var problem: String?
    }

    static func decode(_ bytes: [UInt8], mediaType: MediaType?, verifyUTF8: Bool = true) -> Decoded {
        var decoded = transcode(bytes, mediaType: mediaType, verifyUTF8: verifyUTF8)
        if let repaired = DoubleEncoding.repair(decoded.utf8) {
            decoded.utf8 = repaired.utf8
            let note = "double-encoded UTF-8 repaired (\(repaired.sequences) sequence(s) such as â€¦ for …)"
            decoded.problem = decoded.problem.map { "\($0); \(note)" } ?? note
        }
        decoded.utf8 = XMLDeclaration.declaringUTF8(decoded.utf8)
        return decoded
    }

    private static func transcode(_ bytes: [UInt8], mediaType: MediaType?, verifyUTF8: Bool) -> Decoded {
        let decision = EncodingDetector.detect(bytes, mediaType: mediaType)
        if decision.bomLength == 0, decision.encoding == "utf-8", !verifyUTF8 {
            return Decoded(utf8: bytes, encoding: "utf-8", unverified: true, problem: decision.conflict)  // no copy
        }
        if decision.bomLength == 0, decision.encoding == "utf-8", Transcoder.isValidUTF8(bytes[...]) {
            return Decoded(utf8: bytes, encoding: "utf-8", problem: decision.conflict)  // no copy
        }
        if !decision.declared, !mostlyUTF8(bytes[...]), let guess = CharsetDetector.detect(bytes[...]), guess != "utf-8",
           let utf8 = Transcoder.utf8(from: bytes[...], encoding: guess) {
            // Nothing said what it is and it is not UTF-8: ask a detector rather than guess windows-1252.
            return Decoded(utf8: utf8, encoding: guess, problem: "no encoding declared and not utf-8; detected \(guess)")
        }
        let body = bytes[decision.bomLength...]
        if var utf8 = Transcoder.utf8(from: body, encoding: decision.encoding) {
            if EncodingDetector.isEBCDICDeclaration(bytes) { utf8 = Transcoder.replacingNextLine(utf8) }
            return Decoded(utf8: utf8, encoding: decision.encoding, problem: decision.conflict)
        }
        let claim = "the document is not valid \(decision.encoding)"
        if decision.encoding != "utf-8", let utf8 = Transcoder.utf8(from: body, encoding: "utf-8") {
            return Decoded(utf8: utf8, encoding: "utf-8", problem: "\(claim); read as utf-8")
        }
        if mostlyUTF8(body) {
            let repaired = Array(String(decoding: body, as: UTF8.self).utf8)
            return Decoded(utf8: repaired, encoding: "utf-8",
                           problem: "\(claim); invalid byte sequences replaced with U+FFFD")
        }
        if let guess = CharsetDetector.detect(body), guess != decision.encoding, guess != "utf-8",
           let utf8 = Transcoder.utf8(from: body, encoding: guess) {
            return Decoded(utf8: utf8, encoding: guess, problem: "\(claim); detected \(guess)")
        }
        let fallback = Transcoder.utf8(from: body, encoding: "windows-1252") ?? Array(String(decoding: body, as: UTF8.self).utf8)
        return Decoded(utf8: fallback, encoding: "windows-1252", problem: "\(claim); read as windows-1252")
    }

    /// True when well-formed multi-byte UTF-8 sequences outnumber stray high bytes: a UTF-8 document
    /// with a few broken bytes, rather than a single-byte encoding mislabelled as UTF-8.
    private static func mostlyUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        var valid = 0
        var invalid = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >= 0xF0 && lead < 0xF5 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0
            if length == 1 { index += 1; continue }
            if length >= 2, index + length <= bytes.endIndex,
               bytes[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 }) {
                valid += 1
                index += length
            } else {
                invalid += 1
                index += 1
            }
        }
        return valid > invalid
    }
}
