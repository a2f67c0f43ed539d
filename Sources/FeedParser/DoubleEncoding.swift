/// Repairs UTF-8 that was encoded twice: text decoded as windows-1252 by mistake and encoded as UTF-8
/// again, so that `…` (E2 80 A6) arrives as `â€¦`. Such a run of characters is turned back into the
/// windows-1252 bytes it came from; where those bytes are valid UTF-8, they are what the text was.
/// Only the lead characters double encoding produces for Latin and Cyrillic text and for punctuation
/// count (`Â`, `Ã`, `â`, `Ð`, `Ñ`): an accented letter of ordinary text followed by punctuation or a
/// no-break space (`Spaß“`, `CAFÉ !`) is left alone.
enum DoubleEncoding {
    struct Repaired {
        var utf8: [UInt8]
        var sequences: Int
    }

    /// The repaired document, or nil when it shows no double encoding (the common case, decided by
    /// one pass over the bytes).
    static func repair(_ utf8: [UInt8]) -> Repaired? {
        guard mayBeDoubleEncoded(utf8) else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count)
        var sequences = 0
        // A run of characters windows-1252 can encode: each one's byte, and where it was in the document.
        var run: [(byte: UInt8, source: Range<Int>)] = []
        func flushRun() {
            var position = 0
            while position < run.count {
                let length = validSequenceLength(run, at: position)
                if length > 1 {
                    output.append(contentsOf: run[position..<position + length].map(\.byte))
                    sequences += 1
                    position += length
                } else {
                    output.append(contentsOf: utf8[run[position].source])
                    position += 1
                }
            }
            run.removeAll(keepingCapacity: true)
        }
        var index = 0
        while index < utf8.count {
            let (scalar, length) = decodeScalar(utf8, at: index)
            if let byte = scalar.flatMap(windows1252Byte) {
                run.append((byte, index..<index + length))
            } else {
                flushRun()
                output.append(contentsOf: utf8[index..<index + length])
            }
            index += length
        }
        flushRun()
        return sequences > 0 ? Repaired(utf8: output, sequences: sequences) : nil
    }

    /// The length of the UTF-8 multi-byte character the run's bytes spell from `position`, else 1.
    private static func validSequenceLength(_ run: [(byte: UInt8, source: Range<Int>)], at position: Int) -> Int {
        let lead = run[position].byte
        guard leads.contains(lead) else { return 1 }
        let length = lead == 0xE2 ? 3 : 2
        guard position + length <= run.count else { return 1 }
        let bytes = run[position..<position + length].map(\.byte)
        return String(validating: bytes, as: UTF8.self) == nil ? 1 : length
    }

    /// The windows-1252 bytes of `Â`, `Ã`, `â`, `Ð`, `Ñ`: the UTF-8 lead bytes of the Latin-1 range,
    /// of punctuation (“ ” – — … €) and of Cyrillic.
    private static let leads: Set<UInt8> = [0xC2, 0xC3, 0xE2, 0xD0, 0xD1]

    /// One of those leads followed by another non-ASCII character: the mark of double encoding.
    private static func mayBeDoubleEncoded(_ utf8: [UInt8]) -> Bool {
        utf8.withUnsafeBufferPointer { bytes in
            var index = 0
            while let found = ByteScan.index(of: 0xC3, in: bytes, from: index) {
                guard found + 2 < bytes.count else { return false }
                if [0x82, 0x83, 0xA2, 0x90, 0x91].contains(bytes[found + 1]), bytes[found + 2] >= 0xC2 { return true }
                index = found + 1
            }
            return false
        }
    }

    private static func decodeScalar(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar?, Int) {
        let lead = bytes[index]
        let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard length > 1, index + length <= bytes.count else { return (lead < 0x80 ? Unicode.Scalar(lead) : nil, 1) }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return (nil, 1) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return (Unicode.Scalar(value), length)
    }

    /// The windows-1252 byte (0x80 and up) for a character, nil for ASCII and for what it cannot
    /// encode. U+0080–U+009F stand for the five bytes windows-1252 leaves undefined.
    private static func windows1252Byte(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x80...0xFF: return UInt8(scalar.value)
        default: return windows1252High[scalar.value]
        }
    }

    private static let windows1252High: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]
}
