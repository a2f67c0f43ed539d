/// Names that punctuation between their words parts, and names that it joins. The tagger reads
/// words without the punctuation between them, so it can run a name on across a dash or a comma.
/// - A name is cut where a spaced dash, a comma, a colon, a semicolon, a bracket, a quotation mark or
///   a sentence's end stands between its words ("WASHINGTON -- Representatives", "Ottawa, Canada"),
///   unless the gazetteer knows the name with it ("Washington, D.C."). A part the gazetteer names
///   takes its entry; a lone word after a sentence's end or a dash, whose capital says nothing, goes.
/// - A company's legal form or a "Jr." after a comma stays with the name, or goes if the name is not
///   there ("Acme, Inc.").
/// - Names the gazetteer knows, written together with a hyphen or a slash, are each themselves
///   ("U.S.-China talks", "Japan/Greece", "Israel-Hamas war").
/// - Two organisations run together across "and" are two ("Lockheed Martin and Raytheon
///   Technologies", "Navy and Air Force"); a company named with a possessive takes it in ("McDonald's Corp").
/// - A people's, a saint's or a bazaar's possessive stands inside a name and joins it ("National
///   People's Congress", "St. Mary's Hospital", "Cox's Bazar").
/// Bodies' names, which words rather than punctuation make, are in `BodyNames.swift`.
extension EntityRecognizer {
    /// The names cut at punctuation, then split into the gazetteer's names they are made of.
    func partedByPunctuation(_ names: [Name]) -> [Name] {
        let gazetteerAt = rules.gazetteerNamesByFirstToken
        // Punctuation inside a name the gazetteer knows stays ("Washington, D.C.").
        var insideKnown = [Bool](repeating: false, count: text.tokenized.tokens.count)
        for span in rules.gazetteerNames where span.last > span.first { for index in (span.first + 1)...span.last { insideKnown[index] = true } }
        let parted = names.flatMap { cutAtPunctuation($0, gazetteerAt, insideKnown) }.flatMap { splitIntoKnownNames($0, gazetteerAt) }
            .flatMap { splitBodiesAtAnd($0, gazetteerAt) }
        let joined = parted.contains(where: { isSuffix($0.first) || isSuffix($0.last + 1) }) ? withSuffixesJoined(parted) : parted
        return withPossessivesInside(withPossessiveBodies(joined, gazetteerAt))
    }

    /// A possessive that names hold inside them joins the names on either side of it: a people's
    /// ("National People's Congress", "Boston Children's Hospital"), a saint's ("St. Mary's Hospital")
    /// and a bazaar's ("Cox's Bazar"). Other possessives part names ("China's People's Liberation Army").
    private func withPossessivesInside(_ names: [Name]) -> [Name] {
        let tokens = text.tokenized.tokens
        func joins(_ index: Int) -> Bool {
            guard tokens[index].flags.contains(.possessive), tokens[index].flags.contains(.capitalized), index + 1 < tokens.count,
                  tokens[index + 1].flags.contains(.capitalized), tokens[index + 1].flags.isDisjoint(with: [.punctuationBefore, .sentenceStart]) else { return false }
            let isSaint = index > 0 && Self.saints.contains(word(index - 1)) && tokens[index - 1].flags.contains(.capitalized)
            return Self.possessivesInNames.contains(word(index)) || isSaint || Self.possessedPlaces.contains(word(index + 1))
        }
        guard tokens.indices.dropLast().contains(where: joins) else { return names }
        let sorted = names.sorted { $0.first < $1.first }
        var owner = [Int](repeating: -1, count: tokens.count)
        for (number, name) in sorted.enumerated() { for index in name.first...name.last { owner[index] = number } }
        var replaced = Set<Int>(), added: [Name] = []
        var index = 0
        while index + 1 < tokens.count {
            guard joins(index), owner[index + 1] < 0 || sorted[owner[index + 1]].first == index + 1 else { index += 1; continue }
            // From the name that holds the possessive, or a name run straight into it ("Boston | Children's").
            var first = owner[index] >= 0 ? sorted[owner[index]].first : index
            if owner[index] < 0, index > 0, Self.saints.contains(word(index - 1)) { first = index - 1 }
            if owner[index] < 0, first > 0, owner[first - 1] >= 0, !tokens[first - 1].flags.contains(.possessive),
               tokens[first].flags.isDisjoint(with: [.punctuationBefore, .sentenceStart]) {
                first = sorted[owner[first - 1]].first
            }
            // To the end of the name after it, or of the capitalised words run on after it (four at most).
            var last = index + 1
            if owner[last] >= 0 {
                last = sorted[owner[last]].last
            } else {
                while last + 1 < tokens.count, last < index + 4, owner[last + 1] < 0, isCapitalisedRunOn(last + 1) { last += 1 }
            }
            let after = owner[index + 1] >= 0 ? sorted[owner[index + 1]].type : nil
            let lastWord = word(last)
            let type: EntityType = Self.hospitalWords.contains(lastWord) || Self.schoolWords.contains(lastWord) ? .organization
                : Self.possessedPlaces.contains(lastWord) ? .location
                : after.flatMap { $0 == .person ? nil : $0 } ?? .organization
            for number in Set((first...last).map { owner[$0] }) where number >= 0 { replaced.insert(number) }
            added.append(Name(first: first, last: last, type: type, canonical: nil))
            index = last + 1
        }
        return (sorted.enumerated().filter { !replaced.contains($0.offset) }.map(\.element) + added).sorted { $0.first < $1.first }
    }

    /// Possessives that stand inside names ("People's Liberation Army", "Children's Hospital").
    static let possessivesInNames: Set<String> = ["people", "children", "women", "men", "veterans", "peoples"]
    /// Words before a saint's name, whose possessive stands inside a name ("St. Mary's Hospital").
    static let saints: Set<String> = ["st", "st.", "saint", "ste", "ste."]
    /// Places named with a possessive ("Cox's Bazar").
    static let possessedPlaces: Set<String> = ["bazar", "bazaar"]
    /// Last words of schools' names.
    static let schoolWords: Set<String> = ["school", "college", "academy", "university"]

    /// A company named with a possessive ("McDonald's Corp", "Moody's Investors Service"): an
    /// organisation the gazetteer does not know, right after a capitalised possessive word that is no
    /// person, place, month, acronym or name the gazetteer knows, takes it in. ("Google's Threat
    /// Analysis Group", "Russia's Foreign Intelligence Service", "USDA's Foreign Agricultural Service"
    /// and "December's NATO summit" stay apart.)
    private func withPossessiveBodies(_ names: [Name], _ gazetteerAt: [Int: RuleSpan]) -> [Name] {
        let tokens = text.tokenized.tokens
        guard names.contains(where: { $0.type == .organization && $0.first > 0 && tokens[$0.first - 1].flags.contains(.possessive) }) else { return names }
        let gazetteerEnds = Set(rules.gazetteerNames.map(\.last))
        var result: [Name] = []
        for name in names.sorted(by: { $0.first < $1.first }) {
            let owner = name.first - 1
            guard name.type == .organization, owner >= 0, tokens[owner].flags.contains(.possessive), tokens[owner].flags.contains(.capitalized),
                  !tokens[owner].flags.contains(.allCaps),
                  gazetteerAt[owner] == nil, !gazetteerEnds.contains(owner), gazetteerAt[name.first]?.last != name.last,
                  !EntityWords.calendarWords.contains(text.tokenized.foldedWord(tokens[owner])) else { result.append(name); continue }
            if let before = result.last, before.last == owner {
                guard before.first == owner, before.type == .organization else { result.append(name); continue }
                result.removeLast()
            }
            result.append(Name(first: owner, last: name.last, type: .organization, canonical: nil))
        }
        return result
    }

    /// A legal form or a generation after a comma is part of the name before it ("Apple, Inc.",
    /// "King, Jr."); found as a name of its own, or starting one, it goes.
    private func withSuffixesJoined(_ names: [Name]) -> [Name] {
        let tokens = text.tokenized.tokens
        var result: [Name] = []
        for name in names.sorted(by: { $0.first < $1.first }) {
            if let before = result.last, name.first <= before.last { continue }
            if isSuffix(name.first), name.first == name.last || TokenFeatures.punctuationBefore(tokens, name.first, text.utf8) == 0x2C { continue }
            var joined = name
            let next = name.last + 1
            if name.type != .location, next < tokens.count, isSuffix(next), TokenFeatures.punctuationBefore(tokens, next, text.utf8) == 0x2C {
                joined.last = next
            }
            result.append(joined)
        }
        return result
    }

    private func isSuffix(_ index: Int) -> Bool {
        guard index < text.tokenized.tokens.count else { return false }
        var word = text.tokenized.foldedWord(text.tokenized.tokens[index])
        if word.hasSuffix(".") { word.removeLast() }
        return EntityWords.legalForms.contains(word) || word == "co" || EntityWords.generations.contains(word)
    }

    private func cutAtPunctuation(_ name: Name, _ gazetteerAt: [Int: RuleSpan], _ insideKnown: [Bool]) -> [Name] {
        guard name.last > name.first else { return [name] }
        var pieces: [Name] = []
        var start = name.first
        for index in (name.first + 1)...name.last where !insideKnown[index] && cuts(before: index) {
            pieces.append(Name(first: start, last: index - 1, type: name.type, canonical: nil))
            start = index
        }
        guard start > name.first else { return [name] }
        pieces.append(Name(first: start, last: name.last, type: name.type, canonical: nil))
        let tokens = text.tokenized.tokens
        return pieces.compactMap { piece in
            if let known = gazetteerAt[piece.first], known.last == piece.last {
                return Name(first: piece.first, last: piece.last, type: known.type, canonical: known.canonical)
            }
            // A place's state or country after its comma is a place ("Austin, TX"), not an acronym's body.
            if name.type == .location, piece.first > name.first, TokenFeatures.punctuationBefore(tokens, piece.first, text.utf8) == 0x2C {
                return Name(first: piece.first, last: piece.last, type: .location, canonical: text.text(ofTokens: piece.first, through: piece.last))
            }
            guard (piece.first...piece.last).contains(where: { tokens[$0].flags.hasCapital }) else { return nil }
            // A lone word after a sentence's end or a dash may be capitalised as a clause's first word.
            if piece.first == piece.last, piece.first > name.first,
               tokens[piece.first].flags.contains(.sentenceStart) || [0x2D, 0x80].contains(TokenFeatures.punctuationBefore(tokens, piece.first, text.utf8)) {
                return nil
            }
            return piece
        }
    }

    /// Whether punctuation between token `index` and the one before parts a name.
    private func cuts(before index: Int) -> Bool {
        let tokens = text.tokenized.tokens
        if tokens[index].flags.contains(.sentenceStart) { return true }
        switch TokenFeatures.punctuationBefore(tokens, index, text.utf8) {
        case 0x2C:  // , but not before a legal form or a generation ("Acme, Inc.", "Biden, Jr.")
            return !isSuffix(index)
        case 0x3A, 0x3B, 0x28, 0x29, 0x5B, 0x5D, 0x22, 0x21, 0x3F, 0x7C, 0x80:  // : ; ( ) [ ] " ! ? | and non-ASCII dashes and quotes
            return true
        case 0x2D:  // a hyphen inside a word group stays ("Guinea-Bissau"); a spaced one parts
            return !text.joinedByHyphen(index)
        case 0x2F:  // so does a slash
            return !joinedTightly(index)
        default:
            return false
        }
    }

    /// Whether token `index` follows the one before across one hyphen, slash or en dash and nothing else.
    private func joinedTightly(_ index: Int) -> Bool {
        let tokens = text.tokenized.tokens
        guard index > 0 else { return false }
        let end = Int(tokens[index - 1].byteEnd), start = Int(tokens[index].byteStart)
        if start == end + 1 { return text.utf8[end] == 0x2D || text.utf8[end] == 0x2F }
        return start == end + 3 && text.utf8[end] == 0xE2 && text.utf8[end + 1] == 0x80 && text.utf8[end + 2] == 0x93
    }

    /// A name made wholly of the gazetteer's names joined by hyphens or slashes, as those names.
    private func splitIntoKnownNames(_ name: Name, _ gazetteerAt: [Int: RuleSpan]) -> [Name] {
        guard name.last > name.first else { return [name] }
        var parts: [Name] = []
        var index = name.first
        while index <= name.last {
            guard let known = gazetteerAt[index], known.last <= name.last, index == name.first || joinedTightly(index) else { return [name] }
            parts.append(Name(first: known.first, last: known.last, type: known.type, canonical: known.canonical))
            index = known.last + 1
        }
        return parts.count > 1 ? parts : [name]
    }

    /// An organisation run across "and" into another is two, when one side is a name the gazetteer
    /// knows or both have two words or more and one ends as bodies' names do ("Lockheed Martin and
    /// Raytheon Technologies"). "Procter and Gamble", "Ministry of Mines and Energy" stay whole. Two
    /// venues are two as well, of any type the tagger gave them.
    private func splitBodiesAtAnd(_ name: Name, _ gazetteerAt: [Int: RuleSpan]) -> [Name] {
        let tokens = text.tokenized.tokens
        guard name.type != .person, name.last - name.first >= 2,
              let and = (name.first + 1..<name.last).first(where: { word($0) == "and" && !tokens[$0].flags.contains(.capitalized) })
        else { return [name] }
        // "Lincoln Memorial and the Korean War Memorial": two venues, whatever the tagger typed them.
        if Self.venueWords.contains(word(and - 1)), Self.venueWords.contains(word(name.last)) {
            var right = and + 1
            while right < name.last, !tokens[right].flags.hasCapital { right += 1 }
            return [Name(first: name.first, last: and - 1, type: name.type, canonical: nil),
                    Name(first: right, last: name.last, type: name.type, canonical: nil)]
        }
        func known(_ part: Name) -> Name? {
            guard let span = gazetteerAt[part.first], span.last == part.last else { return nil }
            return Name(first: part.first, last: part.last, type: span.type, canonical: span.canonical)
        }
        // "Washington and Seoul", "Chittagong and Sylhet", "Aabenraa County and Sønderborg County": two
        // places, where the gazetteer does not know the whole ("Trinidad and Tobago", "Jammu and
        // Kashmir"), nor does the last word make one name of it ("Portland and Ogdensburg Railroad"), nor
        // is the first part a direction alone ("Central and Eastern Europe").
        func endsInKind(_ index: Int) -> Bool {
            EntityWords.placeSuffixes.contains(word(index)) || EntityWords.organizationSuffixes.contains(word(index))
                || Self.lineWords.contains(word(index))
        }
        if name.type == .location, gazetteerAt[name.first]?.last != name.last, tokens[and + 1].flags.hasCapital,
           !endsInKind(name.last) || endsInKind(and - 1), !(and - 1 == name.first && Self.directions.contains(word(name.first))) {
            func place(_ part: Name) -> Name { known(part).flatMap { $0.type == .location ? $0 : nil } ?? part }
            return [place(Name(first: name.first, last: and - 1, type: .location, canonical: nil)),
                    place(Name(first: and + 1, last: name.last, type: .location, canonical: nil))]
        }
        guard name.type == .organization,
              !(name.first..<and).contains(where: { EntityWords.governmentBodies.contains(word($0)) }) else { return [name] }
        let left = Name(first: name.first, last: and - 1, type: .organization, canonical: nil)
        let right = Name(first: and + 1, last: name.last, type: .organization, canonical: nil)
        func endsAsBody(_ part: Name) -> Bool {
            let last = word(part.last)
            return EntityWords.organizationSuffixes.contains(last) || EntityWords.legalForms.contains(last)
        }
        if known(left) != nil || known(right) != nil { return [known(left) ?? left, known(right) ?? right] }
        // "Air Force and Navy", "Navy and Army": two services.
        func isService(_ part: Name) -> Bool {
            let words = (part.first...part.last).map(word).filter { $0 != "u.s." }
            return Self.services.contains(words.joined(separator: " "))
        }
        if isService(left), isService(right) { return [left, right] }
        // A legal form alone before "and" ends a name the tagger left out ("McDonald's Corp and Starbucks Corp").
        if left.first == left.last, isSuffix(left.first), right.last > right.first { return [left, right] }
        guard left.last > left.first, right.last > right.first, endsAsBody(left) || endsAsBody(right) else { return [name] }
        return [left, right]
    }

    /// Last words of railways and other lines named for the places they join.
    static let lineWords: Set<String> = ["railway", "railroad", "line", "canal", "turnpike", "highway", "pipeline"]
    /// Words of direction that name part of a place ("Central and Eastern Europe").
    static let directions: Set<String> = [
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper", "lower", "inner", "outer",
    ]

    /// Armed services, which news joins with "and" ("Navy and Air Force").
    static let services: Set<String> = ["army", "navy", "air force", "marines", "marine corps", "coast guard", "space force", "national guard"]
}
