/// Titles and the names they stand by, whatever the tagger made of them:
/// - a title and its department before a person are no part of the name ("Defense Secretary |
///   Gilberto Teodoro"), nor is an office named across "of", "for" and "and" ("High Commissioner for
///   Refugees | Filippo Grandi");
/// - a body's name, a title and a person's name run together are three ("NASA | Administrator | Bill
///   Nelson").
extension EntityRecognizer {
    /// A name that starts with a title and its department ("Defense Secretary Gilberto Teodoro",
    /// "State Antony J. Blinken" after "Secretary of") is the person after them; a person made of
    /// them alone is no name. A rank of nobility before "of" is part of the name ("Prince of Wales").
    /// - Parameter gazetteerAt: the gazetteer's names by first token.
    func withoutTitle(_ name: Name, _ gazetteerAt: [Int: RuleSpan]) -> Name? {
        // A place the gazetteer knows keeps a first word like a title ("General Santos").
        if name.type == .location, name.canonical != nil, name.last > name.first { return name }
        let tokens = text.tokenized.tokens
        func isTitle(_ index: Int) -> Bool { EntityWords.titles.contains(word(index)) }
        func isTitleWord(_ index: Int) -> Bool { isTitle(index) || EntityWords.titleDepartments.contains(word(index)) }
        // A title just before the name: its department words inside the name go with it.
        var titleSeen = name.first > 0 && (isTitle(name.first - 1)
            || (word(name.first - 1) == "of" && name.first > 1 && isTitle(name.first - 2)))
        // Or further back, its office named across "of", "for" and "and" ("Under Secretary of Commerce
        // for Industry and | Security Alan Estevez").
        let officeBefore = !titleSeen && hasOfficeBefore(name.first)
        titleSeen = titleSeen || officeBefore
        var first = name.first
        // Whether the words so far name an office's field ("for | Human Rights"), which goes with the
        // title too: common nouns after "of", "for" or "and", leaving two words for the person
        // ("High Commissioner for Refugees | Filippo Grandi").
        var inField = false
        while first <= name.last {
            if isTitleWord(first) {
                if word(first) == "of", first > name.first, EntityWords.nobility.contains(word(first - 1)) { return name }
                if isTitle(first) { titleSeen = true }
                inField = Self.officeJoiners.contains(word(first))
            } else if titleSeen, name.last - first >= 2, inField || (first > 0 && Self.officeJoiners.contains(word(first - 1))),
                      gazetteerAt[first] == nil, isCommonNoun(first) {
                inField = true
            } else {
                break
            }
            first += 1
        }
        // What follows an office's words is a person's name only if it starts like one ("Health and |
        // Social Care" is the office's still).
        if officeBefore, first <= name.last, isCommonNoun(first) { return name }
        // A name's department words just before a title go with the title ("Pakistani Foreign Minister").
        var last = name.last
        if last + 1 < tokens.count, isTitle(last + 1), !isTitle(last) {
            while last > first, EntityWords.titleDepartments.contains(word(last)), !isTitle(last) { last -= 1 }
        }
        if first == name.first, last < name.last { return Name(first: first, last: last, type: name.type, canonical: nil) }
        // A body named with a title ("Premier League") keeps it.
        guard first > name.first, titleSeen, !EntityWords.organizationSuffixes.contains(word(name.last)) else { return name }
        // Department words alone after a title ("Secretary of Defense") are no name.
        guard first <= last else { return nil }
        return Name(first: first, last: last, type: .person, canonical: nil)
    }

    /// The words that join an office's parts: "Minister | of | Foreign Affairs | and | Trade".
    private static let officeJoiners: Set<String> = ["of", "for", "and"]

    /// Whether a title stands before token `index` with its office between, named across "of", "for"
    /// or "and" in its department's words and common nouns: "Under Secretary of Commerce for Industry
    /// and", "High Commissioner for". Looks back at most eight words, none across punctuation.
    private func hasOfficeBefore(_ index: Int) -> Bool {
        let tokens = text.tokenized.tokens
        var before = index - 1
        guard before >= 1, Self.officeJoiners.contains(word(before)), !tokens[index].flags.contains(.punctuationBefore) else { return false }
        while before >= 0, index - before <= 8, !tokens[before + 1].flags.contains(.punctuationBefore) {
            let folded = word(before)
            if EntityWords.titles.contains(folded), tokens[before].flags.contains(.capitalized) { return true }
            // The office's words: its department's, or a common noun after "of", "for" or "and".
            let isOfficeWord = EntityWords.titleDepartments.contains(folded)
                || (tokens[before].flags.contains(.capitalized) && before > 0 && Self.officeJoiners.contains(word(before - 1)) && isCommonNoun(before))
            guard isOfficeWord else { return false }
            before -= 1
        }
        return false
    }

    /// A body's or a place's name, a title and a person's name run together are two names: "NASA |
    /// Administrator | Bill Nelson", "Bank of England Deputy | Governor | Andrew Bailey" (the title's
    /// modifiers go with it). The person's name has two words or more, each capitalised.
    /// - Parameter gazetteerAt: the gazetteer's names by first token.
    func partedAtInnerTitle(_ name: Name, _ gazetteerAt: [Int: RuleSpan]) -> [Name] {
        guard name.last - name.first >= 3, name.canonical == nil else { return [name] }
        let tokens = text.tokenized.tokens
        func isPersonWord(_ index: Int) -> Bool {
            let flags = tokens[index].flags, folded = word(index)
            return flags.contains(.capitalized) && !flags.contains(.allCaps) && !Self.innerTitles.contains(folded)
                && !EntityWords.organizationSuffixes.contains(folded) && !EntityWords.placeSuffixes.contains(folded)
        }
        guard let title = (name.first + 1...name.last - 2).last(where: { Self.innerTitles.contains(word($0)) && tokens[$0].flags.contains(.capitalized) }),
              (title + 1...name.last).allSatisfy(isPersonWord) else { return [name] }
        var bodyLast = title - 1
        while bodyLast >= name.first, Self.titleModifiers.contains(word(bodyLast)) { bodyLast -= 1 }
        // Titles and their departments alone before it are the title's ("Prime | Minister", "Defense | Secretary").
        guard bodyLast >= name.first, (name.first...bodyLast).contains(where: {
            !Self.innerTitles.contains(word($0)) && !EntityWords.titleDepartments.contains(word($0))
        }) else { return [name] }
        let known = gazetteerAt[name.first].flatMap { $0.last == bodyLast ? $0 : nil }
        let body = Name(first: name.first, last: bodyLast, type: known?.type ?? (name.type == .person ? .organization : name.type),
                        canonical: known?.canonical)
        return [body, Name(first: title + 1, last: name.last, type: .person, canonical: nil)]
    }

    /// Titles a name may hold between a body's name and a person's: the title list's and offices'.
    private static let innerTitles = EntityWords.titles.union([
        "administrator", "undersecretary", "coordinator", "inspector", "superintendent", "commandant", "president", "director",
    ])
    /// Words before a title that go with it ("Deputy Governor", "Press Secretary").
    private static let titleModifiers: Set<String> = [
        "press", "deputy", "assistant", "acting", "senior", "former", "vice", "executive", "chief", "under", "first", "managing",
    ]
}
