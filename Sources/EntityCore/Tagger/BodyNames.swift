/// Bodies' names as their words make them, whatever the tagger made of them:
/// - a ministry's, department's or office's name goes on across "and", "of" or "for" to the field it
///   covers, when that is a plural or a field of government ("Ministry of Energy and Natural
///   Resources", "Office for the Coordination of Humanitarian Affairs"); a body's name that stops at
///   its head word goes on across "of", "for" or "on" ("Institute for the Study of War");
/// - a place run into words ending in a unit or a service is that force ("Sudan Armed Forces"); a
///   department or an agency named with its country's short form first is one body ("U.S.
///   Department of the Treasury");
/// - "General" before a word such as Dynamics or Mills names a company, not a general ("General
///   Atomics").
extension EntityRecognizer {
    /// A body named with its country's short form first is one body, as annotated news has it: "U.S.
    /// Department of the Treasury", "U.S. Justice Department", "U.S. House", "UK Home Office". Where
    /// the tagger parted the country from the body, they are joined again, and where it took them
    /// for a place, they are a body. A country named in full
    /// before a body ("Russia | Foreign Ministry") is left as the tagger read it.
    func withCountriesJoinedToTheirBodies(_ names: [Name]) -> [Name] {
        let tokens = text.tokenized.tokens
        var shortForms = Set<Int>()
        for span in rules.gazetteerNames where span.type == .location && span.first == span.last
            && tokens[span.first].flags.contains(.allCaps) {
            if let canonical = span.canonical, ["country", "nation"].contains(gazetteer.kind(of: canonical) ?? "") { shortForms.insert(span.first) }
        }
        guard !shortForms.isEmpty else { return names }
        let owner = owners(of: names)
        var joined = names
        var dropped = [Bool](repeating: false, count: names.count)
        for (number, name) in names.enumerated() {
            // The tagger took the two for one name, but a place ("U.S. House").
            if name.type != .organization, shortForms.contains(name.first), name.last > name.first, isCivilBody(name.first + 1...name.last) {
                joined[number].type = .organization
                joined[number].canonical = nil
                continue
            }
            guard name.type == .organization, name.first > 0 else { continue }
            let country = owner[name.first - 1]
            guard country >= 0, shortForms.contains(name.first - 1), names[country].first == name.first - 1,
                  names[country].last == name.first - 1, names[country].type == .location,
                  !tokens[name.first].flags.contains(.punctuationBefore), isCivilBody(name.first...name.last) else { continue }
            joined[number] = Name(first: name.first - 1, last: name.last, type: .organization, canonical: nil)
            dropped[country] = true
        }
        return zip(joined, dropped).filter { !$0.1 }.map(\.0)
    }

    /// Whether the words are a civil body's own name: a department's, a ministry's, an agency's or a
    /// survey's, or a legislature's or a government's alone.
    private func isCivilBody(_ words: ClosedRange<Int>) -> Bool {
        let folded = words.map { text.tokenized.foldedWord(text.tokenized.tokens[$0]) }
        guard let first = folded.first, let last = folded.last else { return false }
        if EntityWords.departmentWords.contains(first) || ["ministry", "department"].contains(last) { return true }
        if folded.count == 1, ["congress", "parliament", "senate", "house", "government"].contains(first) { return true }
        return ["agency", "administration", "bureau", "service", "survey", "centre", "center", "commission"].contains(last)
            || zip(folded, folded.dropFirst()).contains { ["agency", "bureau"].contains($0) && ["of", "for"].contains($1) }
    }

    /// The names (in text order), with a place (or a one-word body) run into capitalised words ending
    /// in a unit or a service made one organisation: "Sudan Armed Forces", "Quds Force".
    func withForcesNamedForPlaces(_ names: [Name]) -> [Name] {
        let tokens = text.tokenized.tokens
        let owner = owners(of: names)
        func continues(_ index: Int) -> Bool { isCapitalisedRunOn(index) && (owner[index] < 0 || names[owner[index]].type == .organization) }
        var dropped = [Bool](repeating: false, count: names.count)
        var result = names
        for (number, name) in names.enumerated() where !dropped[number]
            && (name.type == .location || (name.type == .organization && name.first == name.last))
            && !tokens[name.last].flags.contains(.possessive) {
            var last = name.last
            while continues(last + 1), last - name.last < 3 { last += 1 }
            // The run must end in the unit's word, and take in whole any name it reaches.
            while last > name.last, !EntityWords.serviceWords.contains(text.tokenized.foldedWord(tokens[last])) { last -= 1 }
            guard last > name.last, owner[last] < 0 || names[owner[last]].last == last else { continue }
            for index in (name.last + 1)...last where owner[index] >= 0 { dropped[owner[index]] = true }
            result[number] = Name(first: name.first, last: last, type: .organization, canonical: nil)
        }
        return zip(result, dropped).filter { !$0.1 }.map(\.0)
    }

    /// The names, with "General Dynamics" and the like made organisations in place of what overlaps them.
    func withBodiesNamedGeneral(_ names: [Name]) -> [Name] {
        let tokens = text.tokenized.tokens
        let owner = owners(of: names)
        var bodies: [Name] = []
        for index in tokens.indices.dropLast() where tokens[index].flags.contains(.capitalized) && tokens[index + 1].flags.contains(.capitalized)
            && !tokens[index + 1].flags.contains(.punctuationBefore) && text.tokenized.foldedWord(tokens[index]) == "general"
            && EntityWords.companiesAfterGeneral.contains(text.tokenized.foldedWord(tokens[index + 1])) {
            // A body found already stays ("U.N. General Assembly"); a name run on past it goes with it ("General Motors Co").
            let overlapping = Set([owner[index], owner[index + 1]].filter { $0 >= 0 }).map { names[$0] }
            if overlapping.contains(where: { $0.type == .organization && $0.first <= index && index + 1 <= $0.last }) { continue }
            let last = overlapping.filter { $0.first >= index }.map(\.last).max() ?? index + 1
            bodies.append(Name(first: index, last: max(last, index + 1), type: .organization, canonical: nil))
        }
        guard !bodies.isEmpty else { return names }
        var covered = [Bool](repeating: false, count: tokens.count)
        for body in bodies { for index in body.first...body.last { covered[index] = true } }
        return names.filter { name in !(name.first...name.last).contains { covered[$0] } } + bodies
    }

    /// The names (in text order) with each government body's name joined to the field after its
    /// "and", "of" or "for".
    func withBodiesJoined(_ names: [Name]) -> [Name] {
        let tokens = text.tokenized.tokens
        func isGovernmentBody(_ name: Name) -> Bool {
            name.type == .organization && (name.first...name.last).contains { EntityWords.governmentBodies.contains(text.tokenized.foldedWord(tokens[$0])) }
        }
        func joinsAField(_ body: Name) -> Bool {
            body.last + 2 < tokens.count && EntityWords.bodyJoiners.contains(text.tokenized.foldedWord(tokens[body.last + 1]))
                && !tokens[body.last + 1].flags.contains(.capitalized) && !tokens[body.last + 2].flags.contains(.punctuationBefore)
        }
        var result: [Name] = []
        for (number, name) in names.enumerated() {
            // (A field the tagger took for a place is one if the gazetteer does not know it: "Seismology".)
            if let body = result.last, isGovernmentBody(body), joinsAField(body), body.last + 2 == name.first, name.canonical == nil,
               name.last - name.first < 3, coversAField(name) {
                result[result.count - 1].last = name.last
                result[result.count - 1].canonical = nil
                continue
            }
            // "Scottish Fire | and | Rescue Service", "Fish | and | Wildlife Service": the fields a body
            // covers, named before its head word, are part of its name.
            if let fields = result.last, fieldsBeforeABody(fields, name) {
                result[result.count - 1] = Name(first: fields.first, last: name.last, type: .organization, canonical: nil)
                continue
            }
            var joined = name
            // The field may be no name of its own ("Ministry of Mines and Energy").
            let next = number + 1 < names.count ? names[number + 1].first : tokens.count
            if isGovernmentBody(name), joinsAField(name), name.last + 2 < next {
                var last = name.last + 1
                while last + 1 < next, last - name.last < 3, tokens[last + 1].flags.contains(.capitalized),
                      !tokens[last + 1].flags.contains(.punctuationBefore) { last += 1 }
                if last > name.last + 1, coversAField(Name(first: name.last + 2, last: last, type: .organization, canonical: nil)) {
                    joined.last = last
                    joined.canonical = nil
                }
            }
            result.append(joined)
        }
        return result
    }

    /// The names (in text order) with each body's name that stops at its head word run on across
    /// "of", "for" or "on" (and "the") to the capitalised words after it: "Institute for the Study of
    /// War", "University of Toronto"), a head word no name holds too ("Office of the Spokesperson"). It
    /// takes in the names it runs over, and stops at a person, and at a place after a name longer than
    /// its head ("Liberal Party of Nova Scotia").
    func withBodiesRunOn(_ names: [Name]) -> [Name] {
        let tokens = text.tokenized.tokens
        let owner = owners(of: names)
        func continues(_ index: Int) -> Bool { isCapitalisedRunOn(index) && (owner[index] < 0 || names[owner[index]].type != .person) }
        func isLowerCase(_ index: Int, _ words: Set<String>) -> Bool {
            index < tokens.count && !tokens[index].flags.hasCapital && !tokens[index].flags.contains(.punctuationBefore) && words.contains(word(index))
        }
        func isHead(_ index: Int) -> Bool { EntityWords.organizationHeads.contains(word(index)) || EntityWords.governmentBodies.contains(word(index)) }
        // A head word no name holds starts one if "of", "for" or "on" follows ("Office of the Spokesperson").
        let seeds = tokens.indices.filter { index in
            owner[index] < 0 && tokens[index].flags.contains(.capitalized) && !tokens[index].flags.contains(.allCaps) && isHead(index)
                && isLowerCase(index + 1, ["of", "for", "on"])
        }
        let candidates = names + seeds.map { Name(first: $0, last: $0, type: .organization, canonical: nil) }
        var dropped = [Bool](repeating: false, count: candidates.count)
        var result = candidates
        for (number, name) in candidates.enumerated() where name.type == .organization && !dropped[number] && isHead(name.last) {
            var last = name.last
            // A people's head word is a head word alone ("People's Bank of China").
            let headAlone = name.first == name.last || name.last == name.first + 1 && tokens[name.first].flags.contains(.possessive)
                && Self.possessivesInNames.contains(word(name.first))
            while isLowerCase(last + 1, ["of", "for", "on"]) {
                var next = last + 2
                if isLowerCase(next, ["the"]) { next += 1 }
                // A place after a longer body's name is where it is ("Liberal Party of Nova Scotia"); after a
                // head word alone, part of it ("University of Toronto").
                guard continues(next), headAlone || owner[next] < 0 || names[owner[next]].type != .location else { break }
                last = next
                while continues(last + 1) { last += 1 }
                // A name it runs into goes with it whole.
                if owner[last] >= 0 { last = max(last, names[owner[last]].last) }
            }
            guard last > name.last else {
                if number >= names.count { dropped[number] = true }
                continue
            }
            for index in (name.last + 1)...last where owner[index] >= 0 && owner[index] != number { dropped[owner[index]] = true }
            result[number] = Name(first: name.first, last: last, type: .organization, canonical: nil)
        }
        return zip(result, dropped).filter { !$0.1 }.map(\.0).sorted { $0.first < $1.first }
    }

    /// Whether a name's last word is a plural ("Resources", "Affairs"), a field of government
    /// ("Energy") or named like a field of knowledge or work ("Seismology", "Oceanography",
    /// "Management", "Aviation").
    private func coversAField(_ name: Name) -> Bool {
        let word = text.tokenized.foldedWord(text.tokenized.tokens[name.last])
        if EntityWords.fieldsOfGovernment.contains(word) { return true }
        if word.count > 6, Self.fieldEndings.contains(where: { word.hasSuffix($0) }) { return true }
        return word.count > 4 && word.hasSuffix("s") && !word.hasSuffix("ss") && !word.hasSuffix("us") && !word.hasSuffix("is")
    }

    private static let fieldEndings = ["ology", "ography", "nomy", "ment", "tion", "ism"]

    /// Whether `fields` and `body` are one body's name parted at its "and": the body's name ends in
    /// the head word of a public body or a college ("Rescue Service", "Technical College"), and the
    /// words before the "and" are no name of their own (no head word, nothing the gazetteer knows, no
    /// person). A company's ("Valeant Pharmaceuticals") is left alone: "William Ackman and Valeant
    /// Pharmaceuticals" are two.
    private func fieldsBeforeABody(_ fields: Name, _ body: Name) -> Bool {
        let tokens = text.tokenized.tokens
        guard fields.last + 2 == body.first, body.last > body.first, word(fields.last + 1) == "and",
              !tokens[fields.last + 1].flags.hasCapital, !tokens[fields.last + 1].flags.contains(.punctuationBefore),
              !tokens[body.first].flags.contains(.punctuationBefore), fields.canonical == nil, body.canonical == nil,
              fields.type != .person, body.type != .person else { return false }
        func isHead(_ index: Int) -> Bool {
            let folded = word(index)
            return EntityWords.governmentBodies.contains(folded) || EntityWords.organizationSuffixes.contains(folded)
                || EntityWords.organizationHeads.contains(folded)
        }
        let last = word(body.last)
        return (EntityWords.governmentBodies.contains(last) || last == "college") && !(fields.first...fields.last).contains(where: isHead)
    }
}
