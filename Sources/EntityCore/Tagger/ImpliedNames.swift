/// Names the words around them imply or join, which neither the gazetteer nor the tagger can know:
/// - an acronym in brackets right after a body's or a place's name is its short form ("Amateur
///   Hockey Association of Canada ( AHAC )", "Kenya Defence Forces (KDF)"), and its later mentions
///   are found as repeats of it;
/// - "the" or a town before capitalised words ending in a plural that no name covers makes a team, a
///   band or a body ("the Athletics", "the Blue Jays", "Montreal Crystals"), unless the plural is a
///   people's ("the Kurds"), an award's or a place's ("the Oscars", "the Heights"), or the sentence
///   is a headline with other common words capitalised;
/// - a town (or a place the gazetteer does not know) run straight into an organisation is part of
///   its name ("Munich Re"), and a place the gazetteer does not know that ends in such a plural is a
///   team ("Hamburg Freezers");
/// - people's names are joined and parted by their particles and "and" (`PeopleNames.swift`).
extension EntityRecognizer {
    /// The names with these added; `headline` marks the tokens of title-case headlines, where every
    /// word has a capital and says nothing.
    func withImpliedNames(_ found: [Name], headline: [Bool]) -> [Name] {
        let gazetteerAt = rules.gazetteerNamesByFirstToken
        let names = withSpelledOutNames(found.flatMap { splitAtAnd($0, gazetteerAt) }, gazetteerAt)
        let owner = owners(of: names)
        var result = withBracketedAcronyms(names, owner) + pluralBodies(names, owner, headline)
        placesNamedLikeTeams(&result, headline)
        result.sort { $0.first < $1.first }
        return withLongNamesWhole(joinedAcrossParticles(placesJoinedToBodies(result, headline)), headline: headline)
    }

    /// The names, with each bracketed acronym after a body's or place's name made its short form, and
    /// the acronym's other mentions that the tagger found on their own made the same name.
    private func withBracketedAcronyms(_ names: [Name], _ owner: [Int]) -> [Name] {
        let tokens = text.tokenized.tokens
        var result = names
        var acronyms: [String: Name] = [:]
        for (number, name) in names.enumerated() {
            let index = name.last + 1
            // A person's initials in brackets are rarely how news names them again ("Mark Pritchard (MP)").
            guard name.type != .person, index < tokens.count,
                  isBracketedAcronym(index) && abbreviates(index, name) || isBracketedShortForm(index, of: name) else { continue }
            // An acronym the gazetteer knows keeps its entry, and the name spelt out takes it too
            // ("Islamic State of Iraq and the Levant (ISIL)" are both the Islamic State).
            let alone = owner[index] >= 0 && names[owner[index]].first == index && names[owner[index]].last == index
            let known = alone ? names[owner[index]].canonical : nil
            let acronym = Name(first: index, last: index, type: name.type,
                               canonical: name.canonical ?? known ?? text.text(ofTokens: name.first, through: name.last))
            if owner[index] < 0 {
                result.append(acronym)
            } else if alone {
                result[owner[index]] = acronym
            }
            if name.canonical == nil, known != nil { result[number].canonical = known }
            acronyms[text.tokenized.foldedWord(tokens[index])] = acronym
        }
        guard !acronyms.isEmpty else { return result }
        for index in result.indices where result[index].first == result[index].last && result[index].canonical == nil {
            guard let acronym = acronyms[text.tokenized.foldedWord(tokens[result[index].first])] else { continue }
            result[index].type = acronym.type
            result[index].canonical = acronym.canonical
        }
        return result
    }

    /// A place the gazetteer does not know that ends in a team's plural is the team ("Hamburg
    /// Freezers"), unless its last word is a place it knows ("U.S.-Philippines").
    private func placesNamedLikeTeams(_ names: inout [Name], _ headline: [Bool]) {
        let tokens = text.tokenized.tokens
        var known = [Bool](repeating: false, count: tokens.count)
        for span in rules.spans where span.strength == 3 { for index in span.first...span.last { known[index] = true } }
        for index in names.indices where names[index].type == .location && names[index].canonical == nil
            && names[index].last > names[index].first && !headline[names[index].first] && !known[names[index].last]
            && tokens[names[index].last].flags.contains(.capitalized) && !tokens[names[index].last].flags.contains(.allCaps)
            && isBodyPlural(text.tokenized.foldedWord(tokens[names[index].last])) {
            names[index].type = .organization
        }
    }

    /// A town run straight into an organisation the gazetteer does not know is part of its name
    /// ("Munich Re", "Montreal Crystals"). A country or a region stays a name of its own, as annotated
    /// news has it ("U.S. | National Defense Strategy", "Turkey's | Ministry of National Defence").
    private func placesJoinedToBodies(_ names: [Name], _ headline: [Bool]) -> [Name] {
        let tokens = text.tokenized.tokens
        var result: [Name] = []
        result.reserveCapacity(names.count)
        for name in names {
            if let place = result.last, isTown(place), name.type == .organization, name.canonical == nil,
               name.first == place.last + 1, !headline[name.first],
               tokens[name.first].flags.isDisjoint(with: [.punctuationBefore, .sentenceStart, .lineStart]) {
                result[result.count - 1] = Name(first: place.first, last: name.last, type: .organization, canonical: nil)
            } else {
                result.append(name)
            }
        }
        return result
    }

    /// Whether the name is a town's, which a team or a firm takes, and not followed by 's.
    private func isTown(_ place: Name) -> Bool {
        guard place.type == .location, !text.tokenized.tokens[place.last].flags.contains(.possessive) else { return false }
        guard let canonical = place.canonical else { return true }
        let kind = gazetteer.kind(of: canonical)
        return kind == "city" || kind == "capital" || kind == "town"
    }

    /// Whether the token is two to eight capitals alone in brackets: "(", the word, then ")".
    func isBracketedAcronym(_ index: Int) -> Bool {
        let token = text.tokenized.tokens[index]
        return token.flags.contains(.allCaps) && (2...8).contains(token.byteEnd - token.byteStart) && isAloneInBrackets(index)
    }

    /// Whether the token, a word without digits, stands alone in brackets: "(", the word, then ")".
    private func isAloneInBrackets(_ index: Int) -> Bool {
        let token = text.tokenized.tokens[index]
        guard token.flags.contains(.bracketOrSlashBefore), !token.flags.contains(.hasDigit),
              TokenFeatures.punctuationBefore(text.tokenized.tokens, index, text.utf8) == UInt8(ascii: "(") else { return false }
        var position = Int(token.byteEnd)
        while position < text.utf8.count, text.utf8[position] == 0x20 { position += 1 }
        return position < text.utf8.count && text.utf8[position] == UInt8(ascii: ")")
    }

    /// Whether the token is a short form in brackets written like a word, made of the first letters
    /// of the name's words and of some letters after them: "Philippine Institute of Volcanology and
    /// Seismology (Phivolcs)", "Office of Communications (Ofcom)". Its letters come in the name's
    /// order, from its first letter on, out of two of its words at least.
    private func isBracketedShortForm(_ index: Int, of name: Name) -> Bool {
        let token = text.tokenized.tokens[index]
        guard name.last > name.first, name.last - name.first < 12, token.flags.contains(.capitalized), !token.flags.contains(.allCaps),
              (4...12).contains(token.foldedEnd - token.foldedStart), isAloneInBrackets(index) else { return false }
        let letters = Array(word(index).utf8)
        let words = (name.first...name.last).map { Array(word($0).utf8) }
        // formed(letter, word, used): letters from `letter` on come from words from `word` on, with
        // `used` words (up to 2) taken before. A word is taken from its first letter, then any of its
        // letters in order; the first word must be taken.
        var memo: [Int: Bool] = [:]
        func formed(_ letter: Int, _ word: Int, _ used: Int) -> Bool {
            if letter == letters.count { return used >= 2 }
            if word == words.count { return false }
            let key = (letter * 16 + word) * 3 + used
            if let known = memo[key] { return known }
            var result = word > 0 && formed(letter, word + 1, used)
            if !result, words[word].first == letters[letter] {
                // Take letters[letter..<end] from this word: the first matches its first letter, the
                // rest are found in order after it.
                var end = letter + 1, position = 1
                while !result {
                    result = formed(end, word + 1, min(used + 1, 2))
                    guard end < letters.count else { break }
                    while position < words[word].count, words[word][position] != letters[end] { position += 1 }
                    guard position < words[word].count else { break }
                    position += 1
                    end += 1
                }
            }
            memo[key] = result
            return result
        }
        return formed(0, 0, 0)
    }

    /// Whether the acronym's letters are the name's words' first letters, in order, beginning with
    /// the first word's: lower-case words ("of", "for", "in the") may be left out, capitalised ones
    /// not, and no letter is made up. ("al-Qaeda" is two words here: the tokenizer parts them at the
    /// hyphen, so "AQIM" abbreviates "al-Qaeda in the Islamic Maghreb".)
    func abbreviates(_ index: Int, _ name: Name) -> Bool {
        let tokens = text.tokenized.tokens
        let letters = Array(text.tokenized.foldedWord(tokens[index]).utf8)
        let wordCount = name.last - name.first + 1
        guard !letters.isEmpty, wordCount <= 12 else { return false }
        func initial(_ word: Int) -> UInt8? {
            let token = tokens[name.first + word]
            return token.foldedStart < token.foldedEnd ? text.tokenized.folded[Int(token.foldedStart)] : nil
        }
        func isLowerCase(_ word: Int) -> Bool { !tokens[name.first + word].flags.hasCapital }
        // matched[letter][word]: letters from `letter` on abbreviate the words from `word` on. Filled
        // from the end, so each pair is worked out once (a search that tried each way of leaving words
        // out could take exponential time on a name of many lower-case words).
        let width = wordCount + 1
        var matched = [Bool](repeating: false, count: (letters.count + 1) * width)
        matched[letters.count * width + wordCount] = true
        for word in stride(from: wordCount - 1, through: 0, by: -1) {
            matched[letters.count * width + word] = isLowerCase(word) && matched[letters.count * width + word + 1]
        }
        for letter in stride(from: letters.count - 1, through: 0, by: -1) {
            for word in stride(from: wordCount - 1, through: 0, by: -1) {
                let takes = initial(word) == letters[letter] && matched[(letter + 1) * width + word + 1]
                let skips = word > 0 && isLowerCase(word) && matched[letter * width + word + 1]
                matched[letter * width + word] = takes || skips
            }
        }
        return matched[0]
    }

    /// Capitalised words after "the" or a town that end in a plural and that no name covers, as
    /// organisations.
    private func pluralBodies(_ names: [Name], _ owner: [Int], _ headline: [Bool]) -> [Name] {
        let tokens = text.tokenized.tokens
        func isFree(_ index: Int) -> Bool {
            owner[index] < 0 && !headline[index] && tokens[index].flags.contains(.capitalized) && !tokens[index].flags.contains(.allCaps)
                && !tokens[index].flags.contains(.sentenceStart) && !tokens[index].flags.contains(.hasDigit)
        }
        // Per sentence, its capitalised words that are common in lower case and in no name: two
        // besides a run's own mark a headline ("Police Arrest the Suspects in Attack").
        let table = WordClusters.builtIn
        func isCommonCapitalised(_ index: Int) -> Bool {
            isFree(index) && table.entry(word: word(index)).rarity <= 24
        }
        var sentence = [Int](repeating: 0, count: tokens.count)
        var commonInSentence: [Int] = [0]
        for index in tokens.indices {
            if index > 0, tokens[index].flags.contains(.sentenceStart) { commonInSentence.append(0) }
            sentence[index] = commonInSentence.count - 1
            if isCommonCapitalised(index) { commonInSentence[sentence[index]] += 1 }
        }
        var found: [Name] = []
        var index = 1
        while index < tokens.count {
            // After "the", or after a town's name, which then joins the body ("Montreal Crystals").
            let afterTown = owner[index - 1] >= 0 && names[owner[index - 1]].last == index - 1 && isTown(names[owner[index - 1]])
                && !tokens[index].flags.contains(.punctuationBefore)
            guard isFree(index), afterTown || (owner[index - 1] < 0 && word(index - 1) == "the") else { index += 1; continue }
            var last = index
            while last - index < 3, last + 1 < tokens.count, isFree(last + 1), !tokens[last + 1].flags.contains(.punctuationBefore) {
                last += 1
            }
            let next = last + 1
            // The run is a name of its own: no capitalised word follows it, and no hyphen joins it to the next ("Trans-Sahel").
            let endsRun = next >= tokens.count || (!text.joinedByHyphen(next) && (!tokens[next].flags.isDisjoint(with: [.punctuationBefore, .lineStart])
                || !tokens[next].flags.hasCapital))
            let othersCommon = commonInSentence[sentence[index]] - (index...last).filter(isCommonCapitalised).count
            if endsRun, othersCommon < 2, isBodyPlural(word(last)), !(index...last).contains(where: { EntityWords.titles.contains(word($0)) }) {
                found.append(Name(first: index, last: last, type: .organization, canonical: nil))
            }
            index = last + 1
        }
        return found
    }

    /// A plural that can name a team or a body: not a people's, an award's or a place's, nor a
    /// singular in -s ("the Acropolis", "the Exodus").
    private func isBodyPlural(_ word: String) -> Bool {
        word.count > 3 && word.hasSuffix("s") && !word.hasSuffix("ss") && !word.hasSuffix("'s") && !word.hasSuffix("is") && !word.hasSuffix("us")
            && !gazetteer.isDemonym(word) && !EntityWords.eventWords.contains(word)
            && !EntityWords.notBodyPlurals.contains(word)
    }
}
