/// Decides which watch-lists alert on an article. Each field is read once, as it streams out of the
/// tokenizer: no token array is made, and a hit costs a few stores until the watch-lists are decided.
struct WatchlistEvaluator {
    let engine: EntityEngine
    let article: Article
    private var state = ScanState()
    /// The last tokens read, as many as the longest phrase has words (a power of two).
    private let recent: UnsafeMutablePointer<Token>

    /// - Parameter recent: room for `engine.watch.recentTokens` tokens, for as long as the evaluator is used.
    init(engine: EntityEngine, article: Article, recent: UnsafeMutablePointer<Token>) {
        self.engine = engine
        self.article = article
        self.recent = recent
    }

    /// Reads one field of the article.
    mutating func add(_ field: ArticleField) {
        guard var copy = article.text(of: field), !copy.isEmpty else { return }
        let fieldIndex = field.index
        copy.withUTF8 { bytes in
            if engine.watch.prefixTerms.isEmpty {
                var sink = WatchlistSink<FoldedNone>(engine: engine, bytes: bytes, field: UInt8(fieldIndex), state: state, recent: recent)
                engine.tokenizer.scan(bytes, into: &sink)
                state = sink.finish()
            } else {
                var sink = WatchlistSink<FoldedEach>(engine: engine, bytes: bytes, field: UInt8(fieldIndex), state: state, recent: recent)
                engine.tokenizer.scan(bytes, into: &sink)
                state = sink.finish()
            }
        }
    }

    /// A watch-list whose rule and minimum hold: its kept hits' keys and its topics that hit, as
    /// ranges of the arrays all decided lists share.
    private struct Decided {
        var list: Int
        var keys: Range<Int>
        var topics: Range<Int>
        var score: Double
        /// While its hits are put back in the order they were found: how far `keys` is refilled.
        var filled: Int
    }

    /// The watch-lists that alert, and why.
    func matches() -> [WatchlistMatch] {
        // Only the topics that were hit are touched, so an article costs the same whether the
        // watch-lists hold ten topics or a hundred thousand. Hits are sorted by topic slot (topic t of
        // watch-list w is slot topicOffsets[w] + t), which groups each topic's hits and each
        // watch-list's topics; within a slot they stay in the order they were found.
        let found = state.found
        guard !found.isEmpty else { return [] }
        let listOfSlot = engine.watch.listOfSlot, topicOffsets = engine.watch.topicOffsets
        var order = found.indices.map { UInt64(UInt32(bitPattern: found[$0].slot)) << 32 | UInt64($0) }
        KeySort.sortByHighHalf(&order, below: listOfSlot.count)
        let excluded = state.excluded.isEmpty ? [] : Set(state.excluded)
        var gathered = Gathered(capacity: found.count)
        var group: [Int] = []
        // A list's slots come together and in order, so its list is looked up only where the slots
        // leave the current one's: with 100,000 topics, each lookup is a cache miss.
        var currentList = -1, listEnd = 0
        var position = 0
        while position < order.count {
            let slot = Int(order[position] >> 32)
            let groupStart = position
            while position < order.count, Int(order[position] >> 32) == slot { position += 1 }
            if slot >= listEnd {
                if currentList >= 0 { gathered.close(list: currentList, rule: engine.watch.rules[currentList]) }
                currentList = listOfSlot[slot]
                listEnd = currentList + 1 < topicOffsets.count ? topicOffsets[currentList + 1] : Int.max
            }
            let list = currentList
            guard excluded.isEmpty || !excluded.contains(Int32(slot)) else { continue }
            let keptBefore = gathered.keys.count
            if position - groupStart == 1, state.falseFriends.isEmpty {
                // Most topics are hit once.
                let index = Int(truncatingIfNeeded: order[groupStart] & 0xFFFF_FFFF)
                gathered.keep(index, found[index])
            } else {
                group.removeAll(keepingCapacity: true)
                group.reserveCapacity(position - groupStart)
                for member in groupStart..<position { group.append(Int(truncatingIfNeeded: order[member] & 0xFFFF_FFFF)) }
                if !state.falseFriends.isEmpty { removeFalseFriends(&group, slot) }
                if group.count > 1 { removeOverlaps(&group) }
                for index in group { gathered.keep(index, found[index]) }
            }
            if gathered.keys.count > keptBefore { gathered.topics.append(slot - topicOffsets[list]) }
        }
        gathered.close(list: currentList, rule: engine.watch.rules[currentList])
        guard !gathered.decided.isEmpty else { return [] }
        // Hits were gathered topic by topic. Taken again in the order they were found, each list's are
        // nearly in text order already: only a phrase that starts before a shorter one that ended
        // first is out of place. `order` is done with, and now marks the alerting list of each hit.
        for index in order.indices { order[index] = 0 }
        for (number, list) in gathered.decided.enumerated() {
            for key in gathered.keys[list.keys] { order[Int(truncatingIfNeeded: key & Self.indexMask)] = UInt64(number + 1) }
        }
        for (index, mark) in order.enumerated() where mark != 0 {
            let number = Int(truncatingIfNeeded: mark - 1)
            gathered.keys[gathered.decided[number].filled] = Self.textKey(found[index], index)
            gathered.decided[number].filled += 1
        }
        let article = MatchedArticle(engine: engine, article: self.article, records: found)
        var matches: [WatchlistMatch] = []
        matches.reserveCapacity(gathered.decided.count)
        for list in gathered.decided {
            KeySort.sortNearlySorted(&gathered.keys, in: list.keys)
            let watchlist = engine.watchlists[list.list]
            let hits = TopicHits(article: article, order: gathered.keys[list.keys].map { Int32(truncatingIfNeeded: $0 & Self.indexMask) })
            matches.append(WatchlistMatch(watchlist: watchlist.name, topics: gathered.topics[list.topics].map { watchlist.topics[$0].name },
                                          hits: hits, score: list.score, sinks: watchlist.sinks))
        }
        return matches
    }

    /// A hit's place in text order: its field, its start, then its index among the hits (the low 31 bits).
    private static func textKey(_ hit: ScanState.Found, _ index: Int) -> UInt64 {
        UInt64(hit.field) << 62 | UInt64(UInt32(bitPattern: hit.start)) << 31 | UInt64(index)
    }

    private static let indexMask: UInt64 = 0x7FFF_FFFF

    /// The kept hits of each watch-list, as keys in text order (field, start, then the hit's index),
    /// and its topics, appended list by list; a list that does not alert takes its own back.
    private struct Gathered {
        var keys: [UInt64] = []
        var topics: [Int] = []
        var decided: [Decided] = []
        private var listKeys = 0, listTopics = 0, score = 0.0

        init(capacity: Int) {
            keys.reserveCapacity(capacity)
            topics.reserveCapacity(capacity)
        }

        mutating func keep(_ index: Int, _ hit: ScanState.Found) {
            keys.append(WatchlistEvaluator.textKey(hit, index))
            score += ArticleField.at(Int(hit.field)).weight
        }

        /// Ends watch-list `list`'s hits: it alerts if its rule and minimum hold.
        mutating func close(list: Int, rule: ListRule) {
            let topicCount = topics.count - listTopics, hitCount = keys.count - listKeys
            if rule.all ? topicCount == rule.topicCount : topicCount > 0, hitCount >= rule.minimumMentions {
                decided.append(Decided(list: list, keys: listKeys..<keys.count, topics: listTopics..<topics.count, score: score,
                                       filled: listKeys))
            } else {
                keys.removeLast(hitCount)
                topics.removeLast(topicCount)
            }
            listKeys = keys.count
            listTopics = topics.count
            score = 0
        }
    }

    /// Entity hits inside one of the topic's false friends ("Russian" in "Russian dressing") go.
    private func removeFalseFriends(_ group: inout [Int], _ slot: Int) {
        let spans = state.falseFriends.filter { $0.slot == slot }
        guard !spans.isEmpty else { return }
        group.removeAll { index in
            let hit = state.found[index]
            return hit.kind == .entity && spans.contains { $0.field == hit.field && $0.start <= hit.start && hit.end <= $0.end }
        }
    }

    /// One topic's hits with overlapping ones merged into the longest: "offensive cyber" inside
    /// "offensive cyber operations" is one mention, scored once; two phrases naming the same words
    /// ("Russian", "Russians") are one too.
    private func removeOverlaps(_ group: inout [Int]) {
        let found = state.found
        // Hits are found in the text order of their ends. Where no two overlap, that is also the
        // order of their starts, and there is nothing to merge: most repeated topics are so.
        var overlaps = false
        for next in 1..<group.count {
            let (earlier, later) = (found[group[next - 1]], found[group[next]])
            if earlier.field == later.field ? later.start < earlier.end : earlier.field > later.field {
                overlaps = true
                break
            }
        }
        guard overlaps else { return }
        // By place; at one start the longest first, so overlaps merge into it.
        func precedes(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (found[a], found[b])
            return (x.field, x.start, y.end) < (y.field, y.start, x.end)
        }
        for next in 1..<group.count {
            let moving = group[next]
            var slot = next
            while slot > 0, precedes(moving, group[slot - 1]) {
                group[slot] = group[slot - 1]
                slot -= 1
            }
            group[slot] = moving
        }
        var keptCount = 0
        for index in group {
            let hit = found[index]
            if keptCount > 0 {
                let last = found[group[keptCount - 1]]
                if last.field == hit.field, hit.start < last.end {
                    if hit.end - hit.start > last.end - last.start { group[keptCount - 1] = index }
                    continue
                }
            }
            group[keptCount] = index
            keptCount += 1
        }
        group.removeLast(group.count - keptCount)
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

/// Steps the watch-list automaton over one field's tokens as the tokenizer hands them over, keeping
/// the last few tokens (as many as the longest phrase has words) to check case rules and spans.
/// It holds its own references to what it reads per token, so no token copies the engine's tables.
struct WatchlistSink<Folded: FoldedWords>: TokenSink {
    static var wantsContext: Bool { false }
    private let automaton: PhraseAutomaton
    private let targets: [PhraseTarget]
    private let phrases: [CompiledPhrase]
    private let prefixTerms: PrefixTerms
    private let listFields: [UInt8]
    private let bytes: UnsafeBufferPointer<UInt8>
    private let field: UInt8
    private var state: ScanState
    private var automatonState: Int32 = 0
    private let recent: UnsafeMutablePointer<Token>
    private let recentMask: Int
    private var tokenCount = 0

    init(engine: EntityEngine, bytes: UnsafeBufferPointer<UInt8>, field: UInt8, state: ScanState, recent: UnsafeMutablePointer<Token>) {
        automaton = engine.watch.automaton
        targets = engine.watch.targets
        phrases = engine.watch.phrases
        prefixTerms = engine.watch.prefixTerms
        listFields = engine.watch.listFields
        self.bytes = bytes
        self.field = field
        self.state = state
        self.recent = recent
        recentMask = engine.watch.recentTokens - 1
    }

    consuming func finish() -> ScanState { state }

    @inline(__always)
    mutating func take(_ token: Token, folded: borrowing ByteBuffer) {
        recent[tokenCount & recentMask] = token
        tokenCount += 1
        automatonState = automaton.step(automatonState, token.lemmaHash)
        if automatonState != 0 {
            automaton.forEachOutput(of: automatonState) { phrase in
                found(Int(phrase), words: Int(automaton.phraseLengths[Int(phrase)]))
            }
        }
        if Folded.writes, token.foldedEnd - token.foldedStart >= 3 {
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
                if !recent[(firstSeen + offset) & recentMask].flags.contains(.capitalized) { return }
                capitals &= capitals - 1
            }
        case .full:
            for offset in 0..<words where !phrases[phrase].accepts(recent[(firstSeen + offset) & recentMask], word: offset, in: bytes) {
                return
            }
        }
        guard target.role == .falseFriend || listFields[Int(target.list)] & (1 << field) != 0 else { return }
        let first = recent[firstSeen & recentMask], last = recent[(tokenCount - 1) & recentMask]
        switch target.role {
        case .topic:
            if state.found.capacity == 0 { state.found.reserveCapacity(64) }
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
