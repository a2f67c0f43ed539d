/// Names of things that are neither people, bodies nor places, and words capitalised like names that
/// name nothing, as reports and wire copy write them:
/// - a law, a treaty, a strategy, a regulation, a dialogue or a summit is MISC, and takes in the name
///   run straight into it ("Taiwan | Relations Act" is one "Taiwan Relations Act"); so are a storm
///   ("Hurricane Matthew"), an award, a spacecraft and a US ship ("Nobel Peace Prize", "James Webb
///   Space Telescope", "USS Carl Vinson"), and the short form in brackets of any ("(IEEPA)");
/// - a threat actor named as the security industry names them is a group ("Volt Typhoon", "Fancy
///   Bear", "APT28", "Storm-0558"); an armed group named in Arabic is a body ("Kata'ib Hizballah",
///   and as Malay writes the words, "Jemaah Islamiyah");
/// - a stadium, an arena, a cosmodrome or a memorial is a place, whoever it is named after; a
///   hospital is a body, with the place it is named for ("Massachusetts General Hospital");
/// - a president's name before "Administration" is the president ("the Biden Administration", "the
///   Bush administration");
/// - alone, a month or a weekday ("Sunday, May 17"), a plural acronym ("UAVs"), a bill's or a
///   code's abbreviation ("H.R.", "U.S.C.") and a few words that reports capitalise out of respect
///   ("Soldiers", "the Nation") are no names, nor is a storm's word alone ("After Cyclone"), a
///   time's "PM", or the acronym of words in lower case ("anti-ship cruise missiles (ASCM)"), nor are
///   the members in "Members of Congress";
/// - a weekday the tagger ran into a place is no part of it ("Florida | Sunday");
/// - a bill's sponsor in brackets after its number is a person ("H.R. 419 (Ros-Lehtinen)");
/// - the letters of a currency's sign are no name ("CA$46", "US$12").
extension EntityRecognizer {
    /// - Parameter headline: per token, whether its sentence is a headline in title case.
    func withNamedThings(_ names: [Name], headline: [Bool]) -> [Name] {
        let tokens = text.tokenized.tokens
        // Surnames of the people named in full, for "the Carter Administration".
        let surnames = Set(names.filter { $0.type == .person && $0.last > $0.first }.map { word($0.last) })
        let owner = owners(of: names)
        let commonAcronyms = acronymsOfCommonWords()
        let gazetteerAt = rules.gazetteerNamesByFirstToken
        // The names retyped as things here, as their short forms in brackets give them for canonical.
        var things = Set<String>()
        var result: [Name] = []
        for var name in names.sorted(by: { $0.first < $1.first }) {
            if name.first == name.last, wordsNameNothing(name.first) || commonAcronyms.contains(word(name.first)) { continue }
            // "and | the University of Johannesburg": "the" in lower case is no part of a name.
            while name.first < name.last, word(name.first) == "the", !tokens[name.first].flags.hasCapital {
                name.first += 1
                name.canonical = nil
            }
            // "Florida | Sunday", "U.S. Federal Court | on Wednesday": a weekday is no part of a place, nor
            // of a body after a word in lower case (a day named as an event is: "Bloody Sunday"; a club or
            // a song is named for one: "Sheffield Wednesday", "Ruby Tuesday").
            let endsInWeekday = EntityWords.weekdays.contains(word(name.last)) && (name.type == .location
                || name.type == .organization && name.last - 1 > name.first && !tokens[name.last - 1].flags.hasCapital)
            // "the INF Treaty | February 2, 2019": the month of a date is no part of the name before it
            // either (a weekday before a number is a club's: "Sheffield Wednesday 1").
            let endsInDate = EntityWords.months.contains(word(name.last)) && name.last + 1 < tokens.count
                && tokens[name.last + 1].flags.contains(.hasDigit) && !tokens[name.last + 1].flags.contains(.hasLetter)
            if name.last > name.first, endsInWeekday || endsInDate {
                name.last -= 1
                while name.last > name.first, !tokens[name.last].flags.hasCapital { name.last -= 1 }
                name.canonical = nil
            }
            if name.type == .person {
                // "Forward | Brian Ching": a player's position before the name is no part of it.
                if name.last - name.first >= 2, EntityWords.sportsRoles.contains(word(name.first)) { name.first += 1 }
                // "Ben Evardone | of Eastern Samar": a person named with where they come from is two names.
                if name.last >= name.first + 3,
                   let of = (name.first + 2..<name.last).first(where: { word($0) == "of" && !tokens[$0].flags.hasCapital }),
                   tokens[of + 1].flags.hasCapital, !EntityWords.nobility.contains(word(name.first)),
                   // Not a rank's, a place's or a body's "of" ("Our Lady of", "City of", "University of").
                   ![EntityWords.nobility, EntityWords.placeSuffixes, EntityWords.organizationHeads].contains(where: { $0.contains(word(of - 1)) }) {
                    result.append(Name(first: name.first, last: of - 1, type: .person, canonical: nil))
                    let known = gazetteerAt[of + 1].flatMap { $0.last == name.last ? $0 : nil }
                    name = Name(first: of + 1, last: name.last, type: known?.type ?? .location, canonical: known?.canonical)
                }
            }
            // "TSX | CA$46.36", "US$12": the letters of a currency's sign are no name.
            if isCurrencyPrefix(name.last) {
                guard name.last > name.first else { continue }
                name.last -= 1
                name.canonical = nil
            }
            // "Lincoln Memorial and the Korean": a venue's name ends at its venue's word; what the
            // tagger ran on across "and" is a name of its own.
            if let and = (name.first + 2..<max(name.first + 2, name.last)).first(where: { word($0) == "and" }),
               !tokens[and].flags.contains(.capitalized), Self.venueWords.contains(word(and - 1)) {
                result.append(Name(first: name.first, last: and - 1, type: .location, canonical: nil))
                guard let right = (and + 1...name.last).first(where: { tokens[$0].flags.hasCapital }) else { continue }
                name = Name(first: right, last: name.last, type: name.type, canonical: nil)
            }
            // "Senior Airman Andrew Sanders": a rank the tagger took into the name is no part of it.
            // A body named for a rank keeps it ("Cadet Command").
            if let after = afterRank(name), !isBodyWord(word(name.last)) {
                guard after <= name.last else { continue }  // "Petty Officer" alone
                name = Name(first: after, last: name.last, type: .person, canonical: nil)
            }
            // "Fort | Jackson", "Camp | Lejeune": a post named for someone is a place.
            if name.first == name.last, Self.postPrefixes.contains(word(name.first)), isCapitalisedRunOn(name.last + 1),
               owner[name.last + 1] < 0 {
                name = Name(first: name.first, last: name.last + 1, type: .location, canonical: nil)
            }
            if Self.postPrefixes.contains(word(name.first)) || (name.first > 0 && Self.postPrefixes.contains(word(name.first - 1))
                && tokens[name.first - 1].flags.contains(.capitalized) && isRunOn(name.first)) {
                if !Self.postPrefixes.contains(word(name.first)) {
                    // The post's word leaves the name before it ("Fort" alone goes).
                    if let before = result.last, before.last == name.first - 1 {
                        result.removeLast()
                        if before.last > before.first { result.append(Name(first: before.first, last: before.last - 1, type: before.type, canonical: nil)) }
                    }
                    if result.last.map({ $0.last < name.first - 1 }) ?? true { name.first -= 1 }
                }
                // Not a paper or an accord named for the post ("Fort Worth Star-Telegram", "Camp David Accords").
                if name.last > name.first, name.canonical == nil, name.type == .person || name.last == name.first + 1 {
                    name.type = .location
                }
            }
            // "Members of | Congress": the members are no part of the body's name.
            if name.last > name.first + 1, ["members", "member"].contains(word(name.first)), word(name.first + 1) == "of" {
                name.first += 2
                name.canonical = nil
            }
            // "Hurricane | Matthew": the storm's word is part of its name.
            if name.first > 0, Self.stormWords.contains(word(name.first - 1)), tokens[name.first - 1].flags.contains(.capitalized),
               isRunOn(name.first), result.last.map({ $0.last < name.first - 1 }) ?? true {
                name.first -= 1
            }
            // "James Webb Space | Telescope": an award's or a craft's last word, which the tagger left out.
            let thingEnd = endOfWordsLeftOut(after: name, owner, upTo: 1) { EntityWords.thingWords.contains($0) }
            if thingEnd > name.last {
                name.last = thingEnd
                name.canonical = nil
            }
            // "Taiwan | Relations Act", "Korean | War Memorial": a law's or a venue's last words, up to
            // two, which the tagger left out. Not in a title-case headline, where every word is capitalised,
            // nor across a headline's verb ("US and Russia | Reach Agreement" says what was done with it).
            if !headline[name.first], name.type != .organization {
                let end = endOfWordsLeftOut(after: name, owner, upTo: 2) { Self.lawWords.contains($0) || Self.venueWords.contains($0) }
                let verb = word(min(name.last + 1, tokens.count - 1))
                if end > name.last, end == name.last + 1 || !(Self.verbsOfDeals.contains(verb) || EntityWords.headlineVerbs.contains(verb)) {
                    name.last = end
                    name.canonical = nil
                    if Self.venueWords.contains(word(end)) { name.type = .location }
                }
            }
            // "Goddard Space | Flight Center", "ManTech | SRS Technologies": a body's last words, which
            // the tagger left out.
            if name.type == .organization, name.canonical == nil, !tokens[name.last].flags.contains(.possessive) {
                name.last = endOfWordsLeftOut(after: name, owner, upTo: 2) { EntityWords.bodyLastWords.contains($0) }
            }
            if Self.hospitalWords.contains(word(name.last)), name.last > name.first, name.type != .person {
                takeInHospitalsPlace(&name, owner, &result)
            }
            // "the U.S. | Embassy", "the Russian | Consulate": a country's mission is a body, named with
            // its country.
            if name.type == .location || name.type == .misc, isCapitalisedRunOn(name.last + 1), owner[name.last + 1] < 0,
               Self.embassyWords.contains(word(name.last + 1)) {
                name = Name(first: name.first, last: name.last + 1, type: .organization, canonical: nil)
            } else if Self.embassyWords.contains(word(name.last)), tokens[name.last].flags.contains(.capitalized),
                      name.last > name.first || name.type == .organization {
                name.type = .organization
                name.canonical = nil
                takeInNameRunInto(&name, &result) { $0.type == .location || $0.type == .misc }
            }
            // "African Union | Mission in Somalia": a body's mission is part of its name, and takes in
            // where it serves.
            if name.type == .organization, isCapitalisedRunOn(name.last + 1), owner[name.last + 1] < 0, word(name.last + 1) == "mission" {
                name.last += 1
                name.canonical = nil
            }
            if name.type == .location, name.first >= 2, word(name.first - 1) == "in" || word(name.first - 1) == "to", isRunOn(name.first),
               isRunOn(name.first - 1), !tokens[name.first - 1].flags.hasCapital,
               let before = result.last, before.last == name.first - 2, before.type == .organization,
               word(before.last) == "mission", tokens[before.last].flags.contains(.capitalized) {
                result.removeLast()
                name = Name(first: before.first, last: name.last, type: .organization, canonical: nil)
            }
            // "Crowds Storm | Lebanon Banks": a headline's verb "storm" before a place names no storm.
            if word(name.first) == "storm", name.last > name.first, let known = gazetteerAt[name.first + 1], known.last == name.last,
               known.type == .location {
                name = Name(first: name.first + 1, last: name.last, type: .location, canonical: known.canonical)
            }
            let first = word(name.first), last = word(name.last)
            let isThing = name.canonical == nil && EntityWords.thingWords.contains(last)
            // A short form given in brackets after a law's or a meeting's name ("(IEEPA)") is the same thing.
            if let canonical = name.canonical, things.contains(canonical) { name.type = .misc }
            // ("Israel | Prize": an award's word alone takes in the name before it too.)
            // (A body named for one is a body: "Center for Policy Dialogue".)
            let isDocument = Self.documentWords.contains(last) && !EntityWords.organizationHeads.contains(first) && !["center", "centre"].contains(first)
            if name.last > name.first && (isDocument || Self.shipPrefixes.contains(first)) || isThing
                || name.last > name.first && Self.stormWords.contains(first) && (name.type != .organization || Self.namedStorms.contains(first)) {
                if name.type != .misc { things.insert(text.text(ofTokens: name.first, through: name.last)) }
                name.type = .misc
                name.canonical = nil
                // "Taiwan | Relations Act": the name run into it is part of its title.
                takeInNameRunInto(&name, &result) { _ in true }
            } else if name.type != .organization, name.canonical == nil, isThreatActor(name) || isArabicBody(name) {
                name.type = .organization
            } else if name.last > name.first, name.canonical == nil, name.type != .misc, Self.venueWords.contains(last) {
                name.type = .location
                // "Korean | War Memorial": a people's name run into it is part of its name.
                takeInNameRunInto(&name, &result) { $0.type == .misc }
            } else if name.last == name.first + 1, last == "administration", Self.presidents.contains(first) || surnames.contains(first) {
                name = Name(first: name.first, last: name.first, type: .person, canonical: nil)
            } else if name.first == name.last, name.type != .person, name.last + 1 < tokens.count, word(name.last + 1) == "administration",
                      Self.presidents.contains(first) || surnames.contains(first) {
                // "the Bush administration": the same in lower case.
                name.type = .person
                name.canonical = nil
            }
            result.append(name)
        }
        return withBillSponsors(withThreatActorCodes(result))
    }

    /// Where a name ends if it takes in the capitalised words run on after it that no other name holds,
    /// up to `limit` of them, as far as the last that `isLastWord` accepts; its own end if none does.
    private func endOfWordsLeftOut(after name: Name, _ owner: [Int], upTo limit: Int, isLastWord: (String) -> Bool) -> Int {
        var end = name.last
        while end - name.last < limit, isCapitalisedRunOn(end + 1), owner[end + 1] < 0 { end += 1 }
        while end > name.last, !isLastWord(word(end)) { end -= 1 }
        return end
    }

    /// "Oban Hospital", "Glasgow's Southern | General Hospital", "Massachusetts | General Hospital": a
    /// hospital is an organisation, as annotated news has it, and takes in the capitalised words and
    /// the place run straight into its name.
    private func takeInHospitalsPlace(_ name: inout Name, _ owner: [Int], _ result: inout [Name]) {
        name.type = .organization
        name.canonical = nil
        let tokens = text.tokenized.tokens
        // Not from a sentence's first word, which may be capitalised for that alone ("Opening Queens Hospital").
        while name.first > 0, isRunOn(name.first), owner[name.first - 1] < 0, tokens[name.first - 1].flags.hasCapital,
              !tokens[name.first - 1].flags.contains(.sentenceStart), !EntityWords.commonWords.contains(word(name.first - 1)) {
            name.first -= 1
        }
        takeInNameRunInto(&name, &result) { $0.type != .person }
    }

    /// Takes the name found last into `name` if it runs straight into it and `accepts` it.
    private func takeInNameRunInto(_ name: inout Name, _ result: inout [Name], if accepts: (Name) -> Bool) {
        guard let before = result.last, before.last + 1 == name.first, isRunOn(name.first), accepts(before) else { return }
        name.first = before.first
        result.removeLast()
    }

    /// Whether token `index` is written straight before a dollar sign, as a currency's letters are.
    private func isCurrencyPrefix(_ index: Int) -> Bool {
        let token = text.tokenized.tokens[index], end = Int(token.byteEnd)
        guard end < text.utf8.count, text.utf8[end] == 0x24 else { return false }
        return token.flags.contains(.allCaps) || end - Int(token.byteStart) == 1
    }

    /// Whether token `index` follows the one before with nothing but a space, in one sentence.
    private func isRunOn(_ index: Int) -> Bool {
        let token = text.tokenized.tokens[index]
        return token.flags.isDisjoint(with: [.punctuationBefore, .sentenceStart]) && !text.tokenized.tokens[index - 1].flags.contains(.possessive)
    }

    /// Whether the one word at `index` is capitalised like a name but names nothing alone.
    private func wordsNameNothing(_ index: Int) -> Bool {
        let tokens = text.tokenized.tokens
        let word = text.tokenized.foldedWord(tokens[index])
        if EntityWords.calendarWords.contains(word) || Self.capitalisedCommonWords.contains(word) || Self.abbreviations.contains(word) {
            return true
        }
        // "May 17", "17 May", "March 25": a month by a day's number (alone, "May" may be Theresa May, and
        // "March" a protest).
        if word == "may" || word == "mar" || word == "march" {
            func isNumber(_ at: Int) -> Bool { at >= 0 && at < tokens.count && tokens[at].flags.contains(.hasDigit) && !tokens[at].flags.contains(.hasLetter) }
            if isNumber(index + 1) || isNumber(index - 1) { return true }
        }
        // A storm's word alone ("Bangladesh Cleans Up After Cyclone"), and a time's AM or PM ("03:34 PM").
        if Self.namedStorms.contains(word) { return true }
        if word == "am" || word == "pm", index > 0, tokens[index - 1].flags.contains(.hasDigit), !tokens[index - 1].flags.contains(.hasLetter) {
            return true
        }
        // "UAVs", "TTPs": an acronym's plural is a common noun.
        let start = Int(tokens[index].byteStart), end = Int(tokens[index].byteEnd)
        return end - start >= 3 && text.utf8[end - 1] == UInt8(ascii: "s") && text.utf8[start..<end - 1].allSatisfy { $0 &- 0x41 < 26 }
    }

    /// Acronyms the text brackets after the lower-case words they spell ("anti-ship cruise missiles
    /// (ASCM)", "indicators of compromise (IOC)"): a common noun's short form names nothing, there or
    /// later in the text.
    private func acronymsOfCommonWords() -> Set<String> {
        let tokens = text.tokenized.tokens
        var acronyms = Set<String>()
        for index in tokens.indices where tokens[index].flags.contains(.allCaps) && isBracketedAcronym(index) {
            let letters = Array(text.tokenized.foldedWord(tokens[index]).utf8)
            var letter = letters.count - 1, word = index - 1
            // Only a sentence's first word may be capitalised ("Indicators of compromise (IOC)").
            while letter >= 0, word >= 0, index - word <= 3 * letters.count,
                  !tokens[word].flags.hasCapital || tokens[word].flags.contains(.sentenceStart),
                  tokens[word].flags.contains(.hasLetter),
                  word == index - 1 || !tokens[word + 1].flags.contains(.punctuationBefore) || text.joinedByHyphen(word + 1) {
                let folded = text.tokenized.foldedWord(tokens[word])
                if folded.utf8.first == letters[letter] {
                    letter -= 1
                } else if !EntityWords.headlineSmallWords.contains(folded) {
                    break
                }
                word -= 1
            }
            if letter < 0 { acronyms.insert(text.tokenized.foldedWord(tokens[index])) }
        }
        return acronyms
    }

    /// Two capitalised words ending in the industry's animal or weather word ("Fancy Bear", "Volt Typhoon").
    private func isThreatActor(_ name: Name) -> Bool {
        let tokens = text.tokenized.tokens
        return name.last == name.first + 1 && tokens[name.first].flags.contains(.capitalized)
            && Self.threatActorWords.contains(text.tokenized.foldedWord(tokens[name.last]))
            && !Self.stormWords.contains(text.tokenized.foldedWord(tokens[name.first]))
    }

    private func isArabicBody(_ name: Name) -> Bool {
        Self.arabicBodyWords.contains(text.tokenized.foldedWord(text.tokenized.tokens[name.first]))
            || (name.first...name.last).contains { Self.hizballah.contains(text.tokenized.foldedWord(text.tokenized.tokens[$0])) }
    }

    /// Threat actors' codes ("APT28", "UNC3236", "FIN7", "Storm-0558", "DEV-0391") as groups, found
    /// or not.
    private func withThreatActorCodes(_ names: [Name]) -> [Name] {
        let tokens = text.tokenized.tokens
        let owner = owners(of: names)
        var codes: [(name: Name, peopleGiveWay: Bool)] = []
        var index = 0
        while index < tokens.count {
            defer { index += 1 }
            guard tokens[index].flags.contains(.capitalized) else { continue }
            let word = text.tokenized.foldedWord(tokens[index])
            var last = index
            if index + 1 < tokens.count, Self.threatActorWords.contains(text.tokenized.foldedWord(tokens[index + 1])),
               tokens[index + 1].flags.contains(.capitalized), isRunOn(index + 1), !Self.stormWords.contains(word),
               !tokens[index].flags.contains(.sentenceStart) || owner[index] >= 0 {
                last = index + 1  // "Fancy Bear", found by no one
            } else if Self.actorPrefixes.contains(word), index + 1 < tokens.count, text.joinedByHyphen(index + 1),
                      tokens[index + 1].flags.contains(.hasDigit), !tokens[index + 1].flags.contains(.hasLetter) {
                last = index + 1
            } else if !tokens[index].flags.contains(.hasDigit) || !Self.isActorCode(word) {
                continue
            }
            codes.append((Name(first: index, last: last, type: .organization, canonical: nil), true))
            index = last
        }
        // Names inside a code give way to it; one reaching out of it keeps it from being made.
        return codes.isEmpty ? names : replacing(names, with: codes)
    }

    /// The member who sponsors a bill, in brackets after its number: "H.R. 419 (Ros-Lehtinen)",
    /// "S. 12 (Coats)", as congressional reports list legislation.
    private func withBillSponsors(_ names: [Name]) -> [Name] {
        let tokens = text.tokenized.tokens
        var sponsors: [(name: Name, peopleGiveWay: Bool)] = []
        var index = 0
        while index + 2 < tokens.count {
            defer { index += 1 }
            let number = tokens[index + 1].flags, sponsor = tokens[index + 2]
            guard Self.billAbbreviations.contains(text.tokenized.foldedWord(tokens[index])),
                  number.contains(.hasDigit), !number.contains(.hasLetter), sponsor.flags.contains(.capitalized),
                  text.utf8[Int(sponsor.byteStart) - 1] == UInt8(ascii: "(") else { continue }
            var last = index + 2
            while last + 1 < tokens.count, text.joinedByHyphen(last + 1), tokens[last + 1].flags.contains(.capitalized) { last += 1 }
            let end = Int(tokens[last].byteEnd)
            guard end < text.utf8.count, text.utf8[end] == UInt8(ascii: ")") else { continue }
            sponsors.append((Name(first: index + 2, last: last, type: .person, canonical: nil), true))
            index = last
        }
        return sponsors.isEmpty ? names : replacing(names, with: sponsors)
    }

    /// "apt28", "unc3236", "fin7", "temp.veles" no: letters of a known prefix, then digits only.
    private static func isActorCode(_ word: String) -> Bool {
        guard let split = word.firstIndex(where: \.isNumber) else { return false }
        return ["apt", "unc", "fin", "temp"].contains(String(word[..<split])) && word[split...].allSatisfy(\.isNumber)
    }

    /// Last words of laws, treaties, strategies, talks and summits.
    static let documentWords: Set<String> = [
        "act", "acts", "law", "treaty", "accord", "accords", "agreement", "convention", "doctrine", "strategy", "talks",
        "protocol", "charter", "directive", "ordinance", "amendment", "regulations", "dialogue", "summit",
    ]
    /// First words of US ships' names ("USS Carl Vinson"). (The Commonwealth navies' "HMS" and "HMAS"
    /// name shore bases too: "HMAS Cerberus" is a place.)
    static let shipPrefixes: Set<String> = ["uss", "usns", "uscgc"]
    /// The document words that end a law's or a treaty's name, and never a headline's verb.
    static let lawWords: Set<String> = ["act", "acts", "law", "treaty", "accord", "accords", "agreement", "convention", "charter", "amendment"]
    /// Verbs a headline puts before a law's or a deal's word, in their base and third-person forms.
    static let verbsOfDeals: Set<String> = [
        "reach", "reaches", "sign", "signs", "strike", "strikes", "seal", "seals", "pass", "passes", "back", "backs", "hold", "holds",
        "ratify", "ratifies", "approve", "approves", "reject", "rejects", "quit", "quits", "join", "joins", "leave", "leaves",
        "violate", "violates", "break", "breaks", "end", "ends", "near", "nears", "agree", "agrees", "renew", "renews", "extend",
        "extends", "scrap", "scraps", "exit", "exits", "enter", "enters", "eye", "eyes", "defend", "defends", "breach", "breaches",
    ]
    /// Words of a country's missions abroad ("U.S. Embassy").
    static let embassyWords: Set<String> = ["embassy", "consulate", "legation"]

    /// Last words of hospitals' names.
    static let hospitalWords: Set<String> = ["hospital", "clinic", "infirmary", "hospice"]
    /// First words of a storm's name.
    static let stormWords: Set<String> = ["hurricane", "typhoon", "cyclone", "storm", "tropical", "superstorm", "tornado"]
    /// Those that name a storm whatever the tagger made of it ("Cyclone Mahasen" is no body).
    static let namedStorms: Set<String> = ["hurricane", "typhoon", "cyclone", "superstorm"]
    /// Last words of the names threat-intelligence firms give groups (CrowdStrike's animals,
    /// Microsoft's weather).
    static let threatActorWords: Set<String> = [
        "panda", "bear", "kitten", "chollima", "spider", "jackal", "typhoon", "blizzard", "sleet", "sandstorm", "tempest",
    ]
    static let actorPrefixes: Set<String> = ["storm", "dev"]
    /// First words of armed groups' Arabic and Urdu names (brigades, movement, army, front, party).
    static let arabicBodyWords: Set<String> = [
        "kata'ib", "kataib", "asa'ib", "asaib", "harakat", "jaish", "jaysh", "liwa", "jabhat", "hay'at", "hayat", "lashkar",
        "tehreek", "tehrik", "saraya", "ansar", "ahrar", "jund", "jamaat", "jama'at", "hizb", "jemaah", "jamaah", "jama'ah", "jamiat",
    ]
    static let hizballah: Set<String> = ["hizballah", "hezbollah", "hizbullah", "hizbollah"]
    /// Last words of venues.
    static let venueWords: Set<String> = [
        "cosmodrome", "spaceport", "arena", "stadium", "coliseum", "colosseum", "velodrome", "racecourse", "ballpark", "speedway",
        "memorial", "monument", "cemetery", "garden", "gardens",
    ]
    /// Bills' abbreviations before their numbers.
    static let billAbbreviations: Set<String> = ["h.r.", "s.", "h.res.", "s.res.", "h.j.res.", "s.j.res.", "h.con.res.", "s.con.res."]
    /// Words reports capitalise that name nobody alone.
    static let capitalisedCommonWords: Set<String> = [
        "soldiers", "soldier", "members", "nation", "committee", "subcommittee", "airmen", "sailors", "guardsmen",
        "servicemembers", "warfighters",
    ]
    /// Abbreviations of bills, codes and orders, and acronyms of common nouns, that are tagged like bodies.
    static let abbreviations: Set<String> = [
        "h.r.", "s.", "u.s.c.", "c.f.r.", "e.o.", "h.res.", "uav", "uas", "mvp", "utc", "gmt", "ceo", "cfo", "gdp", "ied",
        "icbm", "slbm", "irbm", "dna", "suv", "vip", "gps",
    ]
    /// Surnames of the presidents of the United States, whose administrations news names.
    static let presidents: Set<String> = [
        "adams", "jefferson", "madison", "monroe", "jackson", "tyler", "polk", "taylor", "fillmore", "pierce", "buchanan",
        "lincoln", "johnson", "grant", "hayes", "garfield", "arthur", "cleveland", "harrison", "mckinley", "roosevelt", "taft",
        "wilson", "harding", "coolidge", "hoover", "truman", "eisenhower", "kennedy", "nixon", "ford", "carter", "reagan",
        "bush", "clinton", "obama", "trump", "biden",
    ]
}
