/// What the tagger knows of each token before it decides any tag: the word and its neighbours, its
/// shape and affixes, the punctuation around it, the cue words, what the gazetteer and the rules
/// made of it, and how the same word is written elsewhere in the text. Each feature is a 64-bit
/// hash (`FeatureHasher`); zero means "none".
///
/// It keeps a few bytes per token and makes a token's hashes when they are asked for (`fill`), so
/// memory stays a small multiple of the text however long the text is.
struct TokenFeatures {
    static let perToken = 43
    /// The folded word's hash per token, the key of the document memory.
    let wordHashes: [UInt64]
    /// Whether a name must close at the token: the next one starts a sentence or follows punctuation
    /// that parts names, or it is the last.
    let closesName: [Bool]
    /// Per token, the name positions it may take (`NamePositions`): a lower-case word is no name, nor
    /// part of one unless it is a connector ("of", "de") that the name goes on past.
    let positions: [NamePositions]
    private let context: Context
    private let shapes: [UInt64]
    private let cues: [UInt16]
    private let punctuation: [UInt8]
    private let usage: [UInt8]
    /// Per token: 1 in a title-case sentence, 2 in an all-capitals one (`sentenceCase(_:)`).
    let sentenceCase: [UInt8]
    /// Per token: its Brown cluster path (`WordClusters`), 0 for none.
    private let clusters: [UInt32]
    /// Per token: how much rarer the word is as written than in lower case, bucketed (`caseBucket`).
    private let caseBuckets: [UInt8]

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
        let wordHashes = tokens.map { FeatureHasher.hash(folded[Int($0.foldedStart)..<Int($0.foldedEnd)]) }
        let punctuation = (0..<count).map { Self.punctuationBefore(tokens, $0, utf8) }
        // Commas, brackets, quotes, colons and semicolons part names ("Beverly Hills, California" is
        // two); hyphens, periods and ampersands need not (Saxony-Anhalt, C. H. Douglas, Procter & Gamble).
        let parting: Set<UInt8> = Array(",;()[]{}\"!?<>".utf8).reduce(into: []) { $0.insert($1) }
        // A possessive ends a name too: the possessor and what it possesses are two ("Japan's Defense
        // Ministry").
        closesName = (0..<count).map {
            $0 + 1 == count || tokens[$0].flags.contains(.possessive) || tokens[$0 + 1].flags.contains(.sentenceStart)
                || parting.contains(punctuation[$0 + 1])
        }
        self.wordHashes = wordHashes
        positions = tokens.indices.map { NamePositions(tokens[$0], wordHashes[$0], utf8) }
        self.context = context
        self.punctuation = punctuation
        shapes = tokens.map { Self.shape(utf8[Int($0.byteStart)..<Int($0.byteEnd)]) }
        cues = wordHashes.map { CueWords.mask(of: $0) }
        usage = WordUsage(tokens, wordHashes).bits
        sentenceCase = Self.sentenceCase(tokens)
        let table = WordClusters.builtIn
        var clusters: [UInt32] = [], caseBuckets: [UInt8] = []
        clusters.reserveCapacity(count)
        caseBuckets.reserveCapacity(count)
        for (index, token) in tokens.enumerated() {
            let written = utf8[Int(token.byteStart)..<Int(token.byteEnd)]
            var entry = table.entry(hash: FeatureHasher.hash(written))
            // A headline's capitals: the word as it is written in running text.
            if entry.path == 0, token.flags.contains(.allCaps) { entry = table.entry(hash: FeatureHasher.hash(Self.titleCased(written))) }
            clusters.append(entry.path)
            caseBuckets.append(Self.caseBucket(written: entry.rarity, lower: table.entry(hash: wordHashes[index]).rarity))
        }
        self.clusters = clusters
        self.caseBuckets = caseBuckets
    }

    /// The first letter as it is, the rest of the ASCII letters in lower case.
    private static func titleCased(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var result = bytes
        for index in result.indices.dropFirst() where result[index] &- 0x41 < 26 { result[index] |= 0x20 }
        return result
    }

    /// How much rarer the word is as written than in lower case (in halves of log probability,
    /// -6...6), and whether each form is known: "Police" is rarer than "police", "Clinton" is not.
    private static func caseBucket(written: UInt8, lower: UInt8) -> UInt8 {
        let difference = max(-6, min(6, (Int(written) - Int(lower)) / 2))
        return UInt8(difference + 6) | (lower < WordClusters.unknown.rarity ? 16 : 0) | (written < WordClusters.unknown.rarity ? 32 : 0)
    }

    /// Writes token `index`'s `perToken` hashes into `row` (of that size).
    func fill(_ index: Int, into row: inout [UInt64]) {
        let tokens = context.text.tokenized.tokens
        let count = tokens.count
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
        let word = wordHashes[index]
        let caseBits = UInt64(flags.contains(.capitalized) ? 1 : 0) | UInt64(flags.contains(.allCaps) ? 2 : 0)
            | UInt64(flags.contains(.sentenceStart) ? 4 : 0) | UInt64(flags.contains(.hasDigit) ? 8 : 0)
            | UInt64(flags.contains(.possessive) ? 16 : 0)
        let gazetteer = UInt64(context.gazetteerTags[index]), rule = UInt64(context.ruleTags[index])
        row[0] = FeatureHasher.hash(1, 0)
        row[1] = FeatureHasher.hash(2, word)
        row[2] = FeatureHasher.hash(3, lemma(-1))
        row[3] = FeatureHasher.hash(4, lemma(1))
        row[4] = FeatureHasher.hash(5, lemma(-2))
        row[5] = FeatureHasher.hash(6, lemma(2))
        row[6] = FeatureHasher.hash(7, shapes[index])
        row[7] = FeatureHasher.hash(8, at(shapes, -1, 1))
        row[8] = FeatureHasher.hash(9, at(shapes, 1, 1))
        row[9] = FeatureHasher.hash(10, caseBits)
        row[10] = FeatureHasher.hash(11, UInt64(punctuation[index]))
        row[11] = FeatureHasher.hash(12, at(punctuation, 1, 1))
        row[12] = FeatureHasher.hash(13, UInt64(cues[index]))
        row[13] = FeatureHasher.hash(14, at(cues, -1, 0xFFFF))
        row[14] = FeatureHasher.hash(15, at(cues, 1, 0xFFFF))
        row[15] = FeatureHasher.hash(16, gazetteer)
        row[16] = FeatureHasher.hash(17, at(context.gazetteerTags, -1, 0xFF), at(context.gazetteerTags, 1, 0xFF))
        row[17] = FeatureHasher.hash(18, rule, UInt64(context.ruleStrengths[index]))
        row[18] = FeatureHasher.hash(19, at(context.ruleTags, -1, 0xFF))
        row[19] = FeatureHasher.hash(20, at(context.ruleTags, 1, 0xFF))
        row[20] = FeatureHasher.hash(21, UInt64(usage[index]), caseBits & 7)
        row[21] = FeatureHasher.hash(22, UInt64(sentenceCase[index]), caseBits & 3)
        row[22] = FeatureHasher.hash(23, lemma(-1), word)
        row[23] = FeatureHasher.hash(24, word, lemma(1))
        row[24] = FeatureHasher.hash(25, word, caseBits & 5)
        row[25] = FeatureHasher.hash(26, shapes[index], at(shapes, -1, 1))
        row[26] = FeatureHasher.hash(27, shapes[index], at(shapes, 1, 1))
        row[27] = FeatureHasher.hash(28, gazetteer, rule)
        // Affixes: the first one to three and last one to four letters.
        let folded = context.text.tokenized.folded
        let letters = folded[Int(token.foldedStart)..<Int(token.foldedEnd)]
        var slot = 28
        for length in 1...3 {
            row[slot] = letters.count > length ? FeatureHasher.hash(29, UInt64(length), FeatureHasher.hash(letters.prefix(length))) : 0
            slot += 1
        }
        for length in 1...4 {
            row[slot] = letters.count > length ? FeatureHasher.hash(30, UInt64(length), FeatureHasher.hash(letters.suffix(length))) : 0
            slot += 1
        }
        // What kind of word the corpus the clusters come from makes of it, and of its neighbours.
        let path = clusters[index]
        row[35] = FeatureHasher.hash(31, WordClusters.prefix(path, bits: 4))
        row[36] = FeatureHasher.hash(32, WordClusters.prefix(path, bits: 6))
        row[37] = FeatureHasher.hash(33, WordClusters.prefix(path, bits: 10))
        row[38] = FeatureHasher.hash(34, WordClusters.prefix(path, bits: 20))
        row[39] = FeatureHasher.hash(35, WordClusters.prefix(UInt32(at(clusters, -1, 1)), bits: 6))
        row[40] = FeatureHasher.hash(36, WordClusters.prefix(UInt32(at(clusters, 1, 1)), bits: 6))
        row[41] = FeatureHasher.hash(37, UInt64(caseBuckets[index]), caseBits & 5)
        row[42] = FeatureHasher.hash(38, WordClusters.prefix(path, bits: 10), caseBits & 5)
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

/// The positions in a name (begin, inside, last, unit) a token may take, from how it is written:
/// - a word with a capital anywhere (Moscow, NATO, eBay), any;
/// - a number, none: in news it is a score or a count after a name far more often than a part of one;
/// - a lower-case particle, begin or inside (al-Qaeda, de Gaulle); "of", "and", "the", inside only;
/// - any other lower-case word, none: it never starts, ends or joins a name ("Stan is", "of Canada").
struct NamePositions: Sendable {
    private(set) var mask: UInt8

    static let any = NamePositions(mask: 0b1111)

    init(mask: UInt8) { self.mask = mask }

    init(_ token: Token, _ wordHash: UInt64, _ utf8: [UInt8]) {
        let bytes = utf8[Int(token.byteStart)..<Int(token.byteEnd)]
        let flags = token.flags
        if flags.hasCapital || bytes.contains(where: { $0 &- 0x41 < 26 }) {
            mask = 0b1111
        } else if bytes.contains(where: { $0 >= 0xC0 }) {
            // Non-ASCII letters and no capital (accented capitals set the flags above).
            mask = Self.caseless(bytes)
        } else if !flags.contains(.hasLetter) {
            // A number after a name is a score or a count ("Arsenal 2", "Greg Norman 68"), not part of it.
            mask = 0
        } else if CueWords.mask(of: wordHash) & CueWords.particle != 0 {
            mask = Self.bit(.begin) | Self.bit(.inside)
        } else if CueWords.mask(of: wordHash) & CueWords.insideName != 0 {
            mask = Self.bit(.inside)
        } else {
            mask = 0
        }
    }

    /// A word of non-ASCII letters without a capital: lower-case Latin, Greek or Cyrillic is no
    /// name; other scripts have no case to go by.
    private static func caseless(_ bytes: ArraySlice<UInt8>) -> UInt8 {
        guard let lead = bytes.first(where: { $0 >= 0xC0 }) else { return 0 }
        // Lead bytes up to 0xD3 start Latin, Greek and Cyrillic letters (U+0080–U+04FF).
        return lead <= 0xD3 ? 0 : 0b1111
    }

    private static func bit(_ position: EntityTags.Position) -> UInt8 { 1 << position.rawValue }

    /// Whether a name may start here (as its first word or as a one-word name).
    var mayBegin: Bool { mask & (Self.bit(.begin) | Self.bit(.unit)) != 0 }
    /// Whether a name may end here.
    var mayEnd: Bool { mask & (Self.bit(.last) | Self.bit(.unit)) != 0 }

    func allows(_ tag: UInt8) -> Bool {
        guard let position = EntityTags.position(of: tag) else { return true }
        return mask & Self.bit(position) != 0
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

    /// Per token, two bits: seen in lower case elsewhere, seen capitalised inside a sentence elsewhere.
    var bits: [UInt8] {
        tokens.indices.map { index in
            let token = tokens[index]
            let lower = (lowerCase[wordHashes[index]] ?? 0) - (Self.isLowerCase(token) ? 1 : 0)
            let inside = (capitalizedInside[wordHashes[index]] ?? 0) - (Self.isCapitalizedInside(token) ? 1 : 0)
            return UInt8(lower > 0 ? 1 : 0) | UInt8(inside > 0 ? 2 : 0)
        }
    }
}

/// The entity rules' word lists, as one bit each, looked up by the folded word's hash.
enum CueWords {
    private static let masks: [UInt64: UInt16] = {
        var masks: [UInt64: UInt16] = [:]
        let lists: [Set<String>] = [
            EntityWords.titles, EntityWords.organizationSuffixes, EntityWords.placeSuffixes, EntityWords.placePrefixes,
            EntityWords.commonWords, EntityWords.neverNames, EntityWords.nameConnectors, EntityWords.nameParticles,
            EntityWords.insideNames,
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
    static let organizationSuffix: UInt16 = 1 << 1
    static let particle: UInt16 = 1 << 7
    static let insideName: UInt16 = 1 << 8
}
