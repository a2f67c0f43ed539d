/// What the tagger knows of each token before it decides any tag: the word and its neighbours, its
/// shape and affixes, the punctuation around it, the cue words, what the gazetteer and the rules
/// made of it, and how the same word is written elsewhere in the text. Each feature is a 64-bit
/// hash (`FeatureHasher`); zero means "none".
struct TokenFeatures {
    static let perToken = 35
    /// `perToken` hashes per token, token after token.
    private(set) var hashes: [UInt64]
    /// The folded word's hash per token, the key of the document memory.
    let wordHashes: [UInt64]
    /// Whether a name must close at the token: the next one starts a sentence or follows punctuation
    /// that parts names, or it is the last.
    let closesName: [Bool]

    struct Context {
        let text: PreparedText
        /// BILOU tags of the gazetteer's names and of the rules' spans (`EntityTags`).
        let gazetteerTags: [UInt8]
        let ruleTags: [UInt8]
        let ruleStrengths: [UInt8]
    }

    init(_ context: Context) {
        let tokens = context.text.tokenized.tokens
        let folded = context.text.tokenized.folded
        let utf8 = context.text.utf8
        let count = tokens.count
        func word(_ index: Int) -> ArraySlice<UInt8> {
            folded[Int(tokens[index].foldedStart)..<Int(tokens[index].foldedEnd)]
        }
        let wordHashes = (0..<count).map { FeatureHasher.hash(word($0)) }
        let shapes = tokens.map { Self.shape(utf8[Int($0.byteStart)..<Int($0.byteEnd)]) }
        let cues = wordHashes.map { UInt64(CueWords.mask(of: $0)) }
        let punctuation = (0..<count).map { Self.punctuationBefore(tokens, $0, utf8) }
        let usage = WordUsage(tokens, wordHashes)
        let sentenceCase = Self.sentenceCase(tokens)
        self.wordHashes = wordHashes
        // Commas, brackets, quotes, colons and semicolons part names ("Beverly Hills, California" is
        // two); hyphens, periods and ampersands need not (Saxony-Anhalt, C. H. Douglas, Procter & Gamble).
        let parting: Set<UInt8> = Array(",;()[]{}\"!?<>".utf8).reduce(into: []) { $0.insert($1) }
        closesName = (0..<count).map {
            $0 + 1 == count || tokens[$0 + 1].flags.contains(.sentenceStart) || parting.contains(punctuation[$0 + 1])
        }

        var hashes = [UInt64](repeating: 0, count: count * Self.perToken)
        for index in 0..<count {
            let token = tokens[index]
            let flags = token.flags
            func lemma(_ offset: Int) -> UInt64 {
                let other = index + offset
                return other >= 0 && other < count ? tokens[other].lemmaHash : UInt64(bitPattern: Int64(offset)) &+ 0x5bd1_e995
            }
            func at<T: BinaryInteger>(_ values: [T], _ offset: Int, _ none: T) -> UInt64 {
                let other = index + offset
                return UInt64(other >= 0 && other < count ? values[other] : none)
            }
            let letters = word(index)
            let caseBits = UInt64(flags.contains(.capitalized) ? 1 : 0) | UInt64(flags.contains(.allCaps) ? 2 : 0)
                | UInt64(flags.contains(.sentenceStart) ? 4 : 0) | UInt64(flags.contains(.hasDigit) ? 8 : 0)
                | UInt64(flags.contains(.possessive) ? 16 : 0)
            let fixed: [UInt64] = [
                FeatureHasher.hash(1, 0),
                FeatureHasher.hash(2, wordHashes[index]),
                FeatureHasher.hash(3, lemma(-1)),
                FeatureHasher.hash(4, lemma(1)),
                FeatureHasher.hash(5, lemma(-2)),
                FeatureHasher.hash(6, lemma(2)),
                FeatureHasher.hash(7, shapes[index]),
                FeatureHasher.hash(8, at(shapes, -1, 1)),
                FeatureHasher.hash(9, at(shapes, 1, 1)),
                FeatureHasher.hash(10, caseBits),
                FeatureHasher.hash(11, UInt64(punctuation[index])),
                FeatureHasher.hash(12, at(punctuation, 1, 1)),
                FeatureHasher.hash(13, cues[index]),
                FeatureHasher.hash(14, at(cues, -1, 0xFFFF)),
                FeatureHasher.hash(15, at(cues, 1, 0xFFFF)),
                FeatureHasher.hash(16, UInt64(context.gazetteerTags[index])),
                FeatureHasher.hash(17, at(context.gazetteerTags, -1, 0xFF), at(context.gazetteerTags, 1, 0xFF)),
                FeatureHasher.hash(18, UInt64(context.ruleTags[index]), UInt64(context.ruleStrengths[index])),
                FeatureHasher.hash(19, at(context.ruleTags, -1, 0xFF)),
                FeatureHasher.hash(20, at(context.ruleTags, 1, 0xFF)),
                FeatureHasher.hash(21, usage.elsewhere(index), caseBits & 7),
                FeatureHasher.hash(22, UInt64(sentenceCase[index]), caseBits & 3),
                FeatureHasher.hash(23, lemma(-1), wordHashes[index]),
                FeatureHasher.hash(24, wordHashes[index], lemma(1)),
                FeatureHasher.hash(25, wordHashes[index], caseBits & 5),
                FeatureHasher.hash(26, shapes[index], at(shapes, -1, 1)),
                FeatureHasher.hash(27, shapes[index], at(shapes, 1, 1)),
                FeatureHasher.hash(28, UInt64(context.gazetteerTags[index]), UInt64(context.ruleTags[index])),
            ]
            var slot = index * Self.perToken
            for hash in fixed { hashes[slot] = hash; slot += 1 }
            // Affixes: the first one to three and last one to four letters.
            for length in 1...3 where letters.count > length {
                hashes[slot] = FeatureHasher.hash(29, UInt64(length), FeatureHasher.hash(letters.prefix(length)))
                slot += 1
            }
            for length in 1...4 where letters.count > length {
                hashes[slot] = FeatureHasher.hash(30, UInt64(length), FeatureHasher.hash(letters.suffix(length)))
                slot += 1
            }
        }
        self.hashes = hashes
    }

    /// The word's shape with repeats collapsed: "Xx", "X.X.", "d", "x-Xx"; non-ASCII letters as "u".
    static func shape(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        var last: UInt8 = 0
        var length = 0
        for byte in bytes where byte < 0x80 || byte >= 0xC0 {
            let symbol: UInt8 = switch byte {
            case 0x41...0x5A: 0x58  // X
            case 0x61...0x7A: 0x78  // x
            case 0x30...0x39: 0x64  // d
            case 0xC0...: 0x75  // u
            default: byte
            }
            guard symbol != last else { continue }
            last = symbol
            value = value << 8 | UInt64(symbol)
            length += 1
            if length == 8 { break }
        }
        return value
    }

    /// The last non-space character between the token and the one before it (ASCII), or 0.
    static func punctuationBefore(_ tokens: [Token], _ index: Int, _ utf8: [UInt8]) -> UInt8 {
        guard tokens[index].flags.contains(.punctuationBefore) else { return index == 0 ? 2 : 0 }
        let start = index == 0 ? 0 : Int(tokens[index - 1].byteEnd)
        var position = Int(tokens[index].byteStart) - 1
        while position >= start {
            let byte = utf8[position]
            if byte != 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D { return byte < 0x80 ? byte : 0x80 }
            position -= 1
        }
        return 1
    }

    /// Per token: 1 when its sentence is written in title case, 2 in capitals, 0 otherwise. A
    /// headline's words are capitalised whatever they are, so capitals say less there.
    static func sentenceCase(_ tokens: [Token]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: tokens.count)
        var start = 0
        while start < tokens.count {
            var end = start + 1
            while end < tokens.count, !tokens[end].flags.contains(.sentenceStart) { end += 1 }
            var words = 0, capitalized = 0, capitals = 0
            for token in tokens[start..<end] where token.flags.contains(.hasLetter) {
                words += 1
                if token.flags.contains(.capitalized) { capitalized += 1 }
                if token.flags.contains(.allCaps) { capitals += 1 }
            }
            let kind: UInt8 = words < 3 ? 0 : capitals * 10 >= words * 7 ? 2 : capitalized * 10 >= words * 7 ? 1 : 0
            for index in start..<end { result[index] = kind }
            start = end
        }
        return result
    }
}

/// How each word is written across the whole text: whether it also appears in lower case, and
/// capitalised inside a sentence. "Police" starting a headline is a name only if it is one elsewhere.
private struct WordUsage {
    private var lowerCase: [UInt64: Int] = [:]
    private var capitalizedInside: [UInt64: Int] = [:]
    private let tokens: [Token]
    private let wordHashes: [UInt64]

    init(_ tokens: [Token], _ wordHashes: [UInt64]) {
        self.tokens = tokens
        self.wordHashes = wordHashes
        for (index, token) in tokens.enumerated() where token.flags.contains(.hasLetter) {
            if Self.isLowerCase(token) { lowerCase[wordHashes[index], default: 0] += 1 }
            if Self.isCapitalizedInside(token) { capitalizedInside[wordHashes[index], default: 0] += 1 }
        }
    }

    private static func isLowerCase(_ token: Token) -> Bool { !token.flags.contains(.capitalized) && !token.flags.contains(.allCaps) }
    private static func isCapitalizedInside(_ token: Token) -> Bool {
        token.flags.contains(.capitalized) && !token.flags.contains(.sentenceStart)
    }

    /// Two bits: seen in lower case elsewhere, seen capitalised inside a sentence elsewhere.
    func elsewhere(_ index: Int) -> UInt64 {
        let token = tokens[index]
        let lower = (lowerCase[wordHashes[index]] ?? 0) - (Self.isLowerCase(token) ? 1 : 0)
        let inside = (capitalizedInside[wordHashes[index]] ?? 0) - (Self.isCapitalizedInside(token) ? 1 : 0)
        return UInt64(lower > 0 ? 1 : 0) | UInt64(inside > 0 ? 2 : 0)
    }
}

/// The entity rules' word lists, as one bit each, looked up by the folded word's hash.
enum CueWords {
    private static let masks: [UInt64: UInt16] = {
        var masks: [UInt64: UInt16] = [:]
        let lists: [Set<String>] = [
            EntityWords.titles, EntityWords.organizationSuffixes, EntityWords.placeSuffixes, EntityWords.placePrefixes,
            EntityWords.commonWords, EntityWords.neverNames, EntityWords.nameConnectors,
        ]
        for (bit, list) in lists.enumerated() {
            for word in list { masks[FeatureHasher.hash(Array(word.utf8)[...]), default: 0] |= 1 << UInt16(bit) }
        }
        return masks
    }()

    static func mask(of wordHash: UInt64) -> UInt16 { masks[wordHash] ?? 0 }
    /// The bits of `EntityWords.commonWords` and `neverNames`.
    static let common: UInt16 = 1 << 4 | 1 << 5
    static let title: UInt16 = 1 << 0
}
