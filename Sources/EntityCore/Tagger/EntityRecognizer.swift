/// The names of a text, from the rules and the tagger together, made consistent across the text:
/// - the gazetteer's and the cue-backed names stand, the tagger's fill the rest (`combined`);
/// - in a line written in capitals only the gazetteer's names stand;
/// - a name ending in a company's legal form ("Siemens AG") is an organisation;
/// - names the words around them imply are added (bracketed acronyms, teams such as "the Blue
///   Jays"), and names joined or parted by them ("Munich Re", "Osama bin Laden", "Steve and Roger")
///   (`ImpliedNames.swift`);
/// - punctuation parts names the tagger ran across it, and names the gazetteer knows joined by a
///   hyphen are each themselves (`CompoundNames.swift`); a ministry's name goes on across its "and",
///   and a force named for its place is one body (`BodyNames.swift`);
/// - a town that sport news names as a club is the club ("played for Coburg", `SportsClubs.swift`);
/// - laws, storms and threat actors are named as such, and words capitalised like names that name
///   nothing go (`NamedThings.swift`); a US state abbreviated after a town is a place
///   (`PostalPlaces.swift`); a military base is a place ("Ramstein Air Base", `MilitaryNames.swift`);
/// - a name that recurs keeps the type most of its mentions have;
/// - an untagged repeat of a tagged name, capitalised as a name, becomes a mention of it;
/// - short forms take the full name: a surname its person ("Hegseth"), a first word its
///   organisation ("Goldman").
struct EntityRecognizer {
    let text: PreparedText
    let rules: RuleAnalysis
    let tagger: EntityTagger
    let gazetteer: Gazetteer

    struct Name {
        var first: Int
        var last: Int
        var type: EntityType
        var canonical: String?
    }

    /// Which name holds each token, -1 where none does (the names do not overlap): the rules look a
    /// token's name up rather than search the names for it.
    func owners(of names: [Name]) -> [Int] {
        var owner = [Int](repeating: -1, count: text.tokenized.tokens.count)
        for (number, name) in names.enumerated() { for index in name.first...name.last { owner[index] = number } }
        return owner
    }

    /// The folded word of token `index`, as the rules compare words.
    func word(_ index: Int) -> String { text.tokenized.foldedWord(text.tokenized.tokens[index]) }

    /// Whether token `index` is a capitalised word run on from the one before: no punctuation
    /// between them, and no sentence starting at it.
    func isCapitalisedRunOn(_ index: Int) -> Bool {
        guard index < text.tokenized.tokens.count else { return false }
        let flags = text.tokenized.tokens[index].flags
        return flags.contains(.capitalized) && flags.isDisjoint(with: [.punctuationBefore, .sentenceStart])
    }

    func mentions(_ mention: (RuleSpan) -> EntityMention) -> [EntityMention] {
        guard !text.tokenized.tokens.isEmpty else { return [] }
        let features = Self.features(text, rules)
        let gazetteerAt = rules.gazetteerNamesByFirstToken
        var names = combined(SequenceTagger.tag(features, model: tagger.model), features)
            .compactMap { trimmed($0, features.positions) }.compactMap { withoutTitle($0, gazetteerAt) }.flatMap { partedAtInnerTitle($0, gazetteerAt) }
        let headlines = titleCaseHeadlines(features.sentenceCase)
        names = withBodiesNamedGeneral(partedByPunctuation(names.flatMap { partedInTitleCase($0, headlines, gazetteerAt) }))
        // A plural that matched a name the gazetteer knows only as its lemma is the common word
        // ("Sales rose" is not Salé, "Readings were taken" not Reading).
        names.removeAll(where: isPluralOfKnownName)
        // A line in capitals ("LEEDS UNITED BEAT CHELSEA") gives no case to go by: only the
        // gazetteer's names stand there, and names the text writes normally elsewhere come back as
        // their repeats.
        let gazetteerStarts = Set(rules.spans.filter { $0.strength == 3 }.map(\.first))
        names.removeAll { features.sentenceCase[$0.first] == 2 && !gazetteerStarts.contains($0.first) }
        // A photo credit's photographer is no name of the story; its agency, if the gazetteer knows it, is.
        if rules.photoCredits.contains(true) {
            names.removeAll { rules.photoCredits[$0.first] && !gazetteerStarts.contains($0.first) }
        }
        for index in names.indices where names[index].last > names[index].first
            && EntityWords.companyForms.contains(text.tokenized.foldedWord(text.tokenized.tokens[names[index].last])) {
            names[index].type = .organization
        }
        names = joinedAcrossInitials(names).map(typedByItsWords)
        placesAfterTitles(&names)
        NewsLayout(text: text, gazetteer: gazetteer).apply(to: &names)
        names = withHyphenatedGivenNames(withPeopleByWhatTheyDo(withSportsClubs(names, features.wordHashes)))
        // Bodies' names are whole before the short forms in brackets after them are read.
        names = withImpliedNames(withBodiesRunOn(withBodiesJoined(names)), headline: headlines)
        names = withCountriesJoinedToTheirBodies(withForcesNamedForPlaces(names))
        names = withNamesTypedByKind(withMilitaryBases(withPostalStates(withNamedThings(names, headline: headlines))))
        names = Self.majorityTypes(joinedIntoPeopleNamedInFull(names, features.wordHashes), features.wordHashes)
        names += repeats(of: names, features.wordHashes)
        names.sort { $0.first < $1.first }
        resolveShortNames(&names, features.wordHashes, gazetteerAt)
        // A plural common noun alone, written capitalised, is no person ("Refugees" after "High
        // Commissioner for"), unless a person of the text is named so in full, or a bill's sponsor
        // is named so in brackets ("(Coats)").
        names.removeAll {
            $0.type == .person && $0.first == $0.last && $0.canonical == nil
                && !text.tokenized.tokens[$0.first].flags.contains(.bracketOrSlashBefore) && isPluralCommonNoun($0.first)
        }
        return Self.withoutOverlaps(names).map { mention(RuleSpan(first: $0.first, last: $0.last, type: $0.type, canonical: $0.canonical, strength: 0)) }
    }

    /// The rules' names and the tagger's, without overlaps. The gazetteer's names and the cue-backed
    /// spans stand, unless the tagger found a longer name around one ("Philadelphia Eagles" around
    /// the city); the tagger decides the rest, and a bare guess of the rules ("two capitalised words
    /// are a person") stands only if it agrees. Measured on the held-out corpora, this beats the rules
    /// alone everywhere, and keeps news clean where the tagger alone (trained on tweets and
    /// Wikipedia) tags titles as names.
    private func combined(_ tags: [UInt8], _ features: TokenFeatures) -> [Name] {
        let count = text.tokenized.tokens.count
        var taken = [Bool](repeating: false, count: count)
        var names: [Name] = []
        func add(_ name: Name) {
            guard !(name.first...name.last).contains(where: { taken[$0] }) else { return }
            for index in name.first...name.last { taken[index] = true }
            names.append(name)
        }
        let tagged = EntityTags.spans(tags).filter { isName($0.first...$0.last, features.wordHashes) }
        let strong = rules.spans.filter { $0.strength >= 2 }
        // Which strong span covers each token (the rules' spans never overlap).
        var strongOwner = [Int](repeating: -1, count: count)
        for (number, span) in strong.enumerated() { for index in span.first...span.last { strongOwner[index] = number } }
        for span in tagged where span.last > span.first && wraps(span.first...span.last, strongOwner, features.wordHashes) {
            add(Name(first: span.first, last: span.last, type: span.type, canonical: nil))
        }
        for span in strong { add(withoutThe(asBody(Name(first: span.first, last: span.last, type: span.type, canonical: span.canonical), features.wordHashes))) }
        var ruleGuessAt: [Int: RuleSpan] = [:]
        let tokens = text.tokenized.tokens
        for span in rules.spans where span.strength < 2 {
            ruleGuessAt[span.first] = span
            // A person right after an abbreviated rank is as good as cue-backed: the rank's period parts
            // it from the rule's run ("Lt. Gen. Kenneth Wilsbach").
            if span.type == .person, span.first > 0, TokenFeatures.punctuationBefore(tokens, span.first, text.utf8) == 0x2E,
               tokens[span.first - 1].flags.contains(.capitalized), EntityWords.titles.contains(text.tokenized.foldedWord(tokens[span.first - 1])) {
                add(Name(first: span.first, last: span.last, type: .person, canonical: span.canonical))
            }
        }
        for span in tagged {
            let guess = ruleGuessAt[span.first].flatMap { $0.last == span.last && $0.type == span.type ? $0 : nil }
            add(Name(first: span.first, last: span.last, type: span.type, canonical: guess?.canonical))
        }
        return names
    }

    /// A "person" after a title and "of" that starts with a place the gazetteer knows is that place,
    /// and the person after it if any: "President of France", "Prime Minister of India | Narendra
    /// Modi". (The title rule's span, "of India Narendra Modi", is a person; the tagger, which reads
    /// it, follows.)
    private func placesAfterTitles(_ names: inout [Name]) {
        guard !rules.gazetteerNames.isEmpty else { return }
        let tokens = text.tokenized.tokens
        var placeAt: [Int: RuleSpan] = [:]
        for span in rules.gazetteerNames where span.type == .location { placeAt[span.first] = span }
        names = names.flatMap { name -> [Name] in
            guard name.type == .person, name.first > 0, text.tokenized.foldedWord(tokens[name.first - 1]) == "of",
                  let place = placeAt[name.first], place.last <= name.last else { return [name] }
            let placeName = Name(first: place.first, last: place.last, type: .location, canonical: place.canonical)
            return place.last == name.last ? [placeName] : [placeName, Name(first: place.last + 1, last: name.last, type: .person, canonical: nil)]
        }
    }

    private func isPluralOfKnownName(_ name: Name) -> Bool {
        guard name.first == name.last, name.type != .misc, let canonical = name.canonical?.lowercased(), !canonical.hasSuffix("s") else { return false }
        let word = text.tokenized.foldedWord(text.tokenized.tokens[name.first])
        return word.hasSuffix("s") && word.count == canonical.count + 1
    }

    /// The name without lower-case words at its ends ("of Canada", "Herzegovina and upon"), which
    /// no name starts or ends with; nil if nothing is left.
    private func trimmed(_ name: Name, _ positions: [NamePositions]) -> Name? {
        var result = name
        while result.first <= result.last, !positions[result.first].mayBegin { result.first += 1 }
        while result.last >= result.first, !positions[result.last].mayEnd { result.last -= 1 }
        guard result.first <= result.last else { return nil }
        if result.first != name.first || result.last != name.last { result.canonical = nil }
        return result
    }

    /// Whether a tagged span is a longer name around a strong one: it holds a strong span's token,
    /// no strong span holds all of it, and it neither starts with a common word ("The Trump": the
    /// tagger took one in) nor holds a title ("Ukrainian President Volodymyr Zelensky": it ran names
    /// together).
    private func wraps(_ range: ClosedRange<Int>, _ strongOwner: [Int], _ wordHashes: [UInt64]) -> Bool {
        range.contains { strongOwner[$0] >= 0 }
            && !(strongOwner[range.lowerBound] >= 0 && strongOwner[range.lowerBound] == strongOwner[range.upperBound])
            && CueWords.mask(of: wordHashes[range.lowerBound]) & CueWords.common == 0
            && !range.contains { CueWords.mask(of: wordHashes[$0]) & CueWords.title != 0 }
    }

    /// Whether a span the tagger found can be a name: something in it is capitalised ("rose" is not
    /// Rose), and it is not titles and common words alone ("Vice President", "The") nor ends in a
    /// title ("Defense Secretary"), unless that title is a surname ("Stephen King").
    private func isName(_ range: ClosedRange<Int>, _ wordHashes: [UInt64]) -> Bool {
        let tokens = text.tokenized.tokens
        return range.contains { tokens[$0].flags.hasCapital } && !isOnlyCueWords(range, wordHashes)
            && (CueWords.mask(of: wordHashes[range.upperBound]) & CueWords.title == 0 || endsInSurname(range, wordHashes))
    }

    /// Whether a title word ends a name as a surname: after given names alone, capitalised and no
    /// cue words, as in "Stephen King", "Julie Bishop", "Erik Prince". After "the", a title's
    /// department or a people's name it is a title ("the Crown Prince", "Defense Chief", "Saudi King").
    private func endsInSurname(_ range: ClosedRange<Int>, _ wordHashes: [UInt64]) -> Bool {
        let tokens = text.tokenized.tokens, last = range.upperBound
        guard range.count >= 2, tokens[last].flags.contains(.capitalized), !tokens[last].flags.contains(.allCaps) else { return false }
        if range.lowerBound > 0, text.tokenized.foldedWord(tokens[range.lowerBound - 1]) == "the" { return false }
        return (range.lowerBound..<last).allSatisfy { index in
            let word = text.tokenized.foldedWord(tokens[index])
            let demonym = index < rules.gazetteerTags.count && EntityTags.type(of: rules.gazetteerTags[index]) == .misc
            return !demonym && tokens[index].flags.contains(.capitalized) && !tokens[index].flags.contains(.allCaps)
                && CueWords.mask(of: wordHashes[index]) == 0 && !EntityWords.titleDepartments.contains(word)
                && !EntityWords.titleModifiers.contains(word)
        }
    }

    /// A "person" the title rule found whose last word names a body is the body, title word and all
    /// ("Premier League", not a person called League).
    private func asBody(_ name: Name, _ wordHashes: [UInt64]) -> Name {
        let tokens = text.tokenized.tokens
        guard name.type == .person, name.canonical == nil, name.first > 0,
              CueWords.mask(of: wordHashes[name.last]) & CueWords.organizationSuffix != 0,
              CueWords.mask(of: wordHashes[name.first - 1]) & CueWords.title != 0,
              tokens[name.first - 1].flags.contains(.capitalized), !tokens[name.first].flags.contains(.punctuationBefore) else { return name }
        return Name(first: name.first - 1, last: name.last, type: .organization, canonical: nil)
    }

    /// A name without a leading "the", as annotated news has it ("the League" → League). A capital
    /// "The" inside a sentence is part of a title and stays in the canonical name ("The Record").
    private func withoutThe(_ name: Name) -> Name {
        let tokens = text.tokenized.tokens
        guard name.last > name.first, text.tokenized.foldedWord(tokens[name.first]) == "the" else { return name }
        var trimmed = name
        trimmed.first += 1
        let title = tokens[name.first].flags.contains(.capitalized) && !tokens[name.first].flags.contains(.sentenceStart)
        if trimmed.canonical == nil, title { trimmed.canonical = text.text(ofTokens: name.first, through: name.last) }
        return trimmed
    }

    /// Whether the tokens are all titles and common words.
    private func isOnlyCueWords(_ range: ClosedRange<Int>, _ wordHashes: [UInt64]) -> Bool {
        range.allSatisfy { CueWords.mask(of: wordHashes[$0]) & (CueWords.common | CueWords.title) != 0 }
    }

    /// The tokens' features, with the rules' spans as tags and strengths per token.
    static func features(_ text: PreparedText, _ rules: RuleAnalysis) -> TokenFeatures {
        let count = text.tokenized.tokens.count
        var ruleStrengths = [UInt8](repeating: 0, count: count)
        for span in rules.spans { for index in span.first...span.last { ruleStrengths[index] = UInt8(span.strength) } }
        let ruleTags = EntityTags.tags(count: count, spans: rules.spans.map { ($0.first, $0.last, $0.type) })
        let gazetteerTags = rules.gazetteerTags.isEmpty ? [UInt8](repeating: 0, count: count) : rules.gazetteerTags
        return TokenFeatures(TokenFeatures.Context(text: text, gazetteerTags: gazetteerTags, ruleTags: ruleTags, ruleStrengths: ruleStrengths))
    }

    /// The names, sorted, with each that overlaps another given up for the longer (the first, if
    /// they are as long): a name joined across a hyphen can run over the next ("Kurds-Cup").
    private static func withoutOverlaps(_ sorted: [Name]) -> [Name] {
        var kept: [Name] = []
        kept.reserveCapacity(sorted.count)
        for name in sorted {
            guard let last = kept.last, name.first <= last.last else { kept.append(name); continue }
            if name.last - name.first > last.last - last.first { kept[kept.count - 1] = name }
        }
        return kept
    }

    private static func key(_ name: Name, _ wordHashes: [UInt64]) -> [UInt64] { Array(wordHashes[name.first...name.last]) }

    /// Mentions of one name (the same words) take the type most of them have, where one type has
    /// more than half.
    private static func majorityTypes(_ names: [Name], _ wordHashes: [UInt64]) -> [Name] {
        var votes: [[UInt64]: [EntityType: Int]] = [:]
        for name in names { votes[key(name, wordHashes), default: [:]][name.type, default: 0] += 1 }
        return names.map { name in
            guard let counts = votes[key(name, wordHashes)], counts.count > 1,
                  let (type, count) = counts.max(by: { $0.value < $1.value }), count * 2 > counts.values.reduce(0, +) else { return name }
            var changed = name
            changed.type = type
            return changed
        }
    }

    /// Untagged places where the words of a tagged name recur, each word capitalised.
    private func repeats(of names: [Name], _ wordHashes: [UInt64]) -> [Name] {
        let tokens = text.tokenized.tokens
        var taken = [Bool](repeating: false, count: tokens.count)
        for name in names { for index in name.first...name.last { taken[index] = true } }
        var byFirstWord: [UInt64: [Name]] = [:]
        var seen = Set<[UInt64]>()
        // Names of common words alone ("The") are not looked for again.
        for name in names where !isOnlyCueWords(name.first...name.last, wordHashes) && seen.insert(Self.key(name, wordHashes)).inserted {
            byFirstWord[wordHashes[name.first], default: []].append(name)
        }
        // Longest first, and a bounded number per first word: a text made of thousands of names
        // that share one first word must not cost names × tokens.
        for (word, names) in byFirstWord {
            byFirstWord[word] = Array(names.sorted { $0.last - $0.first > $1.last - $1.first }.prefix(32))
        }
        var found: [Name] = []
        var index = 0
        while index < tokens.count {
            guard !taken[index], let candidates = byFirstWord[wordHashes[index]] else { index += 1; continue }
            let match = candidates.first { name in
                let length = name.last - name.first + 1
                guard index + length <= tokens.count else { return false }
                return (0..<length).allSatisfy { offset in
                    let token = tokens[index + offset]
                    return !taken[index + offset] && wordHashes[index + offset] == wordHashes[name.first + offset]
                        && (token.flags.hasCapital || !token.flags.contains(.hasLetter))
                        && (offset == 0 || !token.flags.contains(.sentenceStart))
                }
            }
            guard let name = match else { index += 1; continue }
            let length = name.last - name.first
            found.append(Name(first: index, last: index + length, type: name.type, canonical: name.canonical))
            index += length + 1
        }
        return found
    }

    /// Short forms of names given in full elsewhere in the text: a surname ("Hegseth") is the person,
    /// and an organisation's first word ("Goldman" after Goldman Sachs) the organisation. One-word
    /// names take the full name and its type; capitalised words inside a sentence that no name
    /// covers become mentions of it.
    /// - Parameter gazetteerAt: the gazetteer's names by first token.
    private func resolveShortNames(_ names: inout [Name], _ wordHashes: [UInt64], _ gazetteerAt: [Int: RuleSpan]) {
        let tokens = text.tokenized.tokens
        var fullNames: [UInt64: (canonical: String, type: EntityType)] = [:]
        // A storm's name given in full ("Hurricane Irma") names it alone after ("the eye of Irma"); not
        // a place a headline's verb "storm" was taken with ("Depositors Storm Lebanon Banks").
        let places = names.contains { $0.type == .misc } ? Set(rules.gazetteerNames.filter { $0.type == .location }.map(\.last)) : []
        func isStorm(_ name: Name) -> Bool {
            guard name.type == .misc else { return false }
            let first = text.tokenized.foldedWord(tokens[name.first])
            return Self.stormWords.contains(first) && !(first == "storm" && places.contains(name.last))
        }
        for name in names where name.last > name.first && (name.type == .person || name.type == .organization || isStorm(name)) {
            // A person's surname is the last word before a generation ("Lloyd J. Austin III").
            var surname = name.last
            while name.type == .person, surname > name.first, EntityWords.generations.contains(text.tokenized.foldedWord(tokens[surname])) {
                surname -= 1
            }
            // A Korean or Chinese name gives the surname first ("Ban Ki-moon", then "Ban").
            if name.type == .person, name.last == name.first + 2, text.joinedByHyphen(name.last),
               Self.eastAsianSurnames.contains(text.tokenized.foldedWord(tokens[name.first])) {
                surname = name.first
            }
            let word = wordHashes[name.type == .person || isStorm(name) ? surname : name.first]
            guard CueWords.mask(of: word) == 0, fullNames[word] == nil else { continue }
            // An organisation's first word that starts many names ("Defense", "United") is no short form of it.
            if name.type == .organization, EntityWords.genericFirstWords.contains(text.tokenized.foldedWord(tokens[name.first])) { continue }
            // Nor is one the gazetteer names on its own, a people's or a place's ("Nepalese" after the
            // Nepalese Constituent Assembly, "Chinese" after the Chinese Communist Party).
            if name.type == .organization, gazetteerAt[name.first]?.last == name.first { continue }
            fullNames[word] = (name.canonical ?? text.text(ofTokens: name.first, through: name.last), name.type)
        }
        guard !fullNames.isEmpty else { return }
        var taken = [Bool](repeating: false, count: tokens.count)
        for index in names.indices {
            for token in names[index].first...names[index].last { taken[token] = true }
            guard names[index].first == names[index].last, let full = fullNames[wordHashes[names[index].first]] else { continue }
            // A country or a capital keeps its type ("Washington" is not Denzel Washington); a lesser
            // place whose name is the surname of a person of the text is that person ("Austin" after
            // Lloyd J. Austin III).
            // A name the gazetteer knows keeps its own canonical name ("U.N." is not the Security Council).
            let placeKind = names[index].type == .location ? names[index].canonical.flatMap(gazetteer.kind(of:)) : nil
            if names[index].canonical == nil || full.type == .misc
                || (full.type == .person && names[index].type == .location && placeKind != "country" && placeKind != "capital") {
                names[index].type = full.type
                names[index].canonical = full.canonical
            }
        }
        for (index, token) in tokens.enumerated() where !taken[index] && token.flags.contains(.capitalized)
            && !token.flags.contains(.sentenceStart) {
            guard let full = fullNames[wordHashes[index]] else { continue }
            names.append(Name(first: index, last: index, type: full.type, canonical: full.canonical))
        }
        names.sort { $0.first < $1.first }
    }
}
