/// The watch-lists, compiled for matching: one automaton over every term, alias, entity name,
/// exclusion and false friend; the prefix terms; and the topic slots (topic t of watch-list w is slot
/// `topicOffsets[w] + t`), so a hit is tied to its topic and list by index alone.
struct CompiledWatchlists: Sendable {
    private(set) var automaton = PhraseAutomaton()
    /// The automaton's phrases by number, then the prefix terms.
    private(set) var phrases: [CompiledPhrase] = []
    /// What each phrase counts for, by number: plain values the matcher reads per hit.
    private(set) var targets: [PhraseTarget] = []
    private(set) var prefixTerms = PrefixTerms()
    private(set) var topicOffsets: [Int] = []
    /// The watch-list each slot belongs to.
    private(set) var listOfSlot: [Int] = []
    /// Each slot's topic name: a match names its topics without copying their `Topic`s.
    private(set) var topicNames: [String] = []
    /// Per watch-list, the fields it reads, one bit per `ArticleField.index`.
    private(set) var listFields: [UInt8] = []
    /// Per watch-list, when it alerts, in plain values.
    private(set) var rules: [ListRule] = []
    /// How many of the last tokens the matcher keeps: the longest phrase's words, rounded up to a
    /// power of two.
    private(set) var recentTokens = 1

    init(_ watchlists: [Watchlist], gazetteer: Gazetteer, compiler: PhraseCompiler) throws(EntityCoreError) {
        var seenNames = Set<String>()
        var prefixes: [(text: String, folded: [UInt8], owner: CompiledPhrase.Owner)] = []
        for (listIndex, list) in watchlists.enumerated() {
            guard !list.name.isEmpty else { throw EntityCoreError("a watch-list has no name") }
            guard seenNames.insert(list.name).inserted else { throw EntityCoreError("watch-list '\(list.name)' is defined twice") }
            guard !list.topics.isEmpty else { throw EntityCoreError("watch-list '\(list.name)' has no topics") }
            topicOffsets.append(listOfSlot.count)
            listOfSlot += Array(repeating: listIndex, count: list.topics.count)
            topicNames += list.topics.map(\.name)
            listFields.append(list.fields.reduce(0) { $0 | 1 << $1.index })
            rules.append(ListRule(all: list.rule == .all, topicCount: list.topics.count, minimumMentions: list.minimumMentions))
            for (topicIndex, topic) in list.topics.enumerated() {
                let context = "watch-list '\(list.name)', topic '\(topic.name)'"
                if topic.terms.isEmpty, topic.aliases.isEmpty, topic.entity == nil {
                    throw EntityCoreError("\(context): give it terms, aliases or an entity")
                }
                func add(_ text: String, _ owner: CompiledPhrase.Owner, caseSensitive: Bool = topic.caseSensitive, properName: Bool = false) {
                    guard let compiled = compiler.compile(text, caseSensitive: caseSensitive, properName: properName) else { return }
                    automaton.add(compiled.words)
                    phrases.append(CompiledPhrase(text: text, owner: owner, rules: compiled.rules))
                    targets.append(PhraseTarget(owner, rules: compiled.rules, topicOffsets: topicOffsets))
                }
                for term in topic.terms {
                    let owner = CompiledPhrase.Owner.topic(watchlist: listIndex, topic: topicIndex, kind: .term)
                    guard term.hasSuffix("*") else { add(term, owner); continue }
                    guard let folded = PrefixTerms.fold(String(term.dropLast()), tokenizer: compiler.tokenizer) else {
                        throw EntityCoreError("\(context): the prefix term '\(term)' \(PrefixTerms.rule)")
                    }
                    prefixes.append((term, folded, owner))
                }
                for alias in topic.aliases {
                    add(alias, .topic(watchlist: listIndex, topic: topicIndex, kind: .alias))
                }
                if let name = topic.entity {
                    guard let entry = gazetteer.entry(named: name) else {
                        throw EntityCoreError("\(context): entity '\(name)' is not in the gazetteer; use terms instead")
                    }
                    let entity = CompiledPhrase.Owner.topic(watchlist: listIndex, topic: topicIndex, kind: .entity)
                    for phrase in [entry.canonical] + entry.aliases + entry.demonyms {
                        add(phrase, entity, caseSensitive: false, properName: true)
                    }
                    var friendsOf = [entry.canonical]
                    for standIn in gazetteer.standIns(for: entry, topic.also) {
                        add(standIn.name, entity, caseSensitive: false, properName: true)
                        if let other = standIn.entry { friendsOf.append(other.canonical) }
                    }
                    for phrase in Set(friendsOf).flatMap({ FalseFriends.phrases[$0] ?? [] }) {
                        add(phrase, .falseFriend(watchlist: listIndex, topic: topicIndex), caseSensitive: false)
                    }
                }
                for excluded in topic.exclude {
                    add(excluded, .exclusion(watchlist: listIndex, topic: topicIndex))
                }
            }
        }
        automaton.finish()
        while recentTokens < automaton.longestPhrase { recentTokens <<= 1 }
        // Prefix terms come after every automaton phrase, so the automaton's phrase numbers stay
        // the indices of `phrases`.
        for prefix in prefixes {
            phrases.append(CompiledPhrase(text: prefix.text, owner: prefix.owner, rules: [.anyCase]))
            targets.append(PhraseTarget(prefix.owner, rules: [.anyCase], topicOffsets: topicOffsets))
            prefixTerms.add(PrefixTerm(folded: prefix.folded, phrase: phrases.count - 1))
        }
    }
}

/// When a watch-list alerts: on any topic or only all of them, and how many hits it needs.
struct ListRule: Sendable {
    var all: Bool
    var topicCount: Int
    var minimumMentions: Int
}

/// What a watch-list phrase counts for, in plain values.
struct PhraseTarget: Sendable {
    enum Role: UInt8, Sendable { case topic, exclusion, falseFriend }
    /// How a hit's words are checked against the phrase's case rules.
    enum CaseCheck: UInt8, Sendable {
        /// Any case matches.
        case none
        /// The words in `capitalWords` must start with a capital: checked from the token flags alone.
        case capitals
        /// Some word must be spelt exactly (or the phrase is too long for the mask): `CompiledPhrase.accepts`.
        case full
    }
    var role: Role
    var kind: TopicHit.Kind
    var caseCheck: CaseCheck
    /// Bit n: word n must be capitalised (with `.capitals`).
    var capitalWords: UInt32
    var list: Int32
    var slot: Int32

    init(_ owner: CompiledPhrase.Owner, rules: [CompiledPhrase.WordRule], topicOffsets: [Int]) {
        kind = .term
        capitalWords = 0
        if rules.allSatisfy({ $0 == .anyCase }) {
            caseCheck = .none
        } else if rules.count <= 32, rules.allSatisfy({ $0 == .anyCase || $0 == .capitalized }) {
            caseCheck = .capitals
            for (word, rule) in rules.enumerated() where rule == .capitalized { capitalWords |= 1 << UInt32(word) }
        } else {
            caseCheck = .full
        }
        switch owner {
        case .topic(let list, let topic, let kind):
            (role, self.kind, self.list, slot) = (.topic, kind, Int32(list), Int32(topicOffsets[list] + topic))
        case .exclusion(let list, let topic):
            (role, self.list, slot) = (.exclusion, Int32(list), Int32(topicOffsets[list] + topic))
        case .falseFriend(let list, let topic):
            (role, self.list, slot) = (.falseFriend, Int32(list), Int32(topicOffsets[list] + topic))
        case .gazetteer:
            preconditionFailure("gazetteer names are not compiled with the watch-lists")
        }
    }
}

/// A term written `word*`: any word that starts with it (`cyber*`: cyberattack, cyberspying).
struct PrefixTerm: Sendable {
    /// The prefix folded as the text is (lower case, diacritics off).
    let folded: [UInt8]
    let phrase: Int
}

/// The prefix terms, by the first three bytes of their folded prefix: a word is looked up by its
/// own first three, so the cost per word stays flat however many prefix terms there are.
struct PrefixTerms: Sendable {
    private var groupOfHead = FlatHashTable()
    private var groups: [[PrefixTerm]] = []

    var isEmpty: Bool { groups.isEmpty }

    mutating func add(_ term: PrefixTerm) {
        let head = Self.head(term.folded)
        if let group = groupOfHead.value(for: head) {
            groups[Int(group)].append(term)
        } else {
            groupOfHead.set(head, Int32(groups.count))
            groups.append([term])
        }
    }

    /// The terms whose prefix starts as `word` does (at least three bytes long).
    @inline(__always)
    func candidates(for word: UnsafeBufferPointer<UInt8>) -> [PrefixTerm] {
        guard let group = groupOfHead.value(for: Self.head(word)) else { return [] }
        return groups[Int(group)]
    }

    private static func head<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var value: UInt64 = 0
        for byte in bytes.prefix(3) { value = value << 8 | UInt64(byte) }
        return value
    }

    static let rule = "must be one word of at least three letters followed by *"

    /// The prefix's folded bytes, or nil unless it is a single word of at least three letters.
    static func fold(_ prefix: String, tokenizer: Tokenizer) -> [UInt8]? {
        let bytes = Array(prefix.utf8)
        let tokenized = bytes.withUnsafeBufferPointer { tokenizer.tokenize($0, keepFolded: true) }
        guard tokenized.tokens.count == 1, let token = tokenized.tokens.first,
              token.foldedEnd - token.foldedStart >= 3, token.start == 0, Int(token.end) == prefix.unicodeScalars.count else { return nil }
        return Array(tokenized.folded[Int(token.foldedStart)..<Int(token.foldedEnd)])
    }
}
