/// The entity core: compile the watch-lists and the gazetteer once, then analyse any number of
/// articles, from any thread, concurrently. Everything it does is in memory: no I/O.
///
///     let engine = try EntityEngine(watchlists: lists)
///     let analysis = engine.analyze(Article(title: title, summary: summary, content: content))
///     for match in analysis.matches { … }
public final class EntityEngine: Sendable {
    public let watchlists: [Watchlist]
    let gazetteer: Gazetteer
    let tokenizer: Tokenizer
    let automaton: PhraseAutomaton
    let phrases: [CompiledPhrase]
    /// Where each watch-list's topics start among all topics (a topic's slot is its offset plus its index).
    let topicOffsets: [Int]
    /// Prefix terms (`cyber*`), by the first three bytes of their folded prefix: words are looked up
    /// by theirs, so the cost per word stays flat however many prefix terms there are.
    let prefixTerms: [UInt32: [PrefixTerm]]
    /// The statistical tagger; without it, the gazetteer and the cue rules alone find names.
    let tagger: EntityTagger?

    /// - Parameters:
    ///   - foldDiacritics: match "Kyïv" with "Kyiv" (on by default).
    ///   - tagger: the statistical tagger (the built-in model by default); nil leaves names to the
    ///     gazetteer and the cue rules.
    public init(watchlists: [Watchlist] = [], gazetteer: Gazetteer = .builtIn, foldDiacritics: Bool = true,
                tagger: EntityTagger? = .builtIn) throws(EntityCoreError) {
        let tokenizer = Tokenizer(folding: ScalarFolding.shared(foldDiacritics: foldDiacritics))
        let compiler = PhraseCompiler(tokenizer: tokenizer)
        var automaton = PhraseAutomaton()
        var phrases: [CompiledPhrase] = []

        func add(_ text: String, _ owner: CompiledPhrase.Owner, caseSensitive: Bool, properName: Bool) {
            guard let compiled = compiler.compile(text, caseSensitive: caseSensitive, properName: properName) else { return }
            automaton.add(compiled.words)
            phrases.append(CompiledPhrase(text: text, owner: owner, rules: compiled.rules))
        }

        for (index, entry) in gazetteer.entries.enumerated() {
            for name in [entry.canonical] + entry.aliases {
                add(name, .gazetteer(entry: index, demonym: false), caseSensitive: false, properName: true)
            }
            for demonym in entry.demonyms {
                add(demonym, .gazetteer(entry: index, demonym: true), caseSensitive: false, properName: true)
            }
        }
        var seenNames = Set<String>()
        var prefixes: [(text: String, folded: [UInt8], owner: CompiledPhrase.Owner)] = []
        for (listIndex, list) in watchlists.enumerated() {
            guard !list.name.isEmpty else { throw EntityCoreError("a watch-list has no name") }
            guard seenNames.insert(list.name).inserted else { throw EntityCoreError("watch-list '\(list.name)' is defined twice") }
            guard !list.topics.isEmpty else { throw EntityCoreError("watch-list '\(list.name)' has no topics") }
            for (topicIndex, topic) in list.topics.enumerated() {
                if topic.terms.isEmpty, topic.aliases.isEmpty, topic.entity == nil {
                    throw EntityCoreError("watch-list '\(list.name)', topic '\(topic.name)': give it terms, aliases or an entity")
                }
                for term in topic.terms {
                    let owner = CompiledPhrase.Owner.topic(watchlist: listIndex, topic: topicIndex, kind: .term)
                    if term.hasSuffix("*") {
                        let prefix = String(term.dropLast())
                        guard let folded = PrefixTerm.fold(prefix, tokenizer: tokenizer) else {
                            throw EntityCoreError("watch-list '\(list.name)', topic '\(topic.name)': the prefix term '\(term)' must be one word of at least three letters followed by *")
                        }
                        prefixes.append((term, folded, owner))
                        continue
                    }
                    add(term, owner, caseSensitive: topic.caseSensitive, properName: false)
                }
                for alias in topic.aliases {
                    add(alias, .topic(watchlist: listIndex, topic: topicIndex, kind: .alias), caseSensitive: topic.caseSensitive, properName: false)
                }
                if let name = topic.entity {
                    guard let entry = gazetteer.entry(named: name) else {
                        throw EntityCoreError("watch-list '\(list.name)', topic '\(topic.name)': entity '\(name)' is not in the gazetteer; use terms instead")
                    }
                    for phrase in [entry.canonical] + entry.aliases + entry.demonyms {
                        add(phrase, .topic(watchlist: listIndex, topic: topicIndex, kind: .entity), caseSensitive: false, properName: true)
                    }
                    var friendsOf = [entry.canonical]
                    for standIn in gazetteer.standIns(for: entry, topic.also) {
                        add(standIn.name, .topic(watchlist: listIndex, topic: topicIndex, kind: .entity), caseSensitive: false, properName: true)
                        if let other = standIn.entry { friendsOf.append(other.canonical) }
                    }
                    for phrase in Set(friendsOf).flatMap({ FalseFriends.phrases[$0] ?? [] }) {
                        add(phrase, .falseFriend(watchlist: listIndex, topic: topicIndex), caseSensitive: false, properName: false)
                    }
                }
                for excluded in topic.exclude {
                    add(excluded, .exclusion(watchlist: listIndex, topic: topicIndex), caseSensitive: topic.caseSensitive, properName: false)
                }
            }
        }
        automaton.finish()
        // Prefix terms come after every automaton phrase, so the automaton's phrase numbers stay
        // the indices of `phrases`.
        var prefixTerms: [UInt32: [PrefixTerm]] = [:]
        for prefix in prefixes {
            phrases.append(CompiledPhrase(text: prefix.text, owner: prefix.owner, rules: [.anyCase]))
            prefixTerms[PrefixTerm.head(prefix.folded[...]), default: []].append(PrefixTerm(folded: prefix.folded, phrase: phrases.count - 1))
        }
        self.prefixTerms = prefixTerms
        self.tagger = tagger
        self.watchlists = watchlists
        self.gazetteer = gazetteer
        self.tokenizer = tokenizer
        self.automaton = automaton
        self.phrases = phrases
        var offsets: [Int] = []
        var total = 0
        for list in watchlists {
            offsets.append(total)
            total += list.topics.count
        }
        self.topicOffsets = offsets
    }

    /// How many phrases the automaton holds (gazetteer and watch-lists).
    public var phraseCount: Int { phrases.count }

    /// Every entity mention in `text`, in order.
    public func entities(in text: String) -> [EntityMention] {
        entities(in: text, chunkBytes: Self.chunkBytes)
    }

    /// Texts longer than this are read in pieces of about this many bytes, cut at a line break (or a
    /// sentence end, or a space), so memory stays bounded by the piece, not the text: an article is
    /// one piece, a 20 MB dump is eighty. Names, phrases and the document-level steps stay within a
    /// piece; a watch-list's rule and minimum count over all of them.
    static let chunkBytes = 256 * 1024

    func entities(in text: String, chunkBytes: Int) -> [EntityMention] {
        var mentions: [EntityMention] = []
        forEachPiece(of: text, chunkBytes: chunkBytes) { piece, scalarOffset in
            for var mention in entities(inPiece: piece) {
                mention.start += scalarOffset
                mention.end += scalarOffset
                mentions.append(mention)
            }
        }
        return mentions
    }

    /// Calls `body` with each piece of `text` and the scalar offset where it starts (the whole text
    /// at offset 0 when it is short).
    func forEachPiece(of text: String, chunkBytes: Int, _ body: (String, Int) -> Void) {
        guard text.utf8.count > chunkBytes else { return body(text, 0) }
        let bytes = Array(text.utf8)
        var start = 0, scalarOffset = 0
        while start < bytes.count {
            let end = Self.pieceEnd(bytes, from: start, limit: chunkBytes)
            let piece = bytes[start..<end]
            body(String(decoding: piece, as: UTF8.self), scalarOffset)
            scalarOffset += piece.reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
            start = end
        }
    }

    /// Where the piece starting at `start` ends: after the last line break in its second half, else
    /// after the last ". ", else after the last space, else at a character boundary.
    static func pieceEnd(_ bytes: [UInt8], from start: Int, limit: Int) -> Int {
        guard bytes.count - start > limit else { return bytes.count }
        let window = (start + limit / 2)..<(start + limit)
        if let newline = window.last(where: { bytes[$0] == 0x0A }) { return newline + 1 }
        if let sentence = window.last(where: { bytes[$0] == 0x20 && bytes[$0 - 1] == 0x2E }) { return sentence + 1 }
        if let space = window.last(where: { bytes[$0] == 0x20 }) { return space + 1 }
        var end = start + limit
        while end > start + 1, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return end
    }

    private func entities(inPiece text: String) -> [EntityMention] {
        let prepared = PreparedText(text, tokenizer: tokenizer)
        let extractor = EntityExtractor(engine: self, text: prepared, hits: phraseHits(in: prepared))
        let rules = extractor.analysis()
        guard let tagger else { return rules.spans.map(extractor.mention) }
        return EntityRecognizer(text: prepared, rules: rules, tagger: tagger).mentions(extractor.mention)
    }

    /// The tagger's view of a text: its tokens' features, with what the gazetteer and rules found.
    func taggerFeatures(for prepared: PreparedText) -> TokenFeatures {
        let rules = EntityExtractor(engine: self, text: prepared, hits: phraseHits(in: prepared)).analysis()
        return EntityRecognizer.features(prepared, rules)
    }

    /// The watch-lists that alert on `article`, and why.
    public func match(_ article: Article) -> [WatchlistMatch] {
        match(article, chunkBytes: Self.chunkBytes)
    }

    func match(_ article: Article, chunkBytes: Int) -> [WatchlistMatch] {
        var evaluator = WatchlistEvaluator(engine: self)
        for field in ArticleField.allCases {
            guard let text = article.text(of: field), !text.isEmpty else { continue }
            // A long field is matched piece by piece, like `entities(in:)`, so memory stays bounded
            // by the piece. Pieces end at line breaks or sentence ends where the text has them.
            forEachPiece(of: text, chunkBytes: chunkBytes) { piece, scalarOffset in
                let prepared = PreparedText(piece, tokenizer: tokenizer, keepFolded: !prefixTerms.isEmpty)
                evaluator.add(field, prepared, phraseHits(in: prepared, includeGazetteer: false), scalarOffset: scalarOffset)
            }
        }
        return evaluator.matches()
    }

    /// Entities of the whole article (title, summary and content) and its watch-list matches.
    public func analyze(_ article: Article) -> ArticleAnalysis {
        let text = ArticleField.allCases.compactMap { article.text(of: $0) }.joined(separator: "\n")
        return ArticleAnalysis(entities: entities(in: text), matches: match(article))
    }

    /// Every phrase occurrence in the text whose case rules hold. Matching watch-lists skips the
    /// gazetteer's own phrases: entity topics carry their own copies of the names they use.
    func phraseHits(in text: PreparedText, includeGazetteer: Bool = true) -> [PhraseHit] {
        var hits: [PhraseHit] = []
        let tokens = text.tokenized.tokens
        automaton.scan(tokens) { phrase, last in
            if !includeGazetteer, case .gazetteer = phrases[Int(phrase)].owner { return }
            let length = Int(automaton.phraseLengths[Int(phrase)])
            let first = last - length + 1
            guard phrases[Int(phrase)].accepts(tokens, first: first, utf8: text.utf8) else { return }
            hits.append(PhraseHit(phrase: Int(phrase), firstToken: first, lastToken: last))
        }
        if !prefixTerms.isEmpty, !text.tokenized.folded.isEmpty {
            let folded = text.tokenized.folded
            for (index, token) in tokens.enumerated() where token.foldedEnd - token.foldedStart >= 3 {
                let word = folded[Int(token.foldedStart)..<Int(token.foldedEnd)]
                for prefix in prefixTerms[PrefixTerm.head(word)] ?? [] where word.starts(with: prefix.folded) {
                    hits.append(PhraseHit(phrase: prefix.phrase, firstToken: index, lastToken: index))
                }
            }
        }
        return hits
    }
}

/// The result of `EntityEngine.analyze`.
public struct ArticleAnalysis: Sendable {
    public var entities: [EntityMention]
    public var matches: [WatchlistMatch]
}

/// A text's UTF-8 and tokens, made once and shared by the matcher and the entity rules.
struct PreparedText {
    let utf8: [UInt8]
    let tokenized: TokenizedText

    init(_ text: String, tokenizer: Tokenizer, keepFolded: Bool = true) {
        utf8 = Array(text.utf8)
        tokenized = utf8.withUnsafeBufferPointer { tokenizer.tokenize($0, keepFolded: keepFolded) }
    }

    /// The text as written of tokens `first...last`.
    func text(ofTokens first: Int, through last: Int) -> String {
        let tokens = tokenized.tokens
        return String(decoding: utf8[Int(tokens[first].byteStart)..<Int(tokens[last].byteEnd)], as: UTF8.self)
    }
}

/// A phrase found at tokens `firstToken...lastToken`.
struct PhraseHit {
    var phrase: Int
    var firstToken: Int
    var lastToken: Int
}

/// A term written `word*`: any word that starts with it (`cyber*`: cyberattack, cyberspying).
struct PrefixTerm: Sendable {
    /// The prefix folded as the text is (lower case, diacritics off).
    let folded: [UInt8]
    let phrase: Int

    static func head(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var value: UInt32 = 0
        for byte in bytes.prefix(3) { value = value << 8 | UInt32(byte) }
        return value
    }

    /// The prefix's folded bytes, or nil unless it is a single word of at least three letters.
    static func fold(_ prefix: String, tokenizer: Tokenizer) -> [UInt8]? {
        let bytes = Array(prefix.utf8)
        let tokenized = bytes.withUnsafeBufferPointer { tokenizer.tokenize($0, keepFolded: true) }
        guard tokenized.tokens.count == 1, let token = tokenized.tokens.first,
              token.foldedEnd - token.foldedStart >= 3, token.start == 0, Int(token.end) == prefix.unicodeScalars.count else { return nil }
        return Array(tokenized.folded[Int(token.foldedStart)..<Int(token.foldedEnd)])
    }
}
