/// Splits text into word tokens for matching, the same way for watch terms and for articles:
/// - words are runs of letters and digits, folded (`ScalarFolding`);
/// - `U.S.`, `AT&T`, `O'Brien` and `2.5` stay one word; a final period ends a word unless the word is an
///   initialism (`U.S.`) or an initial (the `J.` of Antony J. Blinken); `'s`/`’s` after a word marks it
///   possessive and is dropped; after an abbreviation before a name ("Gen.") the period ends no sentence;
/// - hyphens and dashes separate words, so "cyber-operations" reads as "cyber operations";
/// - a sentence starts after `.`, `!`, `?` and a space, after a line break, `|`, `:` or a spaced dash.
///
/// It reads UTF-8 directly (ASCII is decided byte by byte) and counts Unicode scalars as it goes, so
/// tokens carry both byte offsets (for slicing) and scalar offsets (for reporting).
struct Tokenizer: Sendable {
    let folding: ScalarFolding
    /// Off only in tests, which check that the plain-ASCII path and the general one agree.
    var asciiFastPath = true

    func tokenize(_ text: String) -> TokenizedText {
        var copy = text
        return copy.withUTF8 { tokenize($0) }
    }

    /// - Parameter keepFolded: keep the folded words (the entity rules read them); matching needs
    ///   only their hashes.
    func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, keepFolded: Bool = true) -> TokenizedText {
        if keepFolded {
            var collector = TokenCollector<FoldedKept>(capacity: bytes.count / 5)
            let folded = scan(bytes, into: &collector)
            return TokenizedText(folded: folded, tokens: collector.tokens)
        }
        var collector = TokenCollector<FoldedNone>(capacity: bytes.count / 5)
        scan(bytes, into: &collector)
        return TokenizedText(folded: [], tokens: collector.tokens)
    }

    /// Where a scan stands between tokens.
    private struct Gap {
        var sentenceStart = true
        var sawTerminator = false
        var hasPunctuation = false
        var hasBracket = false
        var lineStart = true
        /// The word before was an initial or an abbreviation ("J.", "Gen."): its period ends no sentence.
        var afterAbbreviation = false

        /// Takes one character between words.
        @inline(__always)
        mutating func take(_ value: UInt32, followedBySpace: Bool) {
            switch value {
            case 0x20, 0x09, 0x0D, 0xA0:
                if sawTerminator { sentenceStart = true; sawTerminator = false }
            case 0x2E where afterAbbreviation: afterAbbreviation = false
            case 0x2E, 0x21, 0x3F: sawTerminator = true  // . ! ?
            case 0x0A: sentenceStart = true; lineStart = true
            case 0x7C, 0x3A: sentenceStart = true  // | :
            case 0x2014, 0x2013:  // em and en dash, when spaced
                if followedBySpace { sentenceStart = true }
            default: break
            }
            if !(value == 0x20 || value == 0x09 || value == 0x0D || value == 0x0A || value == 0xA0) {
                hasPunctuation = true
                if value == 0x28 || value == 0x2F { hasBracket = true }  // ( /
            }
        }

        var flags: Token.Flags {
            var flags: Token.Flags = []
            if sentenceStart { flags.insert(.sentenceStart) }
            if hasPunctuation { flags.insert(.punctuationBefore) }
            if hasBracket { flags.insert(.bracketOrSlashBefore) }
            if lineStart { flags.insert(.lineStart) }
            return flags
        }
    }

    /// Reads `bytes` once and hands each token to `sink` as it ends. The sink's `Folded` decides
    /// whether folded words are kept (the matcher without prefix terms needs only their hashes),
    /// and its `wantsContext` whether sentence starts, punctuation and letter classes are worked out
    /// (the matcher needs only the capital). Returns the folded words when the sink keeps them all.
    ///
    /// Most words are plain ASCII letters and digits, ended by a space or punctuation: those are
    /// read in one tight loop and hashed from the text itself. Any other word (an initialism, AT&T,
    /// O'Brien, a non-ASCII letter) goes through the general loop, which folds it scalar by scalar.
    @discardableResult
    func scan<Sink: TokenSink>(_ bytes: UnsafeBufferPointer<UInt8>, into sink: inout Sink) -> [UInt8] {
        guard bytes.baseAddress != nil else { return [] }
        if Sink.Folded.keepsAll {
            var folded = ByteBuffer(capacity: bytes.count + 16)
            scanWords(bytes, into: &sink, &folded)
            return folded.array()
        }
        // Only the current word is kept: stack space holds any but the longest.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { space in
            var folded = ByteBuffer(lent: space)
            scanWords(bytes, into: &sink, &folded)
            return []
        }
    }

    @inline(__always)
    private func scanWords<Sink: TokenSink>(_ bytes: UnsafeBufferPointer<UInt8>, into sink: inout Sink, _ folded: inout ByteBuffer) {
        guard let base = bytes.baseAddress else { return }
        let keepsAll = Sink.Folded.keepsAll, wantsContext = Sink.wantsContext
        let count = bytes.count
        var byteIndex = 0
        /// Scalars before `byteIndex` are `byteIndex - multibyteExtra`: only non-ASCII costs a count.
        var multibyteExtra = 0
        var gap = Gap()
        let wordBytes = ASCII.wordBytes

        while byteIndex < count {
            let lead = bytes[byteIndex]
            // Spaces between words are most of what is not a word: nothing to decide but a sentence end.
            if lead == 0x20 {
                if wantsContext, gap.sawTerminator { gap.sentenceStart = true; gap.sawTerminator = false }
                byteIndex &+= 1
                continue
            }
            if lead < 0x80 {
                if !ASCII.isWord(lead) {
                    if wantsContext { gap.take(UInt32(truncatingIfNeeded: lead), followedBySpace: false) }
                    byteIndex &+= 1
                    continue
                }
            } else {
                let (value, length) = Self.decode(bytes, byteIndex)
                if !folding.fold(value).isWordCharacter {
                    if wantsContext { gap.take(value, followedBySpace: byteIndex + length < count && bytes[byteIndex + length] == 0x20) }
                    byteIndex &+= length
                    multibyteExtra &+= length &- 1
                    continue
                }
            }
            if !keepsAll { folded.removeAll() }
            let start = byteIndex, scalarStart = byteIndex &- multibyteExtra, foldedStart = folded.count
            var token: Token
            if asciiFastPath, lead < 0x80, let word = plainWord(bytes, base, from: start, context: wantsContext, wordBytes: wordBytes) {
                if Sink.Folded.writes {
                    for index in start..<word.end { folded.append(bytes[index] | 0x20) }
                }
                token = Token(offsets: (foldedStart, folded.count, scalarStart, scalarStart &+ word.end &- start, start, word.end),
                              lemmaHash: LemmaHash.of(base + start, count: word.end &- start, readable: count &- start, lowercasing: true),
                              flags: wantsContext ? gap.flags.union(word.flags) : word.flags)
                byteIndex = word.end
            } else {
                var scalarIndex = scalarStart
                let wordFlags = generalWord(bytes, &byteIndex, &scalarIndex, &folded)
                multibyteExtra = byteIndex &- scalarIndex
                // Combining marks with no letter before them (an emoji's variation selector) fold to
                // nothing when diacritics are folded: a token with an empty folded form, as the
                // tagger was trained.
                let foldedWord = folded.bytes(from: foldedStart)
                token = Token(offsets: (foldedStart, folded.count, scalarStart, scalarIndex, start, byteIndex),
                              lemmaHash: foldedWord.baseAddress.map {
                                  LemmaHash.of($0, count: foldedWord.count, readable: foldedWord.count, lowercasing: false)
                              } ?? 0,
                              flags: wantsContext ? gap.flags.union(wordFlags) : wordFlags)
            }
            if token.flags.contains(.possessive) {
                // Step over the apostrophe (one to three bytes) and the s.
                let apostropheLength = bytes[byteIndex] < 0x80 ? 1 : Self.decode(bytes, byteIndex).length
                byteIndex &+= apostropheLength &+ 1
                multibyteExtra &+= apostropheLength &- 1
            }
            sink.take(token, folded: folded)
            if wantsContext {
                gap = Gap(sentenceStart: false, lineStart: false)
                gap.afterAbbreviation = byteIndex < count && bytes[byteIndex] == 0x2E && Abbreviations.contains(token)
            }
        }
    }

    /// A word of ASCII letters and digits only, starting at `start`, that the general loop would end
    /// where this one does: its end and flags, or nil when the word goes on past a period, an
    /// apostrophe, an ampersand or a non-ASCII character. Without `context`, only `capitalized` and
    /// `possessive` are set.
    @_transparent
    private func plainWord(_ bytes: UnsafeBufferPointer<UInt8>, _ base: UnsafePointer<UInt8>, from start: Int, context: Bool,
                           wordBytes: UnsafePointer<Bool>) -> (end: Int, flags: Token.Flags)? {
        let count = bytes.count
        var end = start
        var capitalized = false
        // Lower-case letters are most bytes of every text: one range test each.
        var lead = bytes[start]
        if lead &- 0x41 < 26 {
            capitalized = true
        } else if lead &- 0x30 < 10 {
            // A leading digit: the first letter, if any, decides (3M is capitalised).
            var index = start &+ 1
            while index < count, bytes[index] &- 0x30 < 10 { index &+= 1 }
            if index < count { lead = bytes[index]; capitalized = lead &- 0x41 < 26 }
        }
        end &+= 1
        // Eight bytes at a time where eight can be read: a byte loop's exit at every word's end is a
        // branch the processor mispredicts, and in profiles it took a seventh of the matcher's time.
        while end &+ 8 <= count {
            let stops = ASCII.nonWordBytes(UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self))
            if stops != 0 {
                end &+= stops.trailingZeroBitCount &>> 3
                break
            }
            end &+= 8
        }
        // Near the text's end (or after a stop found above, where this reads one byte and stops).
        while end < count, wordBytes[Int(bytes[end])] { end &+= 1 }
        var flags: Token.Flags = capitalized ? .capitalized : []
        if end < count {
            switch bytes[end] {
            case 0x2E where isWord(bytes, at: end &+ 1): return nil  // U.S, 2.5
            case 0x2E where end == start &+ 1 && capitalized: return nil  // the initial J.
            case 0x26 where isWord(bytes, at: end &+ 1): return nil  // AT&T
            case 0x27:
                switch apostrophe(bytes, at: end, length: 1) {
                case .possessive: flags.insert(.possessive)
                case .inWord: return nil  // O'Brien
                case .ends: break
                }
            case 0x80...: return nil  // é, ’s
            default: break
            }
        }
        if context {
            var letters = 0, capitals = 0, digits = 0
            for index in start..<end {
                let byte = bytes[index]
                if byte &- 0x30 < 10 { digits &+= 1 } else { letters &+= 1; if byte &- 0x41 < 26 { capitals &+= 1 } }
            }
            if letters > 0 { flags.insert(.hasLetter) }
            if digits > 0 { flags.insert(.hasDigit) }
            if letters >= 2, letters == capitals { flags.insert(.allCaps) }
        }
        return (end, flags)
    }

    /// Reads any word from `byteIndex`, writing its folded form to `folded`; leaves `byteIndex` at its
    /// end (before a possessive's apostrophe) and returns its flags.
    private func generalWord(_ bytes: UnsafeBufferPointer<UInt8>, _ byteIndex: inout Int, _ scalarIndex: inout Int,
                             _ folded: inout ByteBuffer) -> Token.Flags {
        let count = bytes.count
        let foldedStart = folded.count
        var flags: Token.Flags = []
        var letters = 0, uppercaseLetters = 0, digits = 0
        var firstLetterSeen = false
        var hasInnerPeriod = false
        @inline(__always) func append(_ byte: UInt8) {
            folded.append(byte)
            byteIndex += 1
            scalarIndex += 1
        }
        word: while byteIndex < count {
            let byte = bytes[byteIndex]
            if byte < 0x80 {
                if ASCII.isWord(byte) {
                    if byte <= 0x39 {
                        digits += 1
                    } else {
                        letters += 1
                        if byte <= 0x5A {
                            uppercaseLetters += 1
                            if !firstLetterSeen { flags.insert(.capitalized) }
                        }
                        firstLetterSeen = true
                    }
                    append(byte | 0x20)
                    continue
                }
                switch byte {
                case 0x2E:  // '.': inside an initialism or a number, the final period of an initialism, or an initial's
                    if isWord(bytes, at: byteIndex + 1) {
                        hasInnerPeriod = true
                    } else if !hasInnerPeriod, !(letters == 1 && uppercaseLetters == 1 && digits == 0 && folded.count == foldedStart + 1) {
                        break word
                    }
                    append(0x2E)
                    if !isWord(bytes, at: byteIndex) { break word }  // U.S. ends here
                    continue
                case 0x26 where isWord(bytes, at: byteIndex + 1):  // AT&T
                    append(0x26)
                    continue
                case 0x27:
                    switch apostrophe(bytes, at: byteIndex, length: 1) {
                    case .possessive: flags.insert(.possessive)
                    case .inWord: append(0x27); continue word
                    case .ends: break
                    }
                    break word
                default:
                    break word
                }
            }
            let (value, length) = Self.decode(bytes, byteIndex)
            let fold = folding.fold(value)
            if fold.isWordCharacter {
                for byte in fold.bytes { folded.append(byte) }
                if fold.isLetter {
                    letters += 1
                    if fold.isUppercase {
                        uppercaseLetters += 1
                        if !firstLetterSeen { flags.insert(.capitalized) }
                    }
                    firstLetterSeen = true
                } else if !fold.isCombiningMark {
                    digits += 1
                }
                byteIndex += length
                scalarIndex += 1
                continue
            }
            if value == 0x2019 || value == 0x02BC {
                switch apostrophe(bytes, at: byteIndex, length: length) {
                case .possessive: flags.insert(.possessive)
                case .inWord:
                    folded.append(0x27)
                    byteIndex += length
                    scalarIndex += 1
                    continue word
                case .ends: break
                }
            }
            break
        }
        if letters > 0 { flags.insert(.hasLetter) }
        if digits > 0 { flags.insert(.hasDigit) }
        if letters >= 2, letters == uppercaseLetters { flags.insert(.allCaps) }
        return flags
    }
}

/// The abbreviations news puts in and before names ("Gen. Mark Milley", "Joseph R. Biden Jr."): the
/// period after one ends no sentence, so a name runs on past it. (An initial keeps its period in the
/// word, "J.", so it ends none either.)
enum Abbreviations {
    private static let words = [
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "mt", "ft", "gen", "col", "lt", "sgt", "capt", "maj", "brig", "adm", "cmdr",
        "gov", "sen", "rep", "rev", "prof", "pres", "gens", "cpl", "pvt", "spc", "hon", "messrs",
    ]
    private static let hashes: Set<UInt64> = Set(words.map { word in
        Array(word.utf8).withUnsafeBufferPointer { LemmaHash.of($0.baseAddress!, count: $0.count, readable: $0.count, lowercasing: false) }
    })

    /// Whether the token is one of the abbreviations, capitalised.
    static func contains(_ token: Token) -> Bool {
        token.flags.contains(.capitalized) && token.byteEnd - token.byteStart <= 6 && hashes.contains(token.lemmaHash)
    }
}

/// ASCII classes for the tokenizer's fast path: by comparison for a single byte, and by a table for
/// the loop over a word's bytes, fetched once per text (a static's lazy-init check costs a call each
/// time it is read, so it is not read per byte).
private enum ASCII {
    @inline(__always)
    static func isWord(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10
    }

    /// Bit 7 set in each byte of `chunk` (eight bytes, the first one lowest) that `isWord` turns
    /// away, bytes from 0x80 up included: `isWord` for eight bytes at once. The range tests subtract
    /// per byte inside one 64-bit word; no byte borrows from its neighbour, since each subtraction
    /// starts from a byte with bit 7 set and takes away at most 0x7F, or takes at most 0x7F away from
    /// such a byte.
    @inline(__always)
    static func nonWordBytes(_ chunk: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080, ones: UInt64 = 0x0101_0101_0101_0101
        @inline(__always) func atLeast(_ bytes: UInt64, _ bound: UInt64) -> UInt64 { ((bytes | high) &- bound &* ones) & high }
        @inline(__always) func atMost(_ bytes: UInt64, _ bound: UInt64) -> UInt64 { ((bound &* ones | high) &- bytes) & high }
        let ascii = chunk & ~high
        let folded = ascii | 0x2020_2020_2020_2020
        let letters = atLeast(folded, 0x61) & atMost(folded, 0x7A)
        let digits = atLeast(ascii, 0x30) & atMost(ascii, 0x39)
        return ~(letters | digits) & high | chunk & high
    }

    /// `isWord` for each of the 256 byte values, for the loop over a word's bytes: one load and test
    /// a byte. Made once and never changed, so it is safe to share.
    nonisolated(unsafe) static let wordBytes: UnsafePointer<Bool> = {
        let table = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
        for byte in 0...255 { table[byte] = isWord(UInt8(byte)) }
        return UnsafePointer(table)
    }()
}

extension Tokenizer {
    enum Apostrophe { case possessive, inWord, ends }

    /// An apostrophe inside a word: `'s` at the end marks a possessive (dropped, ending the word); one
    /// followed by a letter stays part of the word (O'Brien, don't); otherwise the word ends.
    @inline(__always)
    func apostrophe(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) -> Apostrophe {
        let next = index + length
        if next < bytes.count, bytes[next] == 0x73 || bytes[next] == 0x53, !isWord(bytes, at: next + 1) { return .possessive }
        return isWord(bytes, at: next) ? .inWord : .ends
    }

    /// Whether the character at `index` is part of a word (false past the end).
    @inline(__always)
    func isWord(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index < bytes.count else { return false }
        let byte = bytes[index]
        return byte < 0x80 ? ASCII.isWord(byte) : folding.fold(Self.decode(bytes, index).value).isWordCharacter
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
