/// Military places and ranks as defence news writes them.
///
/// Bases are places whoever they are named after:
/// - the kind of base first: "Naval Air Station Pensacola", "Joint Base Lewis-McChord", "RAF
///   Lakenheath", "Marine Corps Base Camp Pendleton";
/// - the kind of base last: "Ramstein Air Base", "Ellsworth Air Force Base", "Holloman AFB",
///   "North Island Naval Air Station".
/// A base's name is up to four capitalised words run on to the kind; a name the tagger ran into it
/// from outside ("Senior Airman Atoa Ripley of Ellsworth Air Force") is cut where the base begins.
/// Posts ("Fort Jackson", "Camp Lejeune") and ranks ("Senior Airman") are read with the other named
/// things (`NamedThings.swift`), from the words here.
extension EntityRecognizer {
    func withMilitaryBases(_ names: [Name]) -> [Name] {
        let tokens = text.tokenized.tokens
        var bases: [Name] = []
        var index = 0
        while index < tokens.count {
            // Most capitalised words start no kind of base: one look-up turns them away.
            guard tokens[index].flags.hasCapital, Self.kindFirstWords.contains(text.tokenized.foldedWord(tokens[index])),
                  let base = base(at: index) else { index += 1; continue }
            bases.append(base)
            index = base.last + 1
        }
        return bases.isEmpty ? names : placing(bases, among: names)
    }

    /// The base whose kind starts at `index` ("Naval Air Station" + name), or ends at the kind that
    /// starts there (name + "Air Force Base").
    private func base(at index: Int) -> Name? {
        let tokens = text.tokenized.tokens
        for kind in Self.kindsFirst {
            guard let kindLast = matches(kind, at: index) else { continue }
            var last = kindLast
            while last + 1 < tokens.count, last - kindLast < 4, continuesName(last + 1) { last += 1 }
            if last > kindLast { return Name(first: index, last: last, type: .location, canonical: nil) }
        }
        for kind in Self.kindsLast {
            guard let kindLast = matches(kind, at: index, baseInLowerCase: true), index > 0, continuesName(index) else { continue }
            // Back over the base's own name; its first word may start the sentence ("Ramstein Air Base
            // is …"), but a capitalised "The" there is no part of it.
            var first = index
            while first > 0, index - first < 4, continuesName(first), tokens[first - 1].flags.hasCapital { first -= 1 }
            if EntityWords.headlineSmallWords.contains(text.tokenized.foldedWord(tokens[first])) { first += 1 }
            guard first < index else { continue }
            return Name(first: first, last: kindLast, type: .location, canonical: nil)
        }
        return nil
    }

    /// The last token of `words` if the capitalised words from `index` are they. With
    /// `baseInLowerCase`, a last "base" after the kind's other words may be in lower case ("Al Asad
    /// Air base").
    private func matches(_ words: [String], at index: Int, baseInLowerCase: Bool = false) -> Int? {
        let tokens = text.tokenized.tokens
        guard index + words.count <= tokens.count else { return nil }
        for (offset, word) in words.enumerated() {
            let at = index + offset
            let lowerCaseBase = baseInLowerCase && offset > 0 && offset == words.count - 1 && word == "base"
                && tokens[at].flags.isDisjoint(with: [.punctuationBefore, .sentenceStart])
            guard tokens[at].flags.hasCapital || lowerCaseBase, text.tokenized.foldedWord(tokens[at]) == word,
                  offset == 0 || continuesName(at) || lowerCaseBase else { return nil }
        }
        return index + words.count - 1
    }

    /// Whether token `index` carries a name on from the one before: capitalised, with only a space or
    /// a hyphen between them, in one sentence.
    private func continuesName(_ index: Int) -> Bool {
        isCapitalisedRunOn(index) || (text.joinedByHyphen(index) && text.tokenized.tokens[index].flags.hasCapital)
    }

    /// The names with each base in place: names inside it go, and one reaching into it from outside
    /// is cut at its edge (with any "of" it is left ending in). Bases do not overlap one another.
    private func placing(_ bases: [Name], among names: [Name]) -> [Name] {
        var kept: [Name] = []
        var baseIndex = 0
        for var name in names.sorted(by: { $0.first < $1.first }) {
            while baseIndex < bases.count, bases[baseIndex].last < name.first { baseIndex += 1 }
            guard baseIndex < bases.count, bases[baseIndex].first <= name.last else { kept.append(name); continue }
            let base = bases[baseIndex]
            if name.first < base.first {
                var before = Name(first: name.first, last: base.first - 1, type: name.type, canonical: nil)
                while before.last >= before.first, !text.tokenized.tokens[before.last].flags.hasCapital { before.last -= 1 }
                if before.last >= before.first { kept.append(before) }
            }
            if name.last > base.last {
                name.first = base.last + 1
                name.canonical = nil
                if text.tokenized.tokens[name.first].flags.hasCapital { kept.append(name) }
            }
        }
        return (kept + bases).sorted { $0.first < $1.first }
    }

    /// Kinds of base named before the base's own name.
    private static let kindsFirst: [[String]] = [
        ["marine", "corps", "air", "station"], ["marine", "corps", "base"], ["naval", "air", "station"],
        ["naval", "support", "activity"], ["naval", "station"], ["naval", "base"], ["joint", "base"], ["raf"],
    ]
    /// The words kinds of base start with.
    private static let kindFirstWords = Set((kindsFirst + kindsLast).compactMap(\.first))
    /// Kinds of base named after it.
    private static let kindsLast: [[String]] = [
        ["air", "national", "guard", "base"], ["air", "reserve", "base"], ["air", "force", "base"], ["space", "force", "base"],
        ["naval", "air", "station"], ["army", "airfield"], ["air", "base"], ["afb"],
    ]

    /// Where the name goes on after the rank that starts it, if one does and ends in a rank's own
    /// word ("Senior Airman", "Petty Officer 3rd Class", "Staff Sgt."; not "Senior" or "Staff" alone).
    func afterRank(_ name: Name) -> Int? {
        var index = name.first, rankEnd: Int?
        while index <= name.last {
            if isRankClass(index) {
                index += 2
            } else if Self.rankWords.contains(text.tokenized.foldedWord(text.tokenized.tokens[index])) {
                index += 1
            } else if Self.rankModifiers.contains(text.tokenized.foldedWord(text.tokenized.tokens[index])) {
                index += 1
                continue
            } else {
                break
            }
            rankEnd = index
        }
        return rankEnd
    }

    /// Whether a name's last word makes it a body ("Cadet Command"), which keeps a rank it is named for.
    func isBodyWord(_ word: String) -> Bool {
        EntityWords.organizationSuffixes.contains(word) || EntityWords.unitWords.contains(word) || EntityWords.governmentBodies.contains(word)
    }

    /// "3rd Class", "First Class" after "Petty Officer", "Cadet", "Airman": the class is part of the rank.
    private func isRankClass(_ index: Int) -> Bool {
        let tokens = text.tokenized.tokens
        guard index + 1 < tokens.count, text.tokenized.foldedWord(tokens[index + 1]) == "class" else { return false }
        let word = text.tokenized.foldedWord(tokens[index])
        return EntityWords.ordinals.contains(word) || (tokens[index].flags.contains(.hasDigit) && word.count <= 4)
    }

    /// Military ranks and their words that the tagger may take into a name ("Senior Airman", "Petty
    /// Officer", "Ensign"); titles the cue rules know already part names before the tagger sees them.
    static let rankWords: Set<String> = [
        "airman", "ensign", "cadet", "midshipman", "seaman", "officer", "lieut", "spc", "pfc", "sgt", "lt", "capt", "maj",
        "col", "gen", "adm", "cmdr", "cpl", "pvt", "specialist",
    ]
    /// Words that go before a rank's own word ("Senior Airman", "Staff Sgt.", "Petty Officer").
    static let rankModifiers: Set<String> = ["senior", "staff", "master", "chief", "petty", "first", "command", "lance", "private"]
    /// Words that name a military post after someone or something ("Fort Bragg", "Camp Lejeune").
    static let postPrefixes: Set<String> = ["fort", "camp"]
}
