/// Decides which watch-lists alert, from the phrase hits of each field.
struct WatchlistEvaluator {
    let engine: EntityEngine
    let hitsByField: [(ArticleField, PreparedText, [PhraseHit])]

    func matches() -> [WatchlistMatch] {
        var topicHits: [Int: [Int: [TopicHit]]] = [:]
        var excluded: [Int: Set<Int>] = [:]
        for (field, text, hits) in hitsByField {
            // Many hits share a sentence: each sentence's snippet is made once.
            var snippets: [Range<Int>: String] = [:]
            for hit in hits {
                let phrase = engine.phrases[hit.phrase]
                switch phrase.owner {
                case .gazetteer:
                    continue
                case .exclusion(let list, let topic):
                    if engine.watchlists[list].fields.contains(field) { excluded[list, default: []].insert(topic) }
                case .topic(let list, let topic, let kind):
                    guard engine.watchlists[list].fields.contains(field) else { continue }
                    // Two phrases of one topic can name the same words ("Russian", "Russians"): report the place once.
                    if topicHits[list]?[topic]?.contains(where: {
                        $0.field == field && $0.start == Int(text.tokenized.tokens[hit.firstToken].start)
                            && $0.end == Int(text.tokenized.tokens[hit.lastToken].end)
                    }) == true { continue }
                    let tokens = text.tokenized.tokens
                    let start = Int(tokens[hit.firstToken].start), end = Int(tokens[hit.lastToken].end)
                    let found = TopicHit(topic: engine.watchlists[list].topics[topic].name, term: phrase.text, kind: kind,
                                         matchedText: text.text(from: start, to: end), field: field, start: start, end: end,
                                         snippet: snippet(start..<end, text.scalars, &snippets))
                    topicHits[list, default: [:]][topic, default: []].append(found)
                }
            }
        }
        var results: [WatchlistMatch] = []
        for (listIndex, list) in engine.watchlists.enumerated() {
            let byTopic = (topicHits[listIndex] ?? [:]).filter { !(excluded[listIndex]?.contains($0.key) ?? false) }
            let hitTopics = list.topics.indices.filter { byTopic[$0] != nil }
            let everyHit = hitTopics.flatMap { byTopic[$0] ?? [] }
            let ruleHolds = list.rule == .any ? !hitTopics.isEmpty : hitTopics.count == list.topics.count
            guard ruleHolds, everyHit.count >= list.minimumMentions else { continue }
            let ordered = everyHit.sorted { ($0.field, $0.start) < ($1.field, $1.start) }
            results.append(WatchlistMatch(watchlist: list.name, topics: hitTopics.map { list.topics[$0].name }, hits: ordered,
                                          score: ordered.reduce(0) { $0 + $1.field.weight }, sinks: list.sinks))
        }
        return results
    }

    private func snippet(_ range: Range<Int>, _ scalars: [Unicode.Scalar], _ cache: inout [Range<Int>: String]) -> String {
        let sentence = Snippet.sentenceRange(around: range, in: scalars)
        if let known = cache[sentence] { return known }
        let text = String(scalars: scalars[sentence]).trimmingWhitespace()
        cache[sentence] = text
        return text
    }
}

/// The sentence around a hit, for showing a person why an alert fired.
enum Snippet {
    static let maximumLength = 280

    static func sentenceRange(around range: Range<Int>, in scalars: [Unicode.Scalar]) -> Range<Int> {
        var start = range.lowerBound
        while start > 0 {
            let previous = scalars[start - 1]
            if previous == "\n" || previous == "|" { break }
            if start >= 2, scalars[start - 1] == " ", [".", "!", "?"].contains(scalars[start - 2]) { break }
            start -= 1
        }
        var end = range.upperBound
        while end < scalars.count {
            let current = scalars[end]
            if current == "\n" || current == "|" { break }
            if [".", "!", "?"].contains(current), end + 1 == scalars.count || scalars[end + 1] == " " || scalars[end + 1] == "\n" {
                end += 1
                break
            }
            end += 1
        }
        // Keep long sentences to a window around the hit.
        if end - start > maximumLength {
            let half = (maximumLength - (range.upperBound - range.lowerBound)) / 2
            start = max(start, range.lowerBound - max(half, 0))
            end = min(end, range.upperBound + max(half, 0))
        }
        return start..<end
    }
}

extension String {
    /// A string of these scalars, encoded straight to UTF-8 (`unicodeScalars.append(contentsOf:)` is far slower).
    init(scalars: ArraySlice<Unicode.Scalar>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count + 8)
        for scalar in scalars {
            if scalar.value < 0x80 {
                bytes.append(UInt8(scalar.value))
            } else {
                bytes.append(contentsOf: UTF8.encode(scalar).map(Array.init) ?? [])
            }
        }
        self = String(decoding: bytes, as: UTF8.self)
    }

    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[first...last])
        return text
    }
}
