/// Splits text into word tokens for matching, the same way for watch terms and for articles:
/// - words are runs of letters and digits, folded (`ScalarFolding`);
/// - `U.S.`, `AT&T`, `O'Brien` and `2.5` stay one word; a final period ends a word unless the word is an
///   initialism (`U.S.`); `'s`/`’s` after a word marks it possessive and is dropped;
/// - hyphens and dashes separate words, so "cyber-operations" reads as "cyber operations";
/// - a sentence starts after `.`, `!`, `?` and a space, after a line break, `|`, `:` or a spaced dash.
///
/// It reads UTF-8 directly (ASCII is decided byte by byte) and counts Unicode scalars as it goes, so
/// tokens carry both byte offsets (for slicing) and scalar offsets (for reporting).
struct Tokenizer: Sendable {
    let folding: ScalarFolding

    func tokenize(_ text: String) -> TokenizedText {
        var copy = text
        return copy.withUTF8 { tokenize($0) }
    }

    func tokenize(_ bytes: UnsafeBufferPointer<UInt8>) -> TokenizedText {
        var result = TokenizedText()
        result.folded.reserveCapacity(bytes.count)
        result.tokens.reserveCapacity(bytes.count / 5)
        var cursor = Cursor(bytes: bytes)
        var sentenceStart = true
        var sawTerminator = false
        var gapHasPunctuation = false
        var gapHasBracket = false

        while !cursor.atEnd {
            let scalar = cursor.current
            let properties = classify(scalar)
            guard properties.isWord else {
                switch scalar {
                case 0x2E, 0x21, 0x3F: sawTerminator = true  // . ! ?
                case 0x0A, 0x7C, 0x3A: sentenceStart = true  // newline | :
                case 0x2014, 0x2013:  // em and en dash, when spaced
                    if cursor.next == 0x20 { sentenceStart = true }
                case 0x20, 0x09, 0x0D, 0xA0:
                    if sawTerminator { sentenceStart = true; sawTerminator = false }
                default: break
                }
                if !(scalar == 0x20 || scalar == 0x09 || scalar == 0x0D || scalar == 0x0A || scalar == 0xA0) {
                    gapHasPunctuation = true
                    if scalar == 0x28 || scalar == 0x2F { gapHasBracket = true }  // ( /
                }
                cursor.advance()
                continue
            }
            var token = Token(foldedStart: Int32(result.folded.count), foldedEnd: 0, start: Int32(cursor.scalarIndex), end: 0,
                              byteStart: Int32(cursor.byteIndex), byteEnd: 0, lemmaHash: 0, flags: [])
            if sentenceStart { token.flags.insert(.sentenceStart) }
            if gapHasPunctuation { token.flags.insert(.punctuationBefore) }
            if gapHasBracket { token.flags.insert(.bracketOrSlashBefore) }
            var letters = 0, uppercaseLetters = 0
            var firstLetterSeen = false
            var hasInnerPeriod = false
            var finished = false
            while !cursor.atEnd {
                let current = cursor.current
                let currentProperties = classify(current)
                if currentProperties.isWord {
                    appendFolded(current, currentProperties, to: &result.folded)
                    if currentProperties.isLetter {
                        letters += 1
                        if currentProperties.isUppercase { uppercaseLetters += 1 }
                        if !firstLetterSeen {
                            firstLetterSeen = true
                            if currentProperties.isUppercase { token.flags.insert(.capitalized) }
                        }
                        token.flags.insert(.hasLetter)
                    } else if currentProperties.isDigit {
                        token.flags.insert(.hasDigit)
                    }
                    cursor.advance()
                    continue
                }
                let next = cursor.next
                let nextIsWord = next.map { classify($0).isWord } ?? false
                if current == 0x2E {  // '.'
                    if nextIsWord {
                        hasInnerPeriod = true
                        result.folded.append(0x2E)
                        cursor.advance()
                        continue
                    }
                    if hasInnerPeriod {  // the final period of an initialism: U.S.
                        result.folded.append(0x2E)
                        cursor.advance()
                    }
                    break
                }
                if current == 0x26, nextIsWord {  // '&' inside a word: AT&T
                    result.folded.append(0x26)
                    cursor.advance()
                    continue
                }
                if current == 0x27 || current == 0x2019 || current == 0x02BC {  // apostrophes
                    if let next, next == 0x73 || next == 0x53, !(cursor.afterNext.map { classify($0).isWord } ?? false) {
                        token.flags.insert(.possessive)
                        token.end = Int32(cursor.scalarIndex)
                        token.byteEnd = Int32(cursor.byteIndex)
                        cursor.advance()
                        cursor.advance()
                        finish(&token, letters: letters, uppercase: uppercaseLetters, into: &result)
                        finished = true
                        break
                    }
                    if nextIsWord {
                        result.folded.append(0x27)
                        cursor.advance()
                        continue
                    }
                }
                break
            }
            if !finished {
                token.end = Int32(cursor.scalarIndex)
                token.byteEnd = Int32(cursor.byteIndex)
                finish(&token, letters: letters, uppercase: uppercaseLetters, into: &result)
            }
            sentenceStart = false
            sawTerminator = false
            gapHasPunctuation = false
            gapHasBracket = false
        }
        return result
    }

    private func finish(_ token: inout Token, letters: Int, uppercase: Int, into result: inout TokenizedText) {
        token.foldedEnd = Int32(result.folded.count)
        if letters >= 2, letters == uppercase { token.flags.insert(.allCaps) }
        token.lemmaHash = result.folded.withUnsafeBufferPointer {
            Lemma.hash($0, from: Int(token.foldedStart), to: Int(token.foldedEnd))
        }
        result.tokens.append(token)
    }

    private struct Properties {
        var isWord: Bool
        var isLetter: Bool
        var isUppercase: Bool
        var isDigit: Bool
    }

    @inline(__always)
    private func classify(_ value: UInt32) -> Properties {
        if value < 0x80 {
            let isUpper = value >= 0x41 && value <= 0x5A
            let isLower = value >= 0x61 && value <= 0x7A
            let isDigit = value >= 0x30 && value <= 0x39
            return Properties(isWord: isUpper || isLower || isDigit, isLetter: isUpper || isLower, isUppercase: isUpper, isDigit: isDigit)
        }
        let fold = folding.fold(Unicode.Scalar(value) ?? " ")
        return Properties(isWord: fold.isWordCharacter, isLetter: fold.isLetter, isUppercase: fold.isUppercase,
                          isDigit: fold.isWordCharacter && !fold.isLetter && !fold.isCombiningMark)
    }

    @inline(__always)
    private func appendFolded(_ value: UInt32, _ properties: Properties, to folded: inout [UInt8]) {
        if value < 0x80 {
            folded.append(UInt8(properties.isUppercase ? value + 0x20 : value))
        } else {
            folded.append(contentsOf: folding.fold(Unicode.Scalar(value) ?? " ").bytes)
        }
    }
}

/// Walks UTF-8 one scalar at a time, keeping the byte and scalar positions.
private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var byteIndex = 0
    private(set) var scalarIndex = 0
    /// The scalar at `byteIndex` and its length in bytes.
    private(set) var current: UInt32 = 0
    private var length = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        if !bytes.isEmpty { (current, length) = Self.decode(bytes, 0) }
    }

    var atEnd: Bool { byteIndex >= bytes.count }

    var next: UInt32? {
        let index = byteIndex + length
        return index < bytes.count ? Self.decode(bytes, index).scalar : nil
    }

    var afterNext: UInt32? {
        let index = byteIndex + length
        guard index < bytes.count else { return nil }
        let after = index + Self.decode(bytes, index).length
        return after < bytes.count ? Self.decode(bytes, after).scalar : nil
    }

    @inline(__always)
    mutating func advance() {
        byteIndex += length
        scalarIndex += 1
        if byteIndex < bytes.count { (current, length) = Self.decode(bytes, byteIndex) }
    }

    /// Decodes one scalar; the input is a Swift string's UTF-8, so it is valid.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> (scalar: UInt32, length: Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0, index + 1 < bytes.count {
            return ((lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2)
        }
        if lead < 0xF0, index + 2 < bytes.count {
            return ((lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        if index + 3 < bytes.count {
            return ((lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                | UInt32(bytes[index + 3] & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }
}

/// A word's lemma for matching: English plurals fold to their singular (operations → operation,
/// agencies → agency, taxes → tax), so a term matches its inflections. Applied to terms and to text
/// alike. Words under four letters, and words ending in -ss, -us, -is, -ws, are left as they are
/// (US, status, analysis, news).
enum Lemma {
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt64 {
        let length = end - start
        @inline(__always) func at(_ back: Int) -> UInt8 { bytes[end - back] }
        var stemEnd = end
        var appendY = false
        if length >= 5, at(3) == 0x69, at(2) == 0x65, at(1) == 0x73 {  // -ies → -y
            stemEnd = end - 3
            appendY = true
        } else if length >= 5, at(2) == 0x65, at(1) == 0x73,
                  at(3) == 0x78 || (at(4) == 0x73 && at(3) == 0x73) || ((at(4) == 0x63 || at(4) == 0x73) && at(3) == 0x68) {
            stemEnd = end - 2  // -xes -sses -ches -shes
        } else if length >= 4, at(1) == 0x73 {
            let before = at(2)
            if before != 0x73, before != 0x75, before != 0x69, before != 0x77, before != 0x27 { stemEnd = end - 1 }
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in start..<stemEnd {
            hash = (hash ^ UInt64(bytes[index])) &* 0x0100_0000_01b3
        }
        if appendY { hash = (hash ^ 0x79) &* 0x0100_0000_01b3 }
        return hash
    }
}
