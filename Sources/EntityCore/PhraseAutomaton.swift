/// Aho–Corasick over words: a set of phrases (watch terms and aliases, or the gazetteer's names) is
/// compiled into one automaton whose alphabet is word lemmas, so one pass over a text's tokens finds
/// every phrase, and a word that no phrase contains sends the automaton straight back to its root.
/// From the root, where it spends most of its time, a word costs one hash lookup; deeper, two.
struct PhraseAutomaton: Sendable {
    /// Word lemma hash → word id (from 1), with the root's transition on the word beside it (0 where
    /// no phrase starts with the word): from the root, one lookup reads both.
    private var vocabulary = FlatHashTable()
    /// One bit per word of the vocabulary (at the lemma's hash): a word no phrase holds (four in ten
    /// of a news text's with 100,000 real phrases, nearly all with ten) is turned away by a small bit
    /// set instead of a look-up in a table of megabytes, or a probe loop whose end the processor
    /// cannot foresee. At least sixteen bits per word (about one word in sixteen gets past wrongly),
    /// from 4 KB to 256 KB.
    ///
    /// Before `finish`, a filter of one word that turns every word away.
    private var wordFilter: [UInt64] = [0]
    private var filterShift: UInt64 = 63
    /// The root's transitions and the words' lemma hashes by word id, while phrases are added.
    private var rootNext: [Int32] = [0]
    private var lemmaOfWord: [UInt64] = [0]
    /// (state << 32 | word id) → next state, for every state but the root.
    private var transitions = FlatHashTable()
    /// While phrases are added: each state's failure link and the phrases ending there.
    private var failure: [Int32] = [0]
    private var pendingOutputs: [[Int32]] = [[]]
    /// What a text's walk reads of each state, made by `finish`: one record, so one cache line.
    private var records: [StateRecord] = []
    private var outputPhrases: [Int32] = []
    private(set) var phraseLengths: [Int32] = []
    /// The most words any phrase has.
    private(set) var longestPhrase = 0

    /// Adds a phrase given as its words' lemma hashes; returns its id.
    @discardableResult
    mutating func add(_ words: [UInt64]) -> Int32 {
        var state: Int32 = 0
        for word in words {
            let id: Int32
            if let known = vocabulary.value(for: word) {
                id = known
            } else {
                id = Int32(rootNext.count)
                vocabulary.set(word, id)
                rootNext.append(0)
                lemmaOfWord.append(word)
            }
            if let next = next(from: state, id) {
                state = next
            } else {
                let next = Int32(failure.count)
                failure.append(0)
                pendingOutputs.append([])
                if state == 0 { rootNext[Int(id)] = next } else { transitions.set(Self.key(state, id), next) }
                state = next
            }
        }
        let phrase = Int32(phraseLengths.count)
        phraseLengths.append(Int32(words.count))
        longestPhrase = max(longestPhrase, words.count)
        pendingOutputs[Int(state)].append(phrase)
        return phrase
    }

    /// Computes failure and output links; call once after the last `add`.
    mutating func finish() {
        var children = [[(word: Int32, state: Int32)]](repeating: [], count: failure.count)
        for (word, next) in rootNext.enumerated() where next > 0 { children[0].append((Int32(word), next)) }
        transitions.forEach { key, next in
            children[Int(key >> 32)].append((Int32(truncatingIfNeeded: key & 0xFFFF_FFFF), next))
        }
        // The nearest state down each state's failure chain (itself included) that has outputs.
        var report = [Int32](repeating: 0, count: failure.count)
        var queue: [Int32] = children[0].map(\.state)
        for state in queue where !pendingOutputs[Int(state)].isEmpty { report[Int(state)] = state }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for (word, child) in children[Int(state)] {
                var fallback = failure[Int(state)]
                while true {
                    if let next = next(from: fallback, word), next != child {
                        failure[Int(child)] = next
                        break
                    }
                    if fallback == 0 { failure[Int(child)] = 0; break }
                    fallback = failure[Int(fallback)]
                }
                report[Int(child)] = pendingOutputs[Int(child)].isEmpty ? report[Int(failure[Int(child)])] : child
                queue.append(child)
            }
        }
        for (word, next) in children[0] { vocabulary.setExtra(lemmaOfWord[Int(word)], next) }
        var bits = 15
        while bits < 21, 1 << bits < lemmaOfWord.count * 16 { bits += 1 }
        filterShift = UInt64(64 - bits)
        wordFilter = [UInt64](repeating: 0, count: 1 << (bits - 6))
        for lemma in lemmaOfWord.dropFirst() {
            let bit = Self.filterBit(lemma, filterShift)
            wordFilter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        records.reserveCapacity(failure.count)
        for state in failure.indices {
            let start = Int32(outputPhrases.count)
            outputPhrases += pendingOutputs[state]
            let filter = children[state].reduce(UInt64(0)) { $0 | 1 << UInt64($1.word & 63) }
            records.append(StateRecord(failure: failure[state], report: report[state], outputStart: start,
                                       outputEnd: Int32(outputPhrases.count), childFilter: filter))
        }
        failure = []
        pendingOutputs = []
        rootNext = []
        lemmaOfWord = []
    }

    /// A finished automaton's tables as pointers, valid inside `withReader`: a text's walk steps
    /// through them without retaining and releasing each of them for every article it reads.
    struct Reader {
        fileprivate let vocabulary: FlatHashTable.Reader
        fileprivate let transitions: FlatHashTable.Reader
        fileprivate let wordFilter: UnsafeBufferPointer<UInt64>
        fileprivate let filterShift: UInt64
        fileprivate let records: UnsafeBufferPointer<StateRecord>
        fileprivate let outputPhrases: UnsafeBufferPointer<Int32>
        let phraseLengths: UnsafeBufferPointer<Int32>

        /// The state after reading a word (its lemma hash) in `state`.
        @inline(__always)
        func step(_ state: Int32, _ lemma: UInt64) -> Int32 {
            let filterBit = PhraseAutomaton.filterBit(lemma, filterShift)
            if wordFilter[filterBit >> 6] & (1 << UInt64(filterBit & 63)) == 0 { return 0 }
            guard let (word, fromRoot) = vocabulary.values(for: lemma) else { return 0 }
            var state = state
            let bit = UInt64(1) << UInt64(word & 63)
            while state != 0 {
                let record = records[Int(state)]
                // Most states have no child on the word: the filter says so without a lookup.
                if record.childFilter & bit != 0, let next = transitions.value(for: PhraseAutomaton.key(state, word)) { return next }
                state = record.failure
            }
            return fromRoot
        }

        /// Calls `body` with every phrase that ends in `state`, longest first.
        @inline(__always)
        func forEachOutput(of state: Int32, _ body: (Int32) -> Void) {
            var reporting = records[Int(state)].report
            while reporting > 0 {
                let record = records[Int(reporting)]
                for index in Int(record.outputStart)..<Int(record.outputEnd) { body(outputPhrases[index]) }
                reporting = records[Int(record.failure)].report
            }
        }
    }

    @inline(__always)
    func withReader<Result>(_ body: (Reader) -> Result) -> Result {
        vocabulary.withReader { vocabulary in
            transitions.withReader { transitions in
                wordFilter.withUnsafeBufferPointer { wordFilter in
                    records.withUnsafeBufferPointer { records in
                        outputPhrases.withUnsafeBufferPointer { outputPhrases in
                            phraseLengths.withUnsafeBufferPointer { phraseLengths in
                                body(Reader(vocabulary: vocabulary, transitions: transitions, wordFilter: wordFilter, filterShift: filterShift,
                                            records: records, outputPhrases: outputPhrases, phraseLengths: phraseLengths))
                            }
                        }
                    }
                }
            }
        }
    }

    /// Calls `found(phrase, lastTokenIndex)` for every phrase occurrence in `tokens`.
    func scan(_ tokens: [Token], _ found: (Int32, Int) -> Void) {
        withReader { reader in
            var state: Int32 = 0
            for index in tokens.indices {
                state = reader.step(state, tokens[index].lemmaHash)
                if state != 0 { reader.forEachOutput(of: state) { found($0, index) } }
            }
        }
    }

    /// While building: the transition on word id `word`.
    private func next(from state: Int32, _ word: Int32) -> Int32? {
        if state == 0 {
            let next = rootNext[Int(word)]
            return next == 0 ? nil : next
        }
        return transitions.value(for: Self.key(state, word))
    }

    @inline(__always)
    fileprivate static func filterBit(_ lemma: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (lemma &* 0xD6E8_FEB8_6659_FD93) &>> shift)
    }

    @inline(__always)
    fileprivate static func key(_ state: Int32, _ word: Int32) -> UInt64 {
        UInt64(UInt32(state)) << 32 | UInt64(UInt32(word))
    }
}

/// One state of a finished automaton.
private struct StateRecord {
    var failure: Int32
    /// The nearest state down the failure chain, this one included, where phrases end; 0 for none.
    var report: Int32
    /// The phrases ending here are `outputPhrases[outputStart..<outputEnd]`.
    var outputStart: Int32
    var outputEnd: Int32
    /// One bit per child's word id modulo 64.
    var childFilter: UInt64
}
