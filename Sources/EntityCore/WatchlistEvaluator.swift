/// Decides which watch-lists alert, from the phrase hits of each field.
struct WatchlistEvaluator {
    let engine: EntityEngine
    let hitsByField: [(ArticleField, PreparedText, [PhraseHit])]

    func matches() -> [WatchlistMatch] {
        // Hits per topic in one flat array: topic t of watch-list w is at topicOffsets[w] + t.
        var hitsByTopic = [[TopicHit]](repeating: [], count: engine.topicCount)
        var excluded = [Bool](repeating: false, count: engine.topicCount)
        // Where a topic's false friends were found, per field: entity hits inside them do not count.
        var falseFriendSpans = [[(field: ArticleField, start: Int, end: Int)]](repeating: [], count: engine.topicCount)
        for (field, text, hits) in hitsByField {
            // Many hits share a sentence: each sentence's snippet is made once.
            var snippets: [Range<Int>: String] = [:]
            for hit in hits {
                let phrase = engine.phrases[hit.phrase]
                switch phrase.owner {
                case .gazetteer:
                    continue
                case .exclusion(let list, let topic):
                    if engine.watchlists[list].fields.contains(field) { excluded[engine.topicOffsets[list] + topic] = true }
                case .falseFriend(let list, let topic):
                    let tokens = text.tokenized.tokens
                    falseFriendSpans[engine.topicOffsets[list] + topic].append(
                        (field, Int(tokens[hit.firstToken].start), Int(tokens[hit.lastToken].end)))
                case .topic(let list, let topic, let kind):
                    guard engine.watchlists[list].fields.contains(field) else { continue }
                    let slot = engine.topicOffsets[list] + topic
                    let tokens = text.tokenized.tokens
                    let first = tokens[hit.firstToken], last = tokens[hit.lastToken]
                    // Two phrases of one topic can name the same words ("Russian", "Russians"); they are
                    // reported together, so comparing with the previous hit is enough to report the place once.
                    if let previous = hitsByTopic[slot].last, previous.field == field, previous.start == Int(first.start),
                       previous.end == Int(last.end) { continue }
                    hitsByTopic[slot].append(TopicHit(
                        topic: engine.watchlists[list].topics[topic].name, term: phrase.text, kind: kind,
                        matchedText: text.text(ofTokens: hit.firstToken, through: hit.lastToken), field: field,
                        start: Int(first.start), end: Int(last.end),
                        snippet: snippet(Int(first.byteStart)..<Int(last.byteEnd), text.utf8, &snippets)))
                }
            }
        }
        for slot in hitsByTopic.indices where !hitsByTopic[slot].isEmpty {
            let spans = falseFriendSpans[slot]
            if !spans.isEmpty {
                hitsByTopic[slot].removeAll { hit in
                    hit.kind == .entity && spans.contains { $0.field == hit.field && $0.start <= hit.start && hit.end <= $0.end }
                }
            }
            hitsByTopic[slot] = Self.withoutOverlaps(hitsByTopic[slot])
        }
        var results: [WatchlistMatch] = []
        for (listIndex, list) in engine.watchlists.enumerated() {
            let offset = engine.topicOffsets[listIndex]
            let hitTopics = list.topics.indices.filter { !hitsByTopic[offset + $0].isEmpty && !excluded[offset + $0] }
            let everyHit = hitTopics.flatMap { hitsByTopic[offset + $0] }
            let ruleHolds = list.rule == .any ? !hitTopics.isEmpty : hitTopics.count == list.topics.count
            guard ruleHolds, everyHit.count >= list.minimumMentions else { continue }
            let ordered = everyHit.sorted { ($0.field, $0.start) < ($1.field, $1.start) }
            results.append(WatchlistMatch(watchlist: list.name, topics: hitTopics.map { list.topics[$0].name }, hits: ordered,
                                          score: ordered.reduce(0) { $0 + $1.field.weight }, sinks: list.sinks))
        }
        return results
    }

    /// One topic's hits with overlapping ones merged into the longest: "offensive cyber" inside
    /// "offensive cyber operations" is one mention, scored once.
    static func withoutOverlaps(_ hits: [TopicHit]) -> [TopicHit] {
        guard hits.count > 1 else { return hits }
        let ordered = hits.sorted { ($0.field, $0.start, $1.end) < ($1.field, $1.start, $0.end) }
        var kept: [TopicHit] = []
        for hit in ordered {
            if let last = kept.last, last.field == hit.field, hit.start < last.end {
                if hit.end - hit.start > last.end - last.start { kept[kept.count - 1] = hit }
                continue
            }
            kept.append(hit)
        }
        return kept
    }

    private func snippet(_ range: Range<Int>, _ utf8: [UInt8], _ cache: inout [Range<Int>: String]) -> String {
        let sentence = Snippet.sentenceRange(around: range, in: utf8)
        if let known = cache[sentence] { return known }
        let text = String(decoding: utf8[sentence], as: UTF8.self).trimmingWhitespace()
        cache[sentence] = text
        return text
    }
}

/// The sentence around a hit, for showing a person why an alert fired. Works on UTF-8 byte offsets:
/// every boundary it looks for is ASCII.
enum Snippet {
    /// Longest snippet, in bytes; a longer sentence is cut to a window around the hit.
    static let maximumLength = 400

    static func sentenceRange(around range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        func isTerminator(_ byte: UInt8) -> Bool { byte == 0x2E || byte == 0x21 || byte == 0x3F }
        var start = range.lowerBound
        while start > 0 {
            let previous = bytes[start - 1]
            if previous == 0x0A || previous == 0x7C { break }
            if start >= 2, previous == 0x20, isTerminator(bytes[start - 2]) { break }
            start -= 1
        }
        var end = range.upperBound
        while end < bytes.count {
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
