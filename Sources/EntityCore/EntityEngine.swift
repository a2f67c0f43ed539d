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
    /// The gazetteer's names, aliases and demonyms, for finding entities.
    let gazetteerAutomaton: PhraseAutomaton
    let gazetteerPhrases: [CompiledPhrase]
    /// The watch-lists' phrases, for matching: kept apart from the gazetteer's, so an article is
    /// matched against what the watch-lists hold and nothing else.
    let watch: CompiledWatchlists
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
        let compiled = CompiledGazetteer.of(gazetteer, tokenizer: tokenizer)
        self.watch = try CompiledWatchlists(watchlists, gazetteer: gazetteer, compiler: compiler)
        self.gazetteerAutomaton = compiled.automaton
        self.gazetteerPhrases = compiled.phrases
        self.tagger = tagger
        self.watchlists = watchlists
        self.gazetteer = gazetteer
        self.tokenizer = tokenizer
    }

    /// What is wrong with `term` as a watch-list term, or nil: a term of only punctuation, symbols or
    /// stray combining marks can never match, and a prefix term (`cyber*`) must be one word of at
    /// least three letters. The configuration reports it at the term's line; `init` throws it.
    public static func problem(withTerm term: String) -> String? {
        if term.hasSuffix("*") {
            return PrefixTerms.fold(String(term.dropLast()), tokenizer: checkingTokenizer) == nil ? PrefixTerms.rule : nil
        }
        return problem(withPhrase: term)
    }

    /// What is wrong with `phrase` as an alias or exclusion (where `*` is no prefix), or nil.
    public static func problem(withPhrase phrase: String) -> String? {
        checkingTokenizer.tokenize(phrase).tokens.contains { !$0.foldsToNothing } ? nil : "has no word to match (letters or digits)"
    }

    /// The tokenizer the configuration's terms are checked with (the default folding, as it compiles them).
    private static let checkingTokenizer = Tokenizer(folding: ScalarFolding.shared(foldDiacritics: true))

    /// How many phrases the watch-lists compiled to (terms, aliases, entity names, exclusions).
    public var watchPhraseCount: Int { watch.phrases.count }

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
        // Read in place: a copy of a 20 MB text would double what it costs to hold.
        var copy = text
        copy.withUTF8 { bytes in
            var start = 0, scalarOffset = 0
            while start < bytes.count {
                let end = Self.pieceEnd(bytes, from: start, limit: chunkBytes)
                let piece = UnsafeBufferPointer(rebasing: bytes[start..<end])
                body(String(decoding: piece, as: UTF8.self), scalarOffset)
                scalarOffset += piece.reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
                start = end
            }
        }
    }

    /// Where the piece starting at `start` ends: after the last line break in its second half, else
    /// after the last ". ", else after the last space, else at a character boundary.
    static func pieceEnd<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, from start: Int, limit: Int) -> Int where Bytes.Index == Int {
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
        return EntityRecognizer(text: prepared, rules: rules, tagger: tagger, gazetteer: gazetteer).mentions(extractor.mention)
    }

    /// The tagger's view of a text: its tokens' features, with what the gazetteer and rules found.
    func taggerFeatures(for prepared: PreparedText) -> TokenFeatures {
        let rules = EntityExtractor(engine: self, text: prepared, hits: phraseHits(in: prepared)).analysis()
        return EntityRecognizer.features(prepared, rules)
    }

    /// The watch-lists that alert on `article`, and why. Each field is read once, however long:
    /// tokens stream from the tokenizer into the automaton, so memory does not grow with the text.
    public func match(_ article: Article) -> [WatchlistMatch] {
        guard !watchlists.isEmpty else { return [] }
        // On the stack up to 1 KB (phrases of up to 32 words); beyond, Swift allocates it on the
        // heap for each article.
        return withUnsafeTemporaryAllocation(of: RecentWord.self, capacity: watch.recentTokens) { recent in
            guard let recent = recent.baseAddress else { return [] }
            return watch.prefixTerms.isEmpty
                ? WatchlistEvaluator<FoldedNone>.matches(engine: self, article: article, recent: recent)
                : WatchlistEvaluator<FoldedEach>.matches(engine: self, article: article, recent: recent)
        }
    }

    /// Entities of the whole article (title, summary and content) and its watch-list matches.
    public func analyze(_ article: Article) -> ArticleAnalysis {
        let text = ArticleField.allCases.compactMap { article.text(of: $0) }.joined(separator: "\n")
        return ArticleAnalysis(entities: entities(in: text), matches: match(article))
    }

    /// Every gazetteer name in the text whose case rules hold.
    func phraseHits(in text: PreparedText) -> [PhraseHit] {
        var hits: [PhraseHit] = []
        let tokens = text.tokenized.tokens
        gazetteerAutomaton.scan(tokens) { phrase, last in
            let length = Int(gazetteerAutomaton.phraseLengths[Int(phrase)])
            let first = last - length + 1
            guard gazetteerPhrases[Int(phrase)].accepts(tokens, first: first, utf8: text.utf8) else { return }
            hits.append(PhraseHit(phrase: Int(phrase), firstToken: first, lastToken: last))
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

    /// Whether token `index` follows the one before it across a hyphen alone ("U.S.-led", "El-Sisi",
    /// "1996-12").
    func joinedByHyphen(_ index: Int) -> Bool {
        let tokens = tokenized.tokens
        guard index > 0, index < tokens.count else { return false }
        let end = Int(tokens[index - 1].byteEnd)
        return Int(tokens[index].byteStart) == end + 1 && utf8[end] == 0x2D
    }
}

/// A phrase found at tokens `firstToken...lastToken`.
struct PhraseHit {
    var phrase: Int
    var firstToken: Int
    var lastToken: Int
}

