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

    /// - Parameter keepFolded: keep the folded words (the entity rules read them); matching needs
    ///   only their hashes.
    func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, keepFolded: Bool = true) -> TokenizedText {
        var result = TokenizedText()
        result.tokens.reserveCapacity(bytes.count / 5)
        var folded = ByteBuffer(capacity: keepFolded ? bytes.count + 16 : 0, enabled: keepFolded)
        let count = bytes.count
        var byteIndex = 0, scalarIndex = 0
        var sentenceStart = true
        var sawTerminator = false
        var gapHasPunctuation = false
        var gapHasBracket = false

        /// The scalar at a byte offset and its length; ASCII without decoding.
        @inline(__always) func scalar(at index: Int) -> (value: UInt32, length: Int) {
            let byte = bytes[index]
            return byte < 0x80 ? (UInt32(byte), 1) : Self.decode(bytes, index)
        }
        @inline(__always) func isWord(at index: Int) -> Bool {
            guard index < count else { return false }
            let byte = bytes[index]
            return byte < 0x80 ? ASCII.isWord(byte) : classify(scalar(at: index).value).isWord
        }

        while byteIndex < count {
            let (value, length) = scalar(at: byteIndex)
            let properties = classify(value)
            guard properties.isWord else {
                switch value {
                case 0x2E, 0x21, 0x3F: sawTerminator = true  // . ! ?
                case 0x0A, 0x7C, 0x3A: sentenceStart = true  // newline | :
                case 0x2014, 0x2013:  // em and en dash, when spaced
                    if byteIndex + length < count, bytes[byteIndex + length] == 0x20 { sentenceStart = true }
                case 0x20, 0x09, 0x0D, 0xA0:
                    if sawTerminator { sentenceStart = true; sawTerminator = false }
                default: break
                }
                if !(value == 0x20 || value == 0x09 || value == 0x0D || value == 0x0A || value == 0xA0) {
                    gapHasPunctuation = true
                    if value == 0x28 || value == 0x2F { gapHasBracket = true }  // ( /
                }
                byteIndex += length
                scalarIndex += 1
                continue
            }
            var token = Token(foldedStart: Int32(folded.count), foldedEnd: 0, start: Int32(scalarIndex), end: 0,
                              byteStart: Int32(byteIndex), byteEnd: 0, lemmaHash: 0, flags: [])
            if sentenceStart { token.flags.insert(.sentenceStart) }
            if gapHasPunctuation { token.flags.insert(.punctuationBefore) }
            if gapHasBracket { token.flags.insert(.bracketOrSlashBefore) }
            var hasher = LemmaHasher()
            var letters = 0, uppercaseLetters = 0, digits = 0
            var firstLetterSeen = false
            var hasInnerPeriod = false
            var possessive = false
            word: while byteIndex < count {
                // Lower-case ASCII letters are most of every text: one range test each, nothing else to decide.
                var run = byteIndex
                while run < count, bytes[run] &- 0x61 < 26 {
                    folded.append(bytes[run])
                    hasher.add(bytes[run])
                    run += 1
                }
                if run > byteIndex {
                    if !firstLetterSeen { firstLetterSeen = true }
                    letters += run - byteIndex
                    scalarIndex += run - byteIndex
                    byteIndex = run
                    if byteIndex == count { break }
                }
                let byte = bytes[byteIndex]
                if byte < 0x80 {
                    if ASCII.isWord(byte) {
                        let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                        folded.append(lower)
                        hasher.add(lower)
                        if byte <= 0x39 {
                            digits += 1
                        } else {
                            letters += 1
                            if byte <= 0x5A {
                                uppercaseLetters += 1
                                if !firstLetterSeen { token.flags.insert(.capitalized) }
                            }
                            firstLetterSeen = true
                        }
                        byteIndex += 1
                        scalarIndex += 1
                        continue
                    }
                    switch byte {
                    case 0x2E:  // '.': inside an initialism or a number, or the final period of an initialism
                        if isWord(at: byteIndex + 1) {
                            hasInnerPeriod = true
                        } else if !hasInnerPeriod {
                            break word
                        }
                        folded.append(0x2E)
                        hasher.add(0x2E)
                        byteIndex += 1
                        scalarIndex += 1
                        if !isWord(at: byteIndex) { break word }  // U.S. ends here
                        continue
                    case 0x26 where isWord(at: byteIndex + 1):  // AT&T
                        folded.append(0x26)
                        hasher.add(0x26)
                        byteIndex += 1
                        scalarIndex += 1
                        continue
                    case 0x27:
                        switch Self.apostrophe(bytes, at: byteIndex, length: 1, isWord: isWord) {
                        case .possessive: possessive = true
                        case .inWord:
                            folded.append(0x27)
                            hasher.add(0x27)
                            byteIndex += 1
                            scalarIndex += 1
                            continue word
                        case .ends: break
                        }
                        break word
                    default:
                        break word
                    }
                }
                let (value, length) = Self.decode(bytes, byteIndex)
                let properties = classify(value)
                if properties.isWord {
                    for byte in folding.fold(Unicode.Scalar(value) ?? " ").bytes {
                        folded.append(byte)
                        hasher.add(byte)
                    }
                    if properties.isLetter {
                        letters += 1
                        if properties.isUppercase {
                            uppercaseLetters += 1
                            if !firstLetterSeen { token.flags.insert(.capitalized) }
                        }
                        firstLetterSeen = true
                    } else if properties.isDigit {
                        digits += 1
                    }
                    byteIndex += length
                    scalarIndex += 1
                    continue
                }
                if value == 0x2019 || value == 0x02BC {
                    switch Self.apostrophe(bytes, at: byteIndex, length: length, isWord: isWord) {
                    case .possessive: possessive = true
                    case .inWord:
                        folded.append(0x27)
                        hasher.add(0x27)
                        byteIndex += length
                        scalarIndex += 1
                        continue word
                    case .ends: break
                    }
                }
                break
            }

            token.end = Int32(scalarIndex)
            token.byteEnd = Int32(byteIndex)
            if possessive {
                // Step over the apostrophe and the s.
                byteIndex += scalar(at: byteIndex).length + 1
                scalarIndex += 2
                token.flags.insert(.possessive)
            }
            if letters > 0 { token.flags.insert(.hasLetter) }
            if digits > 0 { token.flags.insert(.hasDigit) }
            token.foldedEnd = Int32(folded.count)
            finish(&token, letters: letters, uppercase: uppercaseLetters, hasher: hasher, into: &result)
            sentenceStart = false
            sawTerminator = false
            gapHasPunctuation = false
            gapHasBracket = false
        }
        result.folded = folded.array()
        return result
    }

    private func finish(_ token: inout Token, letters: Int, uppercase: Int, hasher: LemmaHasher, into result: inout TokenizedText) {
        if letters >= 2, letters == uppercase { token.flags.insert(.allCaps) }
        token.lemmaHash = hasher.lemmaHash
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

}

/// ASCII classes for the tokenizer's fast path, by comparison (a static table costs a lazy-init check
/// on every access).
private enum ASCII {
    @inline(__always)
    static func isWord(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }
}

/// An append-only byte buffer without Array's per-append uniqueness check; the tokenizer writes every
/// folded byte of an article through it.
private struct ByteBuffer: ~Copyable {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0
    /// A disabled buffer only counts: the matcher needs no folded words.
    private let enabled: Bool

    init(capacity: Int, enabled: Bool = true) {
        self.capacity = max(capacity, 16)
        self.enabled = enabled
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        guard enabled else { count += 1; return }
        if count == capacity { grow() }
        storage[count] = byte
        count += 1
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        bigger.update(from: storage, count: count)
        storage.deallocate()
        storage = bigger
        capacity *= 2
    }

    func array() -> [UInt8] { enabled ? Array(UnsafeBufferPointer(start: storage, count: count)) : [] }
}

extension Tokenizer {
    enum Apostrophe { case possessive, inWord, ends }

    /// An apostrophe inside a word: `'s` at the end marks a possessive (dropped, ending the word); one
    /// followed by a letter stays part of the word (O'Brien, don't); otherwise the word ends.
    @inline(__always)
    static func apostrophe(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, length: Int, isWord: (Int) -> Bool) -> Apostrophe {
        let next = index + length
        if next < bytes.count, bytes[next] == 0x73 || bytes[next] == 0x53, !isWord(next + 1) { return .possessive }
        return isWord(next) ? .inWord : .ends
    }

    /// Decodes one scalar; the input is a Swift string's UTF-8, so it is valid.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> (value: UInt32, length: Int) {
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
///
/// The hash is computed while the word's folded bytes are produced: it keeps the FNV state before
/// each of the last four bytes, which is all the suffix rules need, so no second pass over the word.
struct LemmaHasher {
    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private var state = offsetBasis
    /// States before the last byte, the last two, three and four.
    private var before1 = offsetBasis, before2 = offsetBasis, before3 = offsetBasis
    /// The last four bytes, newest in the low byte.
    private var tail: UInt32 = 0
    private var length = 0

    @inline(__always)
    mutating func add(_ byte: UInt8) {
        before3 = before2
        before2 = before1
        before1 = state
        state = (state ^ UInt64(byte)) &* 0x0100_0000_01b3
        tail = tail << 8 | UInt32(byte)
        length += 1
    }

    var lemmaHash: UInt64 {
        @inline(__always) func at(_ back: Int) -> UInt8 { UInt8(truncatingIfNeeded: tail >> (8 * UInt32(back - 1))) }
        if length >= 5, at(3) == 0x69, at(2) == 0x65, at(1) == 0x73 {  // -ies → -y
            return (before3 ^ 0x79) &* 0x0100_0000_01b3
        }
        if length >= 5, at(2) == 0x65, at(1) == 0x73,
           at(3) == 0x78 || (at(4) == 0x73 && at(3) == 0x73) || ((at(4) == 0x63 || at(4) == 0x73) && at(3) == 0x68) {
            return before2  // -xes -sses -ches -shes
        }
        if length >= 4, at(1) == 0x73 {
            let previous = at(2)
            if previous != 0x73, previous != 0x75, previous != 0x69, previous != 0x77, previous != 0x27 { return before1 }
        }
        return state
    }
}
