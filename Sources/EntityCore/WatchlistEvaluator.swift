/// Decides which watch-lists alert on an article. Each field is read once, as it streams out of the
/// tokenizer: no token array is made, and a hit costs a few stores until the watch-lists are decided.
/// `Folded` is `FoldedEach` when there are prefix terms (they read each word's folded form), else
/// `FoldedNone`.
enum WatchlistEvaluator<Folded: FoldedWords> {
    /// The watch-lists that alert on `article`, and why.
    /// - Parameter recent: room for `engine.watch.recentTokens` tokens.
    static func matches(engine: EntityEngine, article: Article, recent: UnsafeMutablePointer<RecentWord>) -> [WatchlistMatch] {
        // The tables read per token and per hit are lent as pointers for the article's scan: a copy
        // of each would be retained and released for every article, a tenth of a short one's cost.
        // (`engine.watch` is read in place for the same reason.)
        let state = engine.watch.automaton.withReader { automaton in
            engine.watch.targets.withUnsafeBufferPointer { targets in
                engine.watch.phrases.withUnsafeBufferPointer { phrases in
                    engine.watch.listFields.withUnsafeBufferPointer { listFields in
                        let tables = WatchlistSink<Folded>.Tables(automaton: automaton, targets: targets, phrases: phrases, listFields: listFields)
                        // Set up once for the article, not for each field.
                        var sink = WatchlistSink<Folded>(tables: tables, prefixTerms: engine.watch.prefixTerms, recent: recent,
                                                         recentTokens: engine.watch.recentTokens)
                        read(.title, of: article, into: &sink, engine.tokenizer)
                        read(.summary, of: article, into: &sink, engine.tokenizer)
                        read(.content, of: article, into: &sink, engine.tokenizer)
                        return sink.state
                    }
                }
            }
        }
        return WatchlistDecision.matches(engine: engine, article: article, state: state)
    }

    /// Reads one field of the article.
    private static func read(_ field: ArticleField, of article: Article, into sink: inout WatchlistSink<Folded>, _ tokenizer: Tokenizer) {
        guard var copy = article.text(of: field), !copy.isEmpty else { return }
        let fieldIndex = UInt8(field.index)
        copy.withUTF8 { bytes in
            sink.begin(bytes, field: fieldIndex)
            tokenizer.scan(bytes, into: &sink)
        }
    }
}

/// What the evaluator gathers while the fields stream past.
struct ScanState {
    /// A topic's hit: where it is and which topic it is for.
    struct Found {
        var slot: Int32
        var phrase: Int32
        var start: Int32
        var end: Int32
        var byteStart: Int32
        var byteEnd: Int32
        var field: UInt8
        var kind: TopicHit.Kind
    }

    /// Room for a few hits from the first one on, so a matching article does not regrow it hit by hit.
    var found: [Found] = []
    /// Topic slots an exclude term vetoed.
    var excluded: [Int32] = []
    /// Where a topic's false friends were found: entity hits inside them do not count.
    var falseFriends: [(slot: Int, field: UInt8, start: Int32, end: Int32)] = []
}

/// What the matcher keeps of one of the last few tokens: where it is, and its capital. Twenty bytes,
/// so the ring of them fits the stack for phrases of up to 32 words (`EntityEngine.match`).
struct RecentWord {
    var start: Int32
    var end: Int32
    var byteStart: Int32
    var byteEnd: Int32
    var capitalized: Bool

    @inline(__always)
    init(_ token: Token) {
        start = token.start
        end = token.end
        byteStart = token.byteStart
        byteEnd = token.byteEnd
        capitalized = token.flags.contains(.capitalized)
    }
}

/// Steps the watch-list automaton over one field's tokens as the tokenizer hands them over, keeping
/// the last few tokens (as many as the longest phrase has words) to check case rules and spans.
/// It reads the watch-lists' tables through pointers lent for the article (`Tables`).
struct WatchlistSink<Folded: FoldedWords>: TokenSink {
    struct Tables {
        let automaton: PhraseAutomaton.Reader
        let targets: UnsafeBufferPointer<PhraseTarget>
        let phrases: UnsafeBufferPointer<CompiledPhrase>
        let listFields: UnsafeBufferPointer<UInt8>
    }

    static var wantsContext: Bool { false }
    private let automaton: PhraseAutomaton.Reader
    private let targets: UnsafeBufferPointer<PhraseTarget>
    private let phrases: UnsafeBufferPointer<CompiledPhrase>
    private let listFields: UnsafeBufferPointer<UInt8>
    private let prefixTerms: PrefixTerms
    /// The field being read, valid while it is scanned.
    private var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var field: UInt8 = 0
    /// What the fields read so far gathered.
    private(set) var state = ScanState()
    private var automatonState: Int32 = 0
    private let recent: UnsafeMutablePointer<RecentWord>
    private let recentMask: Int
    private var tokenCount = 0

    init(tables: Tables, prefixTerms: PrefixTerms, recent: UnsafeMutablePointer<RecentWord>, recentTokens: Int) {
        automaton = tables.automaton
        targets = tables.targets
        phrases = tables.phrases
        listFields = tables.listFields
        self.prefixTerms = prefixTerms
        self.recent = recent
        recentMask = recentTokens - 1
    }

    /// Starts reading a field: no phrase runs on from the field before.
    mutating func begin(_ bytes: UnsafeBufferPointer<UInt8>, field: UInt8) {
        self.bytes = bytes
        self.field = field
        automatonState = 0
        tokenCount = 0
    }

    @inline(__always)
    mutating func take(_ token: Token, folded: borrowing ByteBuffer) {
        tokenCount &+= 1
        automatonState = automaton.step(automatonState, token.lemmaHash)
        // Only a token the automaton stands on a phrase after can be one of a phrase's words (the
        // state is the longest phrase beginning that ends there), or one a prefix term may match:
        // the others are not kept.
        let mayBePrefixed = Folded.writes && token.foldedEnd - token.foldedStart >= 3
        if automatonState != 0 || mayBePrefixed { recent[(tokenCount &- 1) & recentMask] = RecentWord(token) }
        if automatonState != 0 {
            automaton.forEachOutput(of: automatonState) { phrase in
                found(Int(phrase), words: Int(automaton.phraseLengths[Int(phrase)]))
            }
        }
        if mayBePrefixed {
            let word = folded.bytes(from: Int(token.foldedStart))
            for prefix in prefixTerms.candidates(for: word) where word.starts(with: prefix.folded) {
                found(prefix.phrase, words: 1)
            }
        }
    }

    /// Records phrase `phrase`, ending at the newest token, if its case rules hold there.
    private mutating func found(_ phrase: Int, words: Int) {
        let target = targets[phrase]
        let firstSeen = tokenCount - words
        switch target.caseCheck {
        case .none:
            break
        case .capitals:
            var capitals = target.capitalWords
            while capitals != 0 {
                let offset = capitals.trailingZeroBitCount
                if !recent[(firstSeen + offset) & recentMask].capitalized { return }
                capitals &= capitals - 1
            }
        case .full:
            for offset in 0..<words {
                let word = recent[(firstSeen + offset) & recentMask]
                let spelling = UnsafeBufferPointer(rebasing: bytes[Int(word.byteStart)..<Int(word.byteEnd)])
                if !phrases[phrase].accepts(word: offset, capitalized: word.capitalized, spelling: spelling) { return }
            }
        }
        guard target.role == .falseFriend || listFields[Int(target.list)] & (1 << field) != 0 else { return }
        let first = recent[firstSeen & recentMask], last = recent[(tokenCount - 1) & recentMask]
        switch target.role {
        case .topic:
            // Room for 16 (512 bytes): a request of 1 KB or more makes glibc gather its small free blocks
            // first, several per cent of a short article's matching.
            if state.found.capacity == 0 { state.found.reserveCapacity(16) }
            state.found.append(ScanState.Found(slot: target.slot, phrase: Int32(phrase), start: first.start, end: last.end,
                                               byteStart: first.byteStart, byteEnd: last.byteEnd, field: field, kind: target.kind))
        case .exclusion:
            state.excluded.append(target.slot)
        case .falseFriend:
            state.falseFriends.append((Int(target.slot), field, first.start, last.end))
        }
    }
}

/// The sentence around a hit, for showing a person why an alert fired. Works on UTF-8 byte offsets:
/// every boundary it looks for is ASCII.
enum Snippet {
    /// Longest snippet, in bytes; a longer sentence is cut to a window around the hit.
    static let maximumLength = 400

    static func sentenceRange(around range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        func isTerminator(_ byte: UInt8) -> Bool { byte == 0x2E || byte == 0x21 || byte == 0x3F }
        // Neither scan goes further than a snippet can be long: a text without sentence ends (a
        // 20 MB line) must not cost its whole length per hit.
        let earliest = max(0, range.lowerBound - maximumLength)
        let latest = min(bytes.count, range.upperBound + maximumLength)
        var start = range.lowerBound
        while start > earliest {
            let previous = bytes[start - 1]
            if previous == 0x0A || previous == 0x7C { break }
            if start >= 2, previous == 0x20, isTerminator(bytes[start - 2]) { break }
            start -= 1
        }
        var end = range.upperBound
        while end < latest {
            let current = bytes[end]
            if current == 0x0A || current == 0x7C { break }
            if isTerminator(current), end + 1 == bytes.count || bytes[end + 1] == 0x20 || bytes[end + 1] == 0x0A {
                end += 1
                break
            }
            end += 1
        }
        if end - start > maximumLength {
            let half = max((maximumLength - range.count) / 2, 0)
            start = max(start, range.lowerBound - half)
            end = min(end, range.upperBound + half)
            // Never cut a character in two.
            while start < range.lowerBound, bytes[start] & 0xC0 == 0x80 { start += 1 }
            while end > range.upperBound, end < bytes.count, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        }
        return start..<end
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
