/// What a phrase in the automaton stands for, and how strictly its case must match.
struct CompiledPhrase: Sendable {
    enum Owner: Sendable {
        case gazetteer(entry: Int, demonym: Bool)
        case topic(watchlist: Int, topic: Int, kind: TopicHit.Kind)
        case exclusion(watchlist: Int, topic: Int)
        /// A name that holds the entity's name but is not about it (`FalseFriends`).
        case falseFriend(watchlist: Int, topic: Int)
    }

    /// Per word: match in any case, require a capital first letter, or require the exact spelling.
    enum WordRule: Sendable, Equatable {
        case anyCase
        case capitalized
        /// The word's UTF-8, as the term spells it.
        case exact([UInt8])
    }

    var text: String
    var owner: Owner
    var rules: [WordRule]

    init(text: String, owner: Owner, rules: [WordRule]) {
        self.text = text
        self.owner = owner
        self.rules = rules
    }

    /// True when a token written `spelling`, capitalised or not, satisfies the rule of the phrase's
    /// word number `word`.
    @inline(__always)
    func accepts(word: Int, capitalized: Bool, spelling: UnsafeBufferPointer<UInt8>) -> Bool {
        switch rules[word] {
        case .anyCase: true
        case .capitalized: capitalized
        case .exact(let expected): spelling.elementsEqual(expected)
        }
    }

    /// True when the tokens `first...last` of `text` satisfy every word's case rule.
    func accepts(_ tokens: [Token], first: Int, utf8: [UInt8]) -> Bool {
        for (offset, rule) in rules.enumerated() {
            let token = tokens[first + offset]
            switch rule {
            case .anyCase:
                continue
            case .capitalized:
                if !token.flags.contains(.capitalized) { return false }
            case .exact(let spelling):
                if !utf8[Int(token.byteStart)..<Int(token.byteEnd)].elementsEqual(spelling) { return false }
            }
        }
        return true
    }
}

/// How phrases become automaton words and case rules.
struct PhraseCompiler {
    let tokenizer: Tokenizer

    /// Lemma hashes and per-word rules of `phrase`; nil when it has no word in it.
    func compile(_ phrase: String, caseSensitive: Bool, properName: Bool) -> (words: [UInt64], rules: [CompiledPhrase.WordRule])? {
        let bytes = Array(phrase.utf8)
        // A word of stray combining marks folds to nothing: it is no word of the phrase.
        let tokens = bytes.withUnsafeBufferPointer { tokenizer.tokenize($0) }.tokens.filter { !$0.foldsToNothing }
        guard !tokens.isEmpty else { return nil }
        var words: [UInt64] = []
        var rules: [CompiledPhrase.WordRule] = []
        for token in tokens {
            words.append(token.lemmaHash)
            let spelling = Array(bytes[Int(token.byteStart)..<Int(token.byteEnd)])
            let isShortAcronym = token.flags.contains(.allCaps) && (token.foldedEnd - token.foldedStart) <= 4
            if caseSensitive || isShortAcronym {
                rules.append(.exact(spelling))
            } else if properName, token.flags.contains(.capitalized) {
                rules.append(.capitalized)
            } else {
                rules.append(.anyCase)
            }
        }
        return (words, rules)
    }
}
