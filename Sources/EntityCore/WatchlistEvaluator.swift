/// Decides which watch-lists alert, from the phrase hits of each field (or of each piece of a long
/// field, `add` once per piece): a piece's tokens can go as soon as its hits are taken.
struct WatchlistEvaluator {
    let engine: EntityEngine
    private var found: [Found] = []
    private var excluded = Set<Int>()
    /// Where a topic's false friends were found, per field: entity hits inside them do not count.
    private var falseFriendSpans: [Int: [(field: ArticleField, start: Int, end: Int)]] = [:]

    init(engine: EntityEngine) { self.engine = engine }

    /// A topic's hit, before the topics are decided: where it is and which topic it is for.
    private struct Found {
        var list: Int
        var slot: Int
        var field: ArticleField
        var start: Int
        var end: Int
        var phrase: Int
        var kind: TopicHit.Kind
        var source: FieldText
        var bytes: Range<Int>
    }

    /// Takes the hits of `text`, a field or the piece of one that starts `scalarOffset` scalars in.
    mutating func add(_ field: ArticleField, _ text: PreparedText, _ hits: [PhraseHit], scalarOffset: Int = 0) {
        var source: FieldText?
        let tokens = text.tokenized.tokens
        for hit in hits {
            let start = Int(tokens[hit.firstToken].start) + scalarOffset, end = Int(tokens[hit.lastToken].end) + scalarOffset
            switch engine.phrases[hit.phrase].owner {
            case .gazetteer:
                continue
            case .exclusion(let list, let topic):
                if engine.watchlists[list].fields.contains(field) { excluded.insert(engine.topicOffsets[list] + topic) }
            case .falseFriend(let list, let topic):
                falseFriendSpans[engine.topicOffsets[list] + topic, default: []].append((field, start, end))
            case .topic(let list, let topic, let kind):
                guard engine.watchlists[list].fields.contains(field) else { continue }
                let shared = source ?? FieldText(text.utf8)
                source = shared
                found.append(Found(list: list, slot: engine.topicOffsets[list] + topic, field: field, start: start, end: end,
                                   phrase: hit.phrase, kind: kind, source: shared,
                                   bytes: Int(tokens[hit.firstToken].byteStart)..<Int(tokens[hit.lastToken].byteEnd)))
            }
        }
    }

    /// The watch-lists that alert, and why.
    func matches() -> [WatchlistMatch] {
        // Only the topics that were hit are touched, so an article costs the same whether the
        // watch-lists hold ten topics or a hundred thousand. Topic t of watch-list w is slot
        // topicOffsets[w] + t; hits are gathered flat and sorted by slot, which groups each topic's
        // hits and each watch-list's topics.
        guard !found.isEmpty else { return [] }
        // By topic, then place; at one start the longest first, so overlaps merge into it.
        let order = found.indices.sorted { a, b in
            let (x, y) = (found[a], found[b])
            return (x.slot, x.field, x.start, y.end) < (y.slot, y.field, y.start, x.end)
        }
        var results: [WatchlistMatch] = []
        var groupStart = 0
        var listHits: [Int] = [], listTopics: [Int] = [], currentList = -1
        func finishList() {
            guard currentList >= 0 else { return }
            let list = engine.watchlists[currentList]
            let ruleHolds = list.rule == .any ? !listTopics.isEmpty : listTopics.count == list.topics.count
            if ruleHolds, listHits.count >= list.minimumMentions {
                let ordered = listHits.sorted { (found[$0].field, found[$0].start) < (found[$1].field, found[$1].start) }
                let hits = ordered.map { index -> TopicHit in
                    let hit = found[index]
                    let topic = list.topics[hit.slot - engine.topicOffsets[currentList]]
                    return TopicHit(topic: topic.name, term: engine.phrases[hit.phrase].text, kind: hit.kind, field: hit.field,
                                    start: hit.start, end: hit.end, source: hit.source, bytes: hit.bytes)
                }
                results.append(WatchlistMatch(watchlist: list.name, topics: listTopics.map { list.topics[$0].name }, hits: hits,
                                              score: hits.reduce(0) { $0 + $1.field.weight }, sinks: list.sinks))
            }
            listHits = []
            listTopics = []
        }
        while groupStart < order.count {
            let slot = found[order[groupStart]].slot
            var groupEnd = groupStart
            while groupEnd < order.count, found[order[groupEnd]].slot == slot { groupEnd += 1 }
            defer { groupStart = groupEnd }
            let list = found[order[groupStart]].list
            if list != currentList {
                finishList()
                currentList = list
            }
            guard !excluded.contains(slot) else { continue }
            let spans = falseFriendSpans[slot] ?? []
            let kept = Self.withoutOverlaps(order[groupStart..<groupEnd].filter { index in
                let hit = found[index]
                return !(hit.kind == .entity && spans.contains { $0.field == hit.field && $0.start <= hit.start && hit.end <= $0.end })
            }, found)
            guard !kept.isEmpty else { continue }
            listTopics.append(slot - engine.topicOffsets[list])
            listHits += kept
        }
        finishList()
        return results
    }

    /// One topic's hits (sorted by place, longest first at one start) with overlapping ones merged
    /// into the longest: "offensive cyber" inside "offensive cyber operations" is one mention,
    /// scored once; two phrases naming the same words ("Russian", "Russians") are one too.
    private static func withoutOverlaps(_ indices: [Int], _ found: [Found]) -> [Int] {
        var kept: [Int] = []
        for index in indices {
            let hit = found[index]
            if let last = kept.last.map({ found[$0] }), last.field == hit.field, hit.start < last.end {
                if hit.end - hit.start > last.end - last.start { kept[kept.count - 1] = index }
                continue
            }
            kept.append(index)
        }
        return kept
    }
}

/// The sentence around a hit, for showing a person why an alert fired. Works on UTF-8 byte offsets:
/// every boundary it looks for is ASCII.
enum Snippet {
    /// Longest snippet, in bytes; a longer sentence is cut to a window around the hit.
    static let maximumLength = 400

    static func sentenceRange(around range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
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
