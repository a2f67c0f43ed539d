/// Aho–Corasick over words: every phrase in use (watch terms, aliases, the gazetteer) is compiled into
/// one automaton whose alphabet is word lemmas, so one pass over a text's tokens finds every phrase,
/// and a word that no phrase contains sends the automaton straight back to its root. The cost per
/// word is two hash lookups whatever the number of phrases.
struct PhraseAutomaton: Sendable {
    /// Word lemma hash → word id.
    private var vocabulary = FlatHashTable()
    /// (state << 32 | word id) → next state.
    private var transitions = FlatHashTable()
    private var failure: [Int32] = [0]
    /// Phrases ending at each state.
    private var outputs: [[Int32]] = [[]]
    /// The nearest state down the failure chain that has outputs, or -1.
    private var outputLink: [Int32] = [-1]
    private(set) var phraseLengths: [Int32] = []

    var stateCount: Int { failure.count }

    /// Adds a phrase given as its words' lemma hashes; returns its id.
    @discardableResult
    mutating func add(_ words: [UInt64]) -> Int32 {
        var state: Int32 = 0
        for word in words {
            let id: Int32
            if let known = vocabulary.value(for: word) {
                id = known
            } else {
                id = Int32(vocabulary.count + 1)
                vocabulary.set(word, id)
            }
            let key = UInt64(UInt32(state)) << 32 | UInt64(UInt32(id))
            if let next = transitions.value(for: key) {
                state = next
            } else {
                let next = Int32(failure.count)
                failure.append(0)
                outputs.append([])
                outputLink.append(-1)
                transitions.set(key, next)
                state = next
            }
        }
        let phrase = Int32(phraseLengths.count)
        phraseLengths.append(Int32(words.count))
        outputs[Int(state)].append(phrase)
        return phrase
    }

    /// Computes failure and output links; call once after the last `add`.
    mutating func finish() {
        var children = [[(word: Int32, state: Int32)]](repeating: [], count: failure.count)
        transitions.forEach { key, next in
            children[Int(key >> 32)].append((Int32(truncatingIfNeeded: key & 0xFFFF_FFFF), next))
        }
        var queue: [Int32] = children[0].map(\.state)
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for (word, child) in children[Int(state)] {
                var fallback = failure[Int(state)]
                while true {
                    if let next = transitions.value(for: Self.key(fallback, word)), next != child {
                        failure[Int(child)] = next
                        break
                    }
                    if fallback == 0 { failure[Int(child)] = 0; break }
                    fallback = failure[Int(fallback)]
                }
                let target = failure[Int(child)]
                outputLink[Int(child)] = outputs[Int(target)].isEmpty ? outputLink[Int(target)] : target
                queue.append(child)
            }
        }
    }

    /// Calls `found(phrase, lastTokenIndex)` for every phrase occurrence in `tokens`.
    func scan(_ tokens: [Token], _ found: (Int32, Int) -> Void) {
        var state: Int32 = 0
        for index in tokens.indices {
            guard let word = vocabulary.value(for: tokens[index].lemmaHash) else {
                state = 0
                continue
            }
            while true {
                if let next = transitions.value(for: Self.key(state, word)) {
                    state = next
                    break
                }
                if state == 0 { break }
                state = failure[Int(state)]
            }
            var reporting = outputs[Int(state)].isEmpty ? outputLink[Int(state)] : state
            while reporting > 0 {
                for phrase in outputs[Int(reporting)] { found(phrase, index) }
                reporting = outputLink[Int(reporting)]
            }
        }
    }

    @inline(__always)
    private static func key(_ state: Int32, _ word: Int32) -> UInt64 {
        UInt64(UInt32(state)) << 32 | UInt64(UInt32(word))
    }
}
