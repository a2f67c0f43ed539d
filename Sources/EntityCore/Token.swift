/// One word of a text, as the matcher and the entity rules see it.
struct Token {
    /// Range of the folded form in `TokenizedText.folded`.
    var foldedStart: Int32
    var foldedEnd: Int32
    /// Offsets in Unicode scalars of the original text, end exclusive.
    var start: Int32
    var end: Int32
    /// The same range as UTF-8 byte offsets, for slicing the text without decoding it.
    var byteStart: Int32
    var byteEnd: Int32
    /// Hash of the folded form's lemma (see `LemmaHasher`); what the automaton matches on.
    var lemmaHash: UInt64
    var flags: Flags

    /// A word of stray combining marks, which folds to nothing: no word of a phrase.
    var foldsToNothing: Bool { foldedEnd == foldedStart }

    /// A placeholder, before any token is read.
    static let none = Token(foldedStart: 0, foldedEnd: 0, start: 0, end: 0, byteStart: 0, byteEnd: 0, lemmaHash: 0, flags: [])

    struct Flags: OptionSet {
        let rawValue: UInt16
        /// The first letter is upper case.
        static let capitalized = Flags(rawValue: 1 << 0)
        /// Every letter is upper case (and there are at least two).
        static let allCaps = Flags(rawValue: 1 << 1)
        static let hasDigit = Flags(rawValue: 1 << 2)
        /// The first word of a sentence, a caption part or a line.
        static let sentenceStart = Flags(rawValue: 1 << 3)
        /// Followed by 's or ’s.
        static let possessive = Flags(rawValue: 1 << 4)
        /// Something other than white space stands between this token and the one before it.
        static let punctuationBefore = Flags(rawValue: 1 << 5)
        /// The punctuation before is an opening parenthesis or a slash.
        static let bracketOrSlashBefore = Flags(rawValue: 1 << 6)
        static let hasLetter = Flags(rawValue: 1 << 7)
        /// The first word of a line (or of the text).
        static let lineStart = Flags(rawValue: 1 << 8)

        /// Written with a capital first or throughout, as names are.
        var hasCapital: Bool { !isDisjoint(with: [.capitalized, .allCaps]) }
    }
}

extension Token {
    /// A token at offsets (folded start and end, scalar start and end, byte start and end); texts are
    /// read up to 2 GiB, so each offset fits in 32 bits.
    @inline(__always)
    init(offsets: (Int, Int, Int, Int, Int, Int), lemmaHash: UInt64, flags: Flags) {
        self.init(foldedStart: Int32(truncatingIfNeeded: offsets.0), foldedEnd: Int32(truncatingIfNeeded: offsets.1),
                  start: Int32(truncatingIfNeeded: offsets.2), end: Int32(truncatingIfNeeded: offsets.3),
                  byteStart: Int32(truncatingIfNeeded: offsets.4), byteEnd: Int32(truncatingIfNeeded: offsets.5),
                  lemmaHash: lemmaHash, flags: flags)
    }
}

/// A text split into tokens, with the folded bytes they point into.
struct TokenizedText {
    var folded: [UInt8] = []
    var tokens: [Token] = []

    func foldedWord(_ token: Token) -> String {
        String(decoding: folded[Int(token.foldedStart)..<Int(token.foldedEnd)], as: UTF8.self)
    }
}
