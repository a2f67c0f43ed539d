/// People's names as their words join and part them, whatever the tagger made of them:
/// - particles join a name: "Wanas al-Faqih", "Henrique Lopes de Mendonça", "Osama bin Laden";
/// - so does nothing at all: "LeBron James", where the tagger found two people;
/// - "and" parts one: "Steve and Roger" are two;
/// - a long name the tagger cut after three words goes on: "Andres Manuel Lopez Obrador";
/// - a town's name that does what people do is a person: "Austin toured the base", "Zakira said";
/// - so is a name a statement congratulates on his or her election;
/// - a name that runs on into a person named in full elsewhere is that person: "Taur Matan | Ruak".
extension EntityRecognizer {
    /// The names, with a one-word place below a capital (a city, a town, or a place the gazetteer does
    /// not know) made a person where a verb that people do follows it. A capital or a country that
    /// "said" is its government, as annotated ("Washington said").
    func withPeopleByWhatTheyDo(_ names: [Name]) -> [Name] {
        let tokens = text.tokenized.tokens
        return names.map { name in
            if isCongratulated(name) { return Name(first: name.first, last: name.last, type: .person, canonical: nil) }
            guard name.type == .location, name.first == name.last, name.last + 1 < tokens.count,
                  !tokens[name.last].flags.contains(.possessive), !tokens[name.last + 1].flags.contains(.punctuationBefore),
                  EntityWords.peoplesVerbs.contains(text.tokenized.foldedWord(tokens[name.last + 1])) else { return name }
            if let canonical = name.canonical, let kind = gazetteer.kind(of: canonical), kind != "city" && kind != "town" { return name }
            return Name(first: name.first, last: name.last, type: .person, canonical: nil)
        }
    }

    /// A name that, with the capitalised words run on after it, spells a person the text names in
    /// full elsewhere is that person ("Taur Matan | Ruak", once "Taur Matan Ruak" has been named); so
    /// is a surname with the given names run on before it ("Penny | Pritzker" in a headline, where
    /// "Penny" went as a common word).
    func joinedIntoPeopleNamedInFull(_ names: [Name], _ wordHashes: [UInt64]) -> [Name] {
        // People's names of up to eight words: a hostile text of longer "names" costs no more per name.
        let people = Set(names.filter { $0.type == .person && $0.last > $0.first && $0.last - $0.first < 8 }.map { Array(wordHashes[$0.first...$0.last]) })
        guard !people.isEmpty else { return names }
        let lengths = Set(people.map(\.count)).sorted(by: >)
        func spellsAPerson(_ first: Int, _ last: Int) -> Bool { people.contains(Array(wordHashes[first...last])) }
        let sorted = names.sorted { $0.first < $1.first }
        var result: [Name] = []
        for (index, name) in sorted.enumerated() {
            if let before = result.last, name.last <= before.last { continue }
            let nextStart = index + 1 < sorted.count ? sorted[index + 1].first : Int.max
            var runEnd = name.last
            while runEnd - name.first < 7, isCapitalisedRunOn(runEnd + 1) { runEnd += 1 }
            var joined = name
            for length in lengths where length > name.last - name.first + 1 && name.first + length - 1 <= runEnd {
                let last = name.first + length - 1
                guard spellsAPerson(name.first, last) else { continue }
                if last >= nextStart, sorted[index + 1].last > last { continue }
                joined = Name(first: name.first, last: last, type: .person, canonical: nil)
                break
            }
            if joined.last == name.last, name.type == .person {
                var runStart = name.first
                let taken = result.last?.last ?? -1
                while (name.last - runStart) < 7, runStart - 1 > taken, isCapitalisedRunOn(runStart),
                      text.tokenized.tokens[runStart - 1].flags.contains(.capitalized),
                      !EntityWords.headlineSmallWords.contains(word(runStart - 1)) {
                    runStart -= 1
                }
                for length in lengths where length > name.last - name.first + 1 && name.last - length + 1 >= runStart {
                    let first = name.last - length + 1
                    guard spellsAPerson(first, name.last) else { continue }
                    joined = Name(first: first, last: name.last, type: .person, canonical: nil)
                    break
                }
            }
            result.append(joined)
        }
        return result
    }

    /// Whether the name is one a statement congratulates on his or her election or victory ("We
    /// congratulate Salvador Sanchez Ceren on his election"): a person, whatever the tagger made of
    /// an unknown name.
    private func isCongratulated(_ name: Name) -> Bool {
        let tokens = text.tokenized.tokens
        guard name.type != .person, name.canonical == nil, name.first > 0, name.last + 2 < tokens.count,
              ["congratulate", "congratulates", "congratulated", "congratulating"].contains(word(name.first - 1)),
              word(name.last + 1) == "on", ["his", "her"].contains(word(name.last + 2)) else { return false }
        return !tokens[name.last + 1].flags.contains(.punctuationBefore)
    }

    /// A person whose name begins with a lower-case particle ("al-Faqih", "bin Salman") continues the
    /// name just before it: "Wanas al-Faqih", "Muhammad al-Ghazali", "Abu Huthaifa al-Ansar" are one
    /// person each, whatever the tagger made of the first part, unless that is a name the gazetteer
    /// knows as something else. A person followed by particles and a capitalised word the tagger left
    /// out, or typed otherwise, takes them ("Henrique Lopes de Mendonça", "Vincent van Gogh"). Two
    /// people with nothing between them are one ("LeBron James").
    func joinedAcrossParticles(_ names: [Name]) -> [Name] {
        let tokens = text.tokenized.tokens
        // "as" and "ad" are English words as well: only joined by a hyphen ("as-Sisi") are they particles.
        func isParticle(_ index: Int) -> Bool {
            guard index < tokens.count, tokens[index].flags.isDisjoint(with: [.capitalized, .allCaps, .punctuationBefore, .sentenceStart]) else { return false }
            let word = text.tokenized.foldedWord(tokens[index])
            return EntityWords.nameParticles.contains(word) && (!["as", "ad"].contains(word) || text.joinedByHyphen(index + 1))
        }
        func isJoinedCapital(_ index: Int) -> Bool {
            index < tokens.count && tokens[index].flags.contains(.capitalized)
                && tokens[index].flags.isDisjoint(with: [.punctuationBefore, .sentenceStart, .hasDigit])
        }
        var result: [Name] = []
        result.reserveCapacity(names.count)
        var position = 0
        while position < names.count {
            let name = names[position]
            position += 1
            // A name inside the person just extended is part of it.
            if let before = result.last, name.first <= before.last, name.last <= before.last { continue }
            if let before = result.last, name.type == .person, name.first == before.last + 1, name.last > name.first,
               isParticle(name.first), before.type == .person || before.canonical == nil {
                result[result.count - 1] = Name(first: before.first, last: name.last, type: .person, canonical: nil)
            } else if let before = result.last, before.type == .person, name.type == .person, name.first == before.last + 1,
                      before.canonical == nil, name.canonical == nil,
                      tokens[name.first].flags.isDisjoint(with: [.punctuationBefore, .sentenceStart, .lineStart]) {
                // Two people with nothing between them are one ("LeBron | James").
                result[result.count - 1] = Name(first: before.first, last: name.last, type: .person, canonical: nil)
            } else if name.type == .person, name.last > name.first, isParticle(name.first) {
                // Capitalised words just before it that no name holds are the person's ("Osama bin Laden").
                var first = name.first
                while first > 0, name.first - first < 2, result.last.map({ $0.last < first - 1 }) ?? true,
                      tokens[first - 1].flags.contains(.capitalized), !tokens[first].flags.contains(.punctuationBefore),
                      !EntityWords.titles.contains(text.tokenized.foldedWord(tokens[first - 1])),
                      !EntityWords.commonWords.contains(text.tokenized.foldedWord(tokens[first - 1])) {
                    first -= 1
                    if tokens[first].flags.contains(.sentenceStart) { break }
                }
                // Run straight on from a person before it, it is the rest of that name ("Luiz Inacio | Lula da Silva").
                if let before = result.last, before.type == .person, before.canonical == nil, before.last == first - 1,
                   tokens[first].flags.isDisjoint(with: [.punctuationBefore, .sentenceStart, .lineStart]) {
                    result[result.count - 1].last = name.last
                } else {
                    result.append(Name(first: first, last: name.last, type: .person, canonical: first == name.first ? name.canonical : nil))
                }
            } else {
                result.append(name)
            }
            guard let person = result.last, person.type == .person else { continue }
            var index = person.last + 1
            while index - person.last <= 2, isParticle(index) { index += 1 }
            // A name that starts on the particles is joined whole when its turn comes (above).
            guard index > person.last + 1, isJoinedCapital(index), position >= names.count || names[position].first >= index else { continue }
            var last = index
            if position < names.count, names[position].first == index {
                // The surname is a name of its own (not one the gazetteer knows): it joins.
                guard names[position].canonical == nil else { continue }
                last = names[position].last
                position += 1
            } else if position >= names.count || names[position].first > index + 1, isJoinedCapital(index + 1) {
                last = index + 1
            }
            result[result.count - 1] = Name(first: person.first, last: last, type: .person, canonical: nil)
        }
        return result
    }

    /// A person of two words or more takes one more capitalised word right after it that no name
    /// holds and no list knows ("Andres Manuel Lopez | Obrador", "Luiz Inacio | Lula"): the tagger
    /// seldom runs a name past three words.
    func withLongNamesWhole(_ names: [Name], headline: [Bool]) -> [Name] {
        let tokens = text.tokenized.tokens
        let owner = owners(of: names)
        var gazetteerTokens = [Bool](repeating: false, count: tokens.count)
        for span in rules.gazetteerNames { for index in span.first...span.last { gazetteerTokens[index] = true } }
        return names.map { name in
            let next = name.last + 1
            // Not past a possessive ("Austin III's Meeting"), nor in a headline, where every word has a capital.
            guard name.type == .person, name.canonical == nil, name.last > name.first, next < tokens.count, owner[next] < 0, !gazetteerTokens[next],
                  !tokens[name.last].flags.contains(.possessive), !headline[next],
                  tokens[next].flags.contains(.capitalized), !tokens[next].flags.contains(.allCaps),
                  tokens[next].flags.isDisjoint(with: [.punctuationBefore, .sentenceStart, .lineStart, .hasDigit]) else { return name }
            let word = text.tokenized.foldedWord(tokens[next])
            guard !EntityWords.titles.contains(word), !EntityWords.commonWords.contains(word), !EntityWords.calendarWords.contains(word),
                  !EntityWords.generations.contains(word) else { return name }
            return Name(first: name.first, last: next, type: .person, canonical: nil)
        }
    }

    /// A Korean or Chinese surname, then a given name of two syllables joined by a hyphen with the
    /// second in lower case, is a person wherever it stands ("Ban Ki-moon", "Moon Jae-in", "Tsai
    /// Ing-wen"): the tagger, without a title before it, took "Ban" and "Moon" for common words.
    /// The name takes the place of whatever names held its words.
    func withHyphenatedGivenNames(_ names: [Name]) -> [Name] {
        let tokens = text.tokenized.tokens
        guard tokens.count >= 3 else { return names }
        var people: [Name] = []
        var index = 0
        while index + 2 < tokens.count {
            defer { index += 1 }
            let (surname, syllable, tail) = (tokens[index], tokens[index + 1], tokens[index + 2])
            guard surname.flags.contains(.capitalized), !surname.flags.contains(.allCaps), Self.eastAsianSurnames.contains(word(index)),
                  syllable.flags.contains(.capitalized), !syllable.flags.contains(.allCaps), syllable.flags.isDisjoint(with: [.punctuationBefore, .hasDigit]),
                  (2...5).contains(syllable.byteEnd - syllable.byteStart), !Self.wordPrefixes.contains(word(index + 1)),
                  text.joinedByHyphen(index + 2), !tail.flags.contains(.capitalized), !tail.flags.contains(.hasDigit),
                  (2...6).contains(tail.byteEnd - tail.byteStart) else { continue }
            people.append(Name(first: index, last: index + 2, type: .person, canonical: nil))
            index += 2
        }
        guard !people.isEmpty else { return names }
        var inPerson = [Bool](repeating: false, count: tokens.count)
        for person in people { for index in person.first...person.last { inPerson[index] = true } }
        let kept = names.filter { name in !(name.first...name.last).contains { inPerson[$0] } }
        return (kept + people).sorted { $0.first < $1.first }
    }

    /// Common Korean and Chinese (Taiwanese, Hong Kong) surnames, as English-language news spells them.
    static let eastAsianSurnames: Set<String> = [
        "kim", "lee", "yi", "rhee", "ri", "park", "pak", "choi", "choe", "jung", "jeong", "chung", "kang", "cho", "jo", "yoon",
        "yun", "jang", "chang", "lim", "im", "han", "oh", "seo", "suh", "shin", "kwon", "hwang", "ahn", "song", "yoo", "yu",
        "hong", "jeon", "chun", "ko", "koh", "moon", "mun", "yang", "son", "bae", "baek", "paik", "heo", "huh", "nam", "noh",
        "roh", "ha", "kwak", "sung", "cha", "woo", "min", "ryu", "jin", "ban", "won", "chae", "chiang", "sun", "tsai", "ma",
        "lai", "hou", "chen", "lin", "huang", "wang", "wu", "liu", "tung", "tsang", "leung", "wong", "chan", "cheung", "lam",
        "ho", "yeung", "lau", "lu", "hsu", "kuo", "su", "hsieh", "chu", "tse", "tang", "lo", "fung", "kwok", "yip", "tam",
    ]

    /// Capitalised words that begin a hyphenated word rather than a given name ("Kim Co-op").
    private static let wordPrefixes: Set<String> = [
        "anti", "pro", "co", "non", "mid", "pre", "post", "ex", "re", "self", "multi", "inter", "semi", "sub", "super", "over",
        "under", "cross", "neo", "off", "on", "all", "half", "well", "low", "high", "full", "long", "vice", "part", "one", "two",
        "out", "up", "down", "x", "e", "k", "t", "u",
    ]

    /// People are not named with "and" inside: "Steve and Roger" are two, and in "Aliyev and I" only
    /// Aliyev is a name.
    /// - Parameter gazetteerAt: the gazetteer's names by first token.
    func splitAtAnd(_ name: Name, _ gazetteerAt: [Int: RuleSpan]) -> [Name] {
        let tokens = text.tokenized.tokens
        guard name.type == .person, name.last > name.first + 1 else { return [name] }
        let ands = (name.first + 1..<name.last).filter { text.tokenized.foldedWord(tokens[$0]) == "and" }
        guard !ands.isEmpty else { return [name] }
        let parts = zip([name.first] + ands.map { $0 + 1 }, ands.map { $0 - 1 } + [name.last])
        return parts.compactMap { first, last in
            guard first <= last, (first...last).contains(where: { !EntityWords.commonWords.contains(text.tokenized.foldedWord(tokens[$0])) }) else { return nil }
            // A part the gazetteer names is what it names ("Narendra Modi and Pakistan").
            if let known = gazetteerAt[first], known.last == last {
                return Name(first: first, last: last, type: known.type, canonical: known.canonical)
            }
            return Name(first: first, last: last, type: .person, canonical: nil)
        }
    }
}
