/// Decides from an article's hits which watch-lists alert: the hits grouped by topic, overlaps merged,
/// false friends and exclusions applied, each list's rule checked, the kept hits put in text order.
///
/// It works in space its caller lends it (on the stack for an article's usual few dozen hits), so an
/// article that alerts allocates only what its result holds. Only the topics that were hit are
/// touched: an article costs the same whether the watch-lists hold ten topics or a hundred thousand.
struct WatchlistDecision {
    /// A watch-list whose rule and minimum hold: its kept hits and its topics that hit, as ranges of
    /// `kept` and `topics`.
    private struct Decided {
        var list: Int
        var kept: Range<Int>
        var topics: Range<Int>
        var score: Double
        /// While its hits are put back in the order they were found: how far `kept` is refilled.
        var filled: Int
    }

    private let engine: EntityEngine
    private let state: ScanState
    private let found: UnsafeBufferPointer<ScanState.Found>
    /// Each hit as slot << 32 | index, sorted by slot; later, which alerting list kept each hit.
    private let order: UnsafeMutableBufferPointer<UInt64>
    /// The kept hits of the lists so far, list after list, as text-order keys (`textKey`).
    private let kept: UnsafeMutableBufferPointer<UInt64>
    /// The topics (by slot) that kept a hit, list after list.
    private let topics: UnsafeMutableBufferPointer<Int>
    /// One topic's hits, while its overlaps are merged.
    private let group: UnsafeMutableBufferPointer<Int>
    private let decided: UnsafeMutableBufferPointer<Decided>
    private var keptCount = 0, topicCount = 0, decidedCount = 0
    /// Where the current list's kept hits and topics begin, and its score so far.
    private var listKept = 0, listTopics = 0, score = 0.0

    /// The watch-lists that alert on `article`, given the hits its fields' scans gathered.
    static func matches(engine: EntityEngine, article: Article, state: ScanState) -> [WatchlistMatch] {
        let count = state.found.count
        guard count > 0 else { return [] }
        return state.found.withUnsafeBufferPointer { found in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * count) { keys in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * count) { ints in
                    withUnsafeTemporaryAllocation(of: Decided.self, capacity: count) { decided in
                        var decision = WatchlistDecision(engine: engine, state: state, found: found, keys: keys, ints: ints, decided: decided)
                        return decision.run(article)
                    }
                }
            }
        }
    }

    private init(engine: EntityEngine, state: ScanState, found: UnsafeBufferPointer<ScanState.Found>,
                 keys: UnsafeMutableBufferPointer<UInt64>, ints: UnsafeMutableBufferPointer<Int>,
                 decided: UnsafeMutableBufferPointer<Decided>) {
        let count = found.count
        self.engine = engine
        self.state = state
        self.found = found
        order = UnsafeMutableBufferPointer(rebasing: keys[0..<count])
        kept = UnsafeMutableBufferPointer(rebasing: keys[count..<2 * count])
        topics = UnsafeMutableBufferPointer(rebasing: ints[0..<count])
        group = UnsafeMutableBufferPointer(rebasing: ints[count..<2 * count])
        self.decided = decided
    }

    private mutating func run(_ article: Article) -> [WatchlistMatch] {
        // `engine.watch` is read in place: a copy of it would retain and release each of its tables
        // for every article.
        // Sorted by slot (topic t of watch-list w is slot topicOffsets[w] + t), the hits come grouped
        // by topic and by list; within a slot they stay in the order they were found.
        for index in found.indices { order[index] = UInt64(UInt32(bitPattern: found[index].slot)) << 32 | UInt64(index) }
        KeySort.sortByHighHalf(order, below: engine.watch.listOfSlot.count)
        let excluded = state.excluded.isEmpty ? [] : Set(state.excluded)
        // A list's slots come together and in order, so its list is looked up only where the slots
        // leave the current one's: with 100,000 topics, each lookup is a cache miss.
        var currentList = -1, listEnd = 0
        var position = 0
        while position < order.count {
            let slot = Int(order[position] >> 32)
            let groupStart = position
            while position < order.count, Int(order[position] >> 32) == slot { position += 1 }
            if slot >= listEnd {
                if currentList >= 0 { close(list: currentList, rule: engine.watch.rules[currentList]) }
                currentList = engine.watch.listOfSlot[slot]
                listEnd = currentList + 1 < engine.watch.topicOffsets.count ? engine.watch.topicOffsets[currentList + 1] : Int.max
            }
            guard excluded.isEmpty || !excluded.contains(Int32(slot)) else { continue }
            let keptBefore = keptCount
            if position - groupStart == 1, state.falseFriends.isEmpty {
                // Most topics are hit once.
                keep(Int(truncatingIfNeeded: order[groupStart] & 0xFFFF_FFFF))
            } else {
                var members = 0
                for member in groupStart..<position {
                    group[members] = Int(truncatingIfNeeded: order[member] & 0xFFFF_FFFF)
                    members += 1
                }
                if !state.falseFriends.isEmpty { members = removeFalseFriends(members, slot) }
                if members > 1 { members = removeOverlaps(members) }
                for member in 0..<members { keep(group[member]) }
            }
            if keptCount > keptBefore {
                topics[topicCount] = slot
                topicCount += 1
            }
        }
        close(list: currentList, rule: engine.watch.rules[currentList])
        guard decidedCount > 0 else { return [] }
        putInTextOrder()
        // One array holds every match's hits, then every match's topics (the alerting lists' ranges of
        // `kept` and `topics` tile them from 0), so an alerting article allocates that, the shared
        // article and the list of matches, whatever its matches hold.
        var indices: [Int32] = []
        indices.reserveCapacity(keptCount + topicCount)
        for key in kept[0..<keptCount] { indices.append(Int32(truncatingIfNeeded: key & Self.indexMask)) }
        for slot in topics[0..<topicCount] { indices.append(Int32(truncatingIfNeeded: slot)) }
        let matchedArticle = MatchedArticle(engine: engine, article: article, records: state.found, indices: indices)
        var matches: [WatchlistMatch] = []
        matches.reserveCapacity(decidedCount)
        for list in decided[0..<decidedCount] {
            matches.append(WatchlistMatch(article: matchedArticle, list: list.list, topicSlots: list.topics.shifted(by: keptCount),
                                          hits: list.kept, score: list.score))
        }
        return matches
    }

    private mutating func keep(_ index: Int) {
        let hit = found[index]
        kept[keptCount] = Self.textKey(hit, index)
        keptCount += 1
        score += ArticleField.at(Int(hit.field)).weight
    }

    /// Ends watch-list `list`'s hits: it alerts if its rule and minimum hold, or takes its own back.
    private mutating func close(list: Int, rule: ListRule) {
        let listTopicCount = topicCount - listTopics, listHitCount = keptCount - listKept
        if rule.all ? listTopicCount == rule.topicCount : listTopicCount > 0, listHitCount >= rule.minimumMentions {
            decided[decidedCount] = Decided(list: list, kept: listKept..<keptCount, topics: listTopics..<topicCount,
                                            score: score, filled: listKept)
            decidedCount += 1
        } else {
            keptCount = listKept
            topicCount = listTopics
        }
        listKept = keptCount
        listTopics = topicCount
        score = 0
    }

    /// Hits were kept topic by topic. Taken again in the order they were found, each list's are nearly
    /// in text order already: only a phrase that starts before a shorter one that ended first is out
    /// of place. `order` is done with, and marks the alerting list of each hit meanwhile.
    private func putInTextOrder() {
        order.update(repeating: 0)
        for number in 0..<decidedCount {
            for key in kept[decided[number].kept] { order[Int(truncatingIfNeeded: key & Self.indexMask)] = UInt64(number + 1) }
        }
        for (index, mark) in order.enumerated() where mark != 0 {
            let number = Int(truncatingIfNeeded: mark - 1)
            kept[decided[number].filled] = Self.textKey(found[index], index)
            decided[number].filled += 1
        }
        for list in decided[0..<decidedCount] { KeySort.sortNearlySorted(UnsafeMutableBufferPointer(rebasing: kept[list.kept])) }
    }

    /// Entity hits inside one of the topic's false friends ("Russian" in "Russian dressing") go.
    /// Returns how many of the group's hits stay.
    private func removeFalseFriends(_ members: Int, _ slot: Int) -> Int {
        let spans = state.falseFriends.filter { $0.slot == slot }
        guard !spans.isEmpty else { return members }
        var staying = 0
        for member in 0..<members {
            let hit = found[group[member]]
            let inside = hit.kind == .entity && spans.contains { $0.field == hit.field && $0.start <= hit.start && hit.end <= $0.end }
            if !inside {
                group[staying] = group[member]
                staying += 1
            }
        }
        return staying
    }

    /// One topic's hits with overlapping ones merged into the longest: "offensive cyber" inside
    /// "offensive cyber operations" is one mention, scored once; two phrases naming the same words
    /// ("Russian", "Russians") are one too. Returns how many of the group's hits stay.
    private func removeOverlaps(_ members: Int) -> Int {
        // Hits are found in the text order of their ends. Where no two overlap, that is also the
        // order of their starts, and there is nothing to merge: most repeated topics are so.
        var overlaps = false
        for next in 1..<members {
            let (earlier, later) = (found[group[next - 1]], found[group[next]])
            if earlier.field == later.field ? later.start < earlier.end : earlier.field > later.field {
                overlaps = true
                break
            }
        }
        guard overlaps else { return members }
        // By place; at one start the longest first, so overlaps merge into it.
        func precedes(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (found[a], found[b])
            return (x.field, x.start, y.end) < (y.field, y.start, x.end)
        }
        for next in 1..<members {
            let moving = group[next]
            var slot = next
            while slot > 0, precedes(moving, group[slot - 1]) {
                group[slot] = group[slot - 1]
                slot -= 1
            }
            group[slot] = moving
        }
        var staying = 0
        for member in 0..<members {
            let hit = found[group[member]]
            if staying > 0 {
                let last = found[group[staying - 1]]
                if last.field == hit.field, hit.start < last.end {
                    if hit.end - hit.start > last.end - last.start { group[staying - 1] = group[member] }
                    continue
                }
            }
            group[staying] = group[member]
            staying += 1
        }
        return staying
    }

    /// A hit's place in text order: its field, its start, then its index among the hits (the low 31 bits).
    private static func textKey(_ hit: ScanState.Found, _ index: Int) -> UInt64 {
        UInt64(hit.field) << 62 | UInt64(UInt32(bitPattern: hit.start)) << 31 | UInt64(index)
    }

    private static let indexMask: UInt64 = 0x7FFF_FFFF
}

extension Range<Int> {
    fileprivate func shifted(by offset: Int) -> Range<Int> { lowerBound + offset..<upperBound + offset }
}
