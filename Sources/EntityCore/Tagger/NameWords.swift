/// Types and spans a name's own words decide, whatever the tagger made of it:
/// - a sentence's first word before "of", common in lower case, is no part of the name ("Shares of
///   Microsoft Corp"), and in a title-case headline common words at a name's ends are the headline's;
/// - two bodies joined by "and" are two ("Ministry of Defence and Ministry of Energy");
/// - a person's generation belongs to the name ("Lloyd J. Austin III", "Joseph R. Biden Jr."), and a
///   company's legal form to the company's ("Siemens AG", "Acme Inc.");
/// - "Department of State", "U.S. Department of the Treasury": an organisation's head word before
///   "of" makes an organisation, and so does a last word such as Council or Agency, unless the
///   gazetteer knows the name ("West Bank" stays a place);
/// - an acronym the gazetteer does not hold as a place is an organisation, not a place (AQIM, OCHA);
/// - a place ending in a demonym ("North Korean", "Central American") is a nationality, a name ending
///   in Cup, Open or Games a competition, and a holiday (Easter) none of the three: all MISC;
/// - a hyphen with no space joins a name to a capitalised word ("Abdel Fattah El-Sisi", "Bre-X"),
///   unless the gazetteer knows the name ("U.S.-Philippines" stays two places).
extension EntityRecognizer {
    /// A sentence's first word before "of" that is a common word in lower case is no part of the name
    /// after it ("Shares of Microsoft Corp", "Members of Congress"); an organisation's head word is
    /// ("Bank of England", "University of Texas").
    private func withoutLeadingCommonWord(_ name: Name) -> Name {
        let tokens = text.tokenized.tokens
        guard name.last >= name.first + 2, tokens[name.first].flags.contains(.sentenceStart),
              text.tokenized.foldedWord(tokens[name.first + 1]) == "of" else { return name }
        let first = text.tokenized.foldedWord(tokens[name.first])
        guard !EntityWords.organizationHeads.contains(first), !EntityWords.nobility.contains(first),
              !EntityWords.titles.contains(first) else { return name }
        let table = WordClusters.builtIn
        let lower = table.entry(word: first)
        let written = table.entry(hash: FeatureHasher.hash(text.utf8[Int(tokens[name.first].byteStart)..<Int(tokens[name.first].byteEnd)]))
        // Common in lower case (more often than e^-12) and rarer capitalised than not.
        guard lower.rarity <= 24, written.rarity > lower.rarity + 2 else { return name }
        return Name(first: name.first + 2, last: name.last, type: name.type, canonical: nil)
    }

    /// Two bodies joined by "and" are two names: "Ministry of National Defence and (the) Ministry of
    /// Energy" ends before "and" when the word after it is the name's first word again.
    private func cutAtRepeatedHead(_ name: Name) -> Name {
        guard name.last > name.first + 1 else { return name }
        for index in (name.first + 1)..<name.last where word(index) == "and" {
            var next = index + 1
            if word(next) == "the", next < name.last { next += 1 }
            if word(next) == word(name.first) { return Name(first: name.first, last: index - 1, type: name.type, canonical: nil) }
        }
        return name
    }

    /// In a headline written in title case, where every word has a capital, words that are common in
    /// lower case at a name's ends are the headline's, not the name's ("Subic Bay Visit", "World Braces
    /// for Islamic State"), and so is a verb after it ("Census Bureau Announces"); words that end names
    /// of places and bodies stay, and a government body keeps its common words ("Census Bureau").
    /// A name the tagger ran across the headline's verb or a preposition is parted there, each part
    /// trimmed so ("Taliban | Captures District In | Helmand Province", "Turkish Riot Police | Overrun
    /// | Taksim Square"); a part the gazetteer names is what it names.
    /// - Parameter gazetteerAt: the gazetteer's names by first token.
    func partedInTitleCase(_ name: Name, _ headline: [Bool], _ gazetteerAt: [Int: RuleSpan]) -> [Name] {
        guard name.canonical == nil else { return [name] }
        guard headline[name.first] else {
            // A person's name ends before a headline's verb in any line ("Dunford | Arrives in Brussels").
            if name.type == .person, name.last > name.first,
               let verb = (name.first + 1...name.last).first(where: { EntityWords.headlineVerbs.contains(word($0)) }) {
                return [Name(first: name.first, last: verb - 1, type: name.type, canonical: nil)]
            }
            return [name]
        }
        let cuts = name.last > name.first ? (name.first + 1...name.last).filter(isHeadlineCut) : []
        // A part the gazetteer names takes its type and its canonical name ("Jordan | Bears Burden",
        // which the tagger had read as a team).
        func typedByGazetteer(_ part: inout Name) -> Bool {
            guard let known = gazetteerAt[part.first], known.last == part.last else { return false }
            part.type = known.type
            part.canonical = known.canonical
            return true
        }
        guard !cuts.isEmpty else {
            guard var trimmed = trimmedInTitleCase(name) else { return [] }
            // (Not a word cut off a hyphenated one: "All-America" is no America.)
            let cutAtHyphen = text.joinedByHyphen(trimmed.first) || (trimmed.last + 1 < text.tokenized.tokens.count && text.joinedByHyphen(trimmed.last + 1))
            if trimmed.first != name.first || trimmed.last != name.last, !cutAtHyphen { _ = typedByGazetteer(&trimmed) }
            return [trimmed]
        }
        var parts: [Name] = []
        for (first, last) in zip([name.first] + cuts.map { $0 + 1 }, cuts.map { $0 - 1 } + [name.last]) where first <= last {
            // The first part is the name the tagger began ("Census Bureau | Announces Dates").
            guard var part = trimmedInTitleCase(Name(first: first, last: last, type: name.type, canonical: nil)) else { continue }
            if !typedByGazetteer(&part), part.first == part.last, isSuffixWord(word(part.first)) {
                continue  // "District" or "Police" alone names nothing
            }
            parts.append(part)
        }
        return parts
    }

    /// Whether a title-case headline's word parts a name the tagger ran across it: a verb ("Captures",
    /// "Overrun", from the headline verbs or the verbs' word cluster) or a preposition ("In", "Amid").
    private func isHeadlineCut(_ index: Int) -> Bool {
        let flags = text.tokenized.tokens[index].flags
        guard flags.contains(.capitalized), !flags.contains(.allCaps) else { return false }
        let folded = word(index)
        if EntityWords.headlineVerbs.contains(folded) || Self.headlinePrepositions.contains(folded) { return true }
        // The Brown cluster of verbs in the past or the third person ("captures", "overrun", "vows") is
        // the subtree whose first eight branches (spaCy keeps a path's bits reversed) are 01010101.
        return !isSuffixWord(folded) && WordClusters.builtIn.entry(word: folded).path & 0xFF == 0xAA
    }

    private func isSuffixWord(_ folded: String) -> Bool {
        EntityWords.organizationSuffixes.contains(folded) || EntityWords.placeSuffixes.contains(folded) || EntityWords.eventWords.contains(folded)
    }

    /// Prepositions a title-case headline capitalises, which no name of a place or a body holds ("Of",
    /// "For", "To" and "And" do: "Bank Of England", "Committee To Protect Journalists").
    private static let headlinePrepositions: Set<String> = [
        "in", "at", "on", "over", "after", "into", "from", "with", "as", "amid", "against", "despite", "near", "before", "vs", "vs.",
    ]

    /// A name of a title-case headline without the headline's common words at its ends; nil if none is left.
    private func trimmedInTitleCase(_ name: Name) -> Name? {
        var result = name
        let tokens = text.tokenized.tokens
        let table = WordClusters.builtIn
        func isHeadlineWord(_ index: Int) -> Bool {
            let folded = text.tokenized.foldedWord(tokens[index])
            if isSuffixWord(folded) || EntityWords.insideNames.contains(folded) && index != name.first && index != name.last {
                return false
            }
            let lower = table.entry(word: folded)
            guard lower.rarity <= 26 else { return false }
            // A word of three letters or more written capitalised clearly more often than in lower case
            // is a name's ("Apple", "Amazon").
            let token = tokens[index]
            guard token.byteEnd - token.byteStart >= 3, !token.flags.contains(.allCaps) else { return true }
            let written = table.entry(hash: FeatureHasher.hash(text.utf8[Int(token.byteStart)..<Int(token.byteEnd)]))
            return written.rarity + 1 >= lower.rarity
        }
        // A government body is named by common words ("Census Bureau"): it keeps them.
        let isBody = result.last > result.first && name.type == .organization
            && EntityWords.governmentBodies.contains(text.tokenized.foldedWord(tokens[result.last]))
        while result.first <= result.last, !isBody && isHeadlineWord(result.first) || !positionsAllowStart(result.first) { result.first += 1 }
        while !isBody, result.last >= result.first, isHeadlineWord(result.last) { result.last -= 1 }
        // A word that stands inside names ("and", "of") ends none ("Paw Patrol and | Friends").
        while result.last > result.first, EntityWords.insideNames.contains(word(result.last)) { result.last -= 1 }
        return result.first <= result.last ? result : nil
    }

    /// Per token: whether its sentence is a headline in title case, by more than its capitals (a
    /// sentence of names, "John Major met Kenneth Clarke", has those too): at least two words inside
    /// it that are common in lower case are capitalised ("Austin Makes Subic Bay Visit"), and its
    /// lower-case words are function words, name particles, parts of hyphenated words or names with a
    /// capital inside ("iPhone") alone.
    func titleCaseHeadlines(_ sentenceCase: [UInt8]) -> [Bool] {
        let tokens = text.tokenized.tokens
        let table = WordClusters.builtIn
        var result = [Bool](repeating: false, count: tokens.count)
        var start = 0
        while start < tokens.count {
            var end = start + 1
            while end < tokens.count, !tokens[end].flags.contains(.sentenceStart) { end += 1 }
            // Title case leaves only short function words in lower case ("Austin Makes Subic Bay Visit
            // to the Philippines"); a lower-case verb or noun makes it a sentence ("He named John Smith as
            // Chief Executive").
            func isSmallOrCapitalised(_ index: Int) -> Bool {
                let token = tokens[index]
                guard !token.flags.hasCapital, token.flags.contains(.hasLetter), !text.joinedByHyphen(index) else { return true }
                // A capital inside the word is a name's ("iPhone", "eBay").
                if text.utf8[Int(token.byteStart)..<Int(token.byteEnd)].contains(where: { $0 &- 0x41 < 26 }) { return true }
                let word = text.tokenized.foldedWord(token)
                return EntityWords.headlineSmallWords.contains(word) || EntityWords.nameParticles.contains(word)
            }
            if sentenceCase[start] == 1, (start..<end).allSatisfy(isSmallOrCapitalised) {
                let common = (start + 1..<end).filter { index in
                    tokens[index].flags.contains(.capitalized) && !tokens[index].flags.contains(.allCaps)
                        && table.entry(word: text.tokenized.foldedWord(tokens[index])).rarity <= 24
                }.count
                if common >= 2 { for index in start..<end { result[index] = true } }
            }
            start = end
        }
        return result
    }

    private func positionsAllowStart(_ index: Int) -> Bool {
        !EntityWords.insideNames.contains(text.tokenized.foldedWord(text.tokenized.tokens[index]))
    }

    /// The name with capitalised words joined to it by a hyphen, without spaces, on either side.
    private func joinedAcrossHyphens(_ name: Name) -> Name {
        let tokens = text.tokenized.tokens
        func capitalized(_ index: Int) -> Bool { tokens[index].flags.hasCapital }
        guard name.canonical == nil else { return name }
        var result = name
        while text.joinedByHyphen(result.last + 1), capitalized(result.last + 1) { result.last += 1 }
        // A person's hyphenated given name goes on in lower case ("Lee Jae-myung", "Kim Jong-un"), where
        // an adjective's "-led" or "-based" would not.
        if name.type == .person, text.joinedByHyphen(result.last + 1), isSyllableOfName(result.last + 1) { result.last += 1 }
        while text.joinedByHyphen(result.first), capitalized(result.first - 1) { result.first -= 1 }
        return result
    }

    /// A short lower-case word that no English compound ends in ("myung", "un", "shek"; not "led",
    /// "run", "based").
    private func isSyllableOfName(_ index: Int) -> Bool {
        let token = text.tokenized.tokens[index]
        guard token.flags.contains(.hasLetter), !token.flags.hasCapital, !token.flags.contains(.hasDigit),
              token.foldedEnd - token.foldedStart <= 5 else { return false }
        let word = text.tokenized.foldedWord(token)
        return !word.hasSuffix("ed") && !word.hasSuffix("ing") && !EntityWords.compoundEndings.contains(word)
    }

    /// Capitalised words on both sides of an initial are one person ("Lloyd J. Austin III",
    /// "George H. W. Bush"), whatever names were found in them. One pass over the tokens, with each
    /// token's name looked up, not searched for.
    func joinedAcrossInitials(_ names: [Name]) -> [Name] {
        let tokens = text.tokenized.tokens
        func isInitial(_ index: Int) -> Bool {
            tokens[index].flags.contains(.capitalized) && tokens[index].foldedEnd - tokens[index].foldedStart == 2
                && text.tokenized.folded[Int(tokens[index].foldedEnd) - 1] == 0x2E
        }
        func isWord(_ index: Int) -> Bool {
            index >= 0 && index < tokens.count && tokens[index].flags.contains(.capitalized)
                && !EntityWords.titles.contains(text.tokenized.foldedWord(tokens[index]))
        }
        /// Nothing but spaces between the token and the one before (an initial's period is its own).
        func joined(_ index: Int) -> Bool { !tokens[index].flags.contains(.punctuationBefore) && !tokens[index].flags.contains(.lineStart) }
        let owner = owners(of: names)
        func isPerson(_ index: Int) -> Bool { owner[index] >= 0 && names[owner[index]].type == .person }
        var removed = [Bool](repeating: false, count: names.count)
        var added: [Name] = []
        var index = 1
        while index < tokens.count - 1 {
            guard isInitial(index), joined(index), isWord(index - 1) || isInitial(index - 1) else { index += 1; continue }
            var last = index
            while last + 1 < tokens.count, isInitial(last + 1), joined(last + 1) { last += 1 }
            guard isWord(last + 1), joined(last + 1) else { index = last + 1; continue }
            // Back over the person's other first names ("George Herbert W."), as far as a name found there goes.
            var first = index - 1
            while first > 0, joined(first), isInitial(first - 1) || (isWord(first - 1) && isPerson(first - 1)) { first -= 1 }
            var end = last + 1
            if isPerson(end), names[owner[end]].first == end { end = names[owner[end]].last }
            for token in first...end where owner[token] >= 0 {
                removed[owner[token]] = true
                // A name reaching past the joined span goes with the names inside it.
            }
            added.append(Name(first: first, last: end, type: .person, canonical: nil))
            index = end + 1
        }
        guard !added.isEmpty else { return names }
        let kept = names.indices.filter { !removed[$0] }.map { names[$0] }
        return (kept + added).sorted { $0.first < $1.first }
    }

    /// A room of state, named like a body ("Oval Office").
    private func isRoom(_ name: Name) -> Bool {
        EntityWords.roomsOfState.contains(text.text(ofTokens: name.first, through: name.last).lowercased())
    }

    /// Whether the word at `index` stands where capitals say nothing of it: beside another word in
    /// capitals, or at a line's start before punctuation (a dateline, "ROME (AP) —").
    private func inCapitals(_ index: Int) -> Bool {
        let tokens = text.tokenized.tokens
        let next = index + 1 < tokens.count ? tokens[index + 1].flags : [.lineStart]
        if tokens[index].flags.contains(.lineStart), next.hasCapital || !next.isDisjoint(with: [.punctuationBefore, .lineStart]) { return true }
        return (index > 0 && tokens[index - 1].flags.contains(.allCaps)) || (next.contains(.allCaps) && !next.contains(.lineStart))
    }

    func typedByItsWords(_ found: Name) -> Name {
        let tokens = text.tokenized.tokens
        let name = joinedAcrossHyphens(cutAtRepeatedHead(withoutLeadingCommonWord(found)))
        var result = name
        if name.last + 1 < tokens.count, tokens[name.last + 1].flags.hasCapital,
           !tokens[name.last + 1].flags.contains(.sentenceStart), !tokens[name.last + 1].flags.contains(.punctuationBefore) {
            let next = word(name.last + 1)
            if name.type == .person, EntityWords.generations.contains(next) { result.last += 1 }
            if name.type != .person, EntityWords.legalForms.contains(next) {
                result.last += 1
                result.type = .organization
                result.canonical = nil
            }
        }
        // "Petroleos de Venezuela, S.A.", "Apple, Inc.": a legal form after a comma ends a company's
        // name too, whatever the tagger made of the words before it.
        if name.last + 1 < tokens.count, tokens[name.last + 1].flags.hasCapital, EntityWords.legalForms.contains(word(name.last + 1)),
           text.utf8[Int(tokens[name.last].byteEnd)..<Int(tokens[name.last + 1].byteStart)].elementsEqual(", ".utf8) {
            result.last = name.last + 1
            result.type = .organization
            result.canonical = nil
        }
        let known = name.canonical != nil
        let headBeforeOf = (name.first..<name.last).contains {
            EntityWords.organizationHeads.contains(word($0)) && word($0 + 1) == "of"
        }
        // "International" ends a body too ("Amnesty International", "Rockwell International"), but it is
        // kept off the suffixes the tagger reads: there it lowered the held-out folds.
        if !known, name.last > name.first, name.type != .organization,
           headBeforeOf || EntityWords.organizationSuffixes.contains(word(name.last)) || word(name.last) == "international"
            || (EntityWords.governmentBodies.contains(word(name.last)) && !isRoom(name)) {
            result.type = .organization
        }
        // An acronym the gazetteer does not hold as a place is a body: "GAO", and joined by hyphens, "IRGC-QF".
        func isAcronym(_ index: Int) -> Bool {
            tokens[index].flags.contains(.allCaps) && tokens[index].byteEnd - tokens[index].byteStart <= 6
        }
        if !known, name.type == .location, isAcronym(name.first),
           (name.first..<name.last).allSatisfy({ text.joinedByHyphen($0 + 1) && isAcronym($0 + 1) }) {
            result.type = .organization
        }
        // Nor is a three-letter acronym that matched a town only by folding case ("GAO was asked", not
        // Gao in Mali), in running text: a dateline or a line in capitals writes places so. (Longer
        // words in capitals are places in tweets and headlines: "RUSSIA", "MINSK"; shorter ones are
        // states' codes: "WA".)
        if known, name.type == .location, name.first == name.last, tokens[name.first].flags.contains(.allCaps),
           tokens[name.first].byteEnd - tokens[name.first].byteStart == 3, !inCapitals(name.first),
           !gazetteer.isAcronym(text.text(ofTokens: name.first, through: name.last)) {
            result.type = .organization
            result.canonical = nil
        }
        if !known, name.last > name.first, name.type == .location, EntityWords.unitWords.contains(word(name.last)) {
            result.type = .organization
        }
        // A base or an airfield is a place, whoever it is named after ("Al Udeid Air Base").
        if !known, name.last > name.first, name.type == .person, EntityWords.facilityWords.contains(word(name.last)) {
            result.type = .location
        }
        // ("South Korean" is a people's name; "Democratic Republic of the Congo", a place the gazetteer
        // knows, stays one though "Congo" is also a demonym.)
        if !known, name.type == .location, name.last > name.first, gazetteer.isDemonym(word(name.last)) {
            result.type = .misc
        }
        // A people's name alone is a nationality, whatever the tagger made of it ("Egyptian Foreign
        // Minister", "Pakistani government", "Palestinian civilians").
        // A place named by that very word stays one ("Taiwan" is its own demonym; "Philippine" is not the Philippines).
        if name.type != .misc, name.first == name.last, gazetteer.isDemonym(word(name.first)),
           !(name.type == .location && name.canonical?.lowercased() == word(name.first)) {
            result.type = .misc
        }
        // Competitions and events are no organisations or places ("Grand Slam Cup", "Australian Open"),
        // nor are holidays ("Easter", "Eid al-Fitr").
        // Alone, after "the", the last word is the competition's short form ("the Cup", "the Open"); a
        // Masters or a Derby without it may be a person or a town.
        let afterThe = name.first > 0 && word(name.first - 1) == "the"
        if !known, name.last > name.first || afterThe, EntityWords.eventWords.contains(word(name.last)) {
            result.type = .misc
        }
        if !known, EntityWords.holidays.contains(word(name.first)) {
            result.type = .misc
        }
        return result
    }

    /// Whether the word at `index` is a common noun written capitalised: common in lower case (more
    /// often than e^-14) and capitalised more than four times rarer ("Refugees", "Industry"), by the
    /// word table's frequencies (its rarity is twice the negative log probability).
    func isCommonNoun(_ index: Int) -> Bool {
        let token = text.tokenized.tokens[index]
        guard !token.flags.contains(.allCaps) else { return false }
        let table = WordClusters.builtIn
        let lower = table.entry(word: word(index))
        let written = table.entry(hash: FeatureHasher.hash(text.utf8[Int(token.byteStart)..<Int(token.byteEnd)]))
        return lower.rarity <= 28 && written.rarity > lower.rarity + 3
    }

    /// Whether the word at `index` is a common noun in the plural ("Refugees", "Workers"), by the
    /// endings `LemmaHash` folds.
    func isPluralCommonNoun(_ index: Int) -> Bool {
        let folded = word(index)
        return folded.count >= 4 && folded.hasSuffix("s") && !["ss", "us", "is", "ws", "'s"].contains(where: folded.hasSuffix)
            && isCommonNoun(index)
    }
}
