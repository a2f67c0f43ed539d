import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts a document to UTF-8 with the C library's iconv, which knows every encoding feeds use
/// (ISO-8859-*, windows-125x, KOI8-R, Shift_JIS, EUC-JP, GBK, Big5, EUC-KR, UTF-16/32).
enum Transcoder {
    /// Names documents use that iconv spells differently, or that are better read as their superset
    /// (as browsers do: GB2312 pages carry GBK characters, ISO-8859-1 pages carry windows-1252 quotes).
    private static let decodeAs: [String: String] = [
        "utf8": "UTF-8", "unicode-1-1-utf-8": "UTF-8",
        "latin1": "WINDOWS-1252", "latin-1": "WINDOWS-1252", "iso-8859-1": "WINDOWS-1252",
        "iso8859-1": "WINDOWS-1252", "iso_8859-1": "WINDOWS-1252", "us-ascii": "WINDOWS-1252", "ascii": "WINDOWS-1252",
        "gb2312": "GB18030", "gbk": "GB18030", "x-gbk": "GB18030", "euc-cn": "GB18030",
        "x-sjis": "SHIFT_JIS", "sjis": "SHIFT_JIS", "shift-jis": "SHIFT_JIS", "ms_kanji": "SHIFT_JIS",
        "windows-31j": "CP932", "x-euc-jp": "EUC-JP", "big5-hkscs": "BIG5-HKSCS", "x-mac-roman": "MACINTOSH",
        "ks-c-5601-1987": "CP949", "cp1252": "WINDOWS-1252", "unicode": "UTF-16", "u8": "UTF-8", "utf": "UTF-8",
        "cp65001": "UTF-8", "utf-8-sig": "UTF-8",
        // The Mac code pages, as Python and browsers name them.
        "macroman": "MACINTOSH", "mac-roman": "MACINTOSH", "mac": "MACINTOSH", "macintosh": "MACINTOSH",
        "maccyrillic": "MAC-CYRILLIC", "mac-cyrillic": "MAC-CYRILLIC", "x-mac-cyrillic": "MAC-CYRILLIC",
        "macukrainian": "MACUKRAINIAN", "mac-ukrainian": "MACUKRAINIAN", "x-mac-ukrainian": "MACUKRAINIAN",
        "maccentraleurope": "MAC-CENTRALEUROPE", "mac-centraleurope": "MAC-CENTRALEUROPE", "mac-latin2": "MAC-CENTRALEUROPE",
        "maclatin2": "MAC-CENTRALEUROPE", "x-mac-ce": "MAC-CENTRALEUROPE", "x-mac-centraleurroman": "MAC-CENTRALEUROPE",
        "maciceland": "MAC-IS", "mac-iceland": "MAC-IS", "x-mac-icelandic": "MAC-IS",
        // DOS and EBCDIC pages by their other names (the numbered ones are read by `codePage`).
        "cspc850multilingual": "CP850", "cspc8codepage437": "CP437", "cspc862latinhebrew": "CP862", "cp-is": "CP861",
        "cp-gr": "CP869", "ebcdic-cp-us": "CP037", "ebcdic-cp-ca": "CP037", "ebcdic-cp-wt": "CP037", "ebcdic-cp-nl": "CP037",
        "ebcdic-cp-be": "CP500", "ebcdic-cp-ch": "CP500", "ebcdic-cp-gr": "CP875", "ebcdic-cp-tr": "CP1026",
    ]

    /// The iconv name for an encoding label as feeds write it: any case, `_` for `-` (`windows_1251`,
    /// `ISO8859_15`), the aliases above, and DOS/IBM/EBCDIC code pages by number (`cp850`, `IBM861`,
    /// `csIBM500`, `850`).
    static func iconvNames(for label: String) -> [String] {
        let written = label.trimmed.lowercased()
        let dashed = written.replacingOccurrences(of: "_", with: "-")
        // The label as written first: some iconv names have an underscore of their own (MS_KANJI).
        let candidates = [decodeAs[written], decodeAs[dashed], codePage(dashed).map { "CP\($0)" }, written.uppercased(), dashed.uppercased()]
        var names: [String] = []
        for case let name? in candidates where !names.contains(name) { names.append(name) }
        return names
    }

    private static func codePage(_ name: String) -> String? {
        var rest = Substring(name)
        for prefix in ["csibm", "ibm-", "ibm", "cp-", "cp", "ms-", "dos-"] where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            break
        }
        guard (3...4).contains(rest.count), rest.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return String(rest)
    }

    /// The document as UTF-8, or nil when `encoding` is unknown or the bytes are not valid in it.
    static func utf8(from bytes: ArraySlice<UInt8>, encoding: String) -> [UInt8]? {
        for name in iconvNames(for: encoding) {
            if name == "UTF-8" { return isValidUTF8(bytes) ? Array(bytes) : nil }
            switch iconvert(bytes, from: name) {
            case .converted(let utf8): return utf8
            case .invalid where name == "WINDOWS-1252":
                // Five bytes are undefined in windows-1252; ISO-8859-1 maps every byte.
                if case .converted(let utf8) = iconvert(bytes, from: "ISO-8859-1") { return utf8 }
                return nil
            case .invalid: return nil
            case .unknownName: continue
            }
        }
        return nil
    }

    /// EBCDIC's line end (NEL, 0x15) decodes to U+0085, which XML does not take as white space.
    static func replacingNextLine(_ utf8: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            if utf8[index] == 0xC2, index + 1 < utf8.count, utf8[index + 1] == 0x85 {
                output.append(0x0A)
                index += 2
            } else {
                output.append(utf8[index])
                index += 1
            }
        }
        return output
    }

    static func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            // Skip ASCII eight bytes at a time; the standard library validates the rest.
            let index = ByteScan.asciiPrefixLength(buffer)
            if index == buffer.count { return true }
            return String(validating: UnsafeBufferPointer(rebasing: buffer[index...]), as: UTF8.self) != nil
        }
    }

    private enum Conversion {
        case converted([UInt8])
        /// The bytes are not valid in the encoding.
        case invalid
        /// iconv knows no encoding of that name.
        case unknownName
    }

    private static func iconvert(_ bytes: ArraySlice<UInt8>, from name: String) -> Conversion {
        let descriptor = iconv_open("UTF-8", name)
        guard let descriptor, Int(bitPattern: descriptor) != -1 else { return .unknownName }
        defer { iconv_close(descriptor) }
        var input = Array(bytes)
        var output = [UInt8](repeating: 0, count: max(16, input.count * 2 + 16))
        var written = 0
        let ok = input.withUnsafeMutableBufferPointer { inputBuffer -> Bool in
            var inputPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inputBuffer.baseAddress)?
                .assumingMemoryBound(to: CChar.self)
            var inputLeft = inputBuffer.count
            while true {
                let result: Int = output.withUnsafeMutableBufferPointer { outputBuffer in
                    var outputPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outputBuffer.baseAddress)?
                        .advanced(by: written).assumingMemoryBound(to: CChar.self)
                    var outputLeft = outputBuffer.count - written
                    let status = iconv(descriptor, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
                    written = outputBuffer.count - outputLeft
                    return status == -1 ? Int(errno) : 0
                }
                if result == 0 { return true }
                if result == Int(E2BIG) {
                    output.append(contentsOf: repeatElement(0, count: output.count))
                    continue
                }
                return false  // EILSEQ or EINVAL: not valid in this encoding
            }
        }
        guard ok else { return .invalid }
        output.removeSubrange(written...)
        return .converted(output)
    }
}
