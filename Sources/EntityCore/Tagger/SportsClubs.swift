/// A town or a city that sport news names is often its club: "played for Coburg", "signed with North
/// Melbourne", "Leicester striker Jamie Vardy". Annotated news types those as organisations, and a
/// country as a place still (its national side, as annotated).
extension EntityRecognizer {
    /// The names, with a town or a city retyped as its club where the words around it say sport.
    func withSportsClubs(_ names: [Name]) -> [Name] {
        let tokens = text.tokenized.tokens
        func word(_ index: Int) -> String { index >= 0 && index < tokens.count ? text.tokenized.foldedWord(tokens[index]) : "" }
        return names.map { name in
            guard name.type == .location, !isCountryLike(name) else { return name }
            let before = word(name.first - 1), twoBefore = word(name.first - 2)
            let afterVerb = EntityWords.joiningVerbs.contains(before)
                || (["for", "with", "to", "at"].contains(before) && EntityWords.playingVerbs.contains(twoBefore))
            let beforeRole = EntityWords.sportsRoles.contains(word(name.last + 1)) && !tokens[name.last].flags.contains(.possessive)
            guard afterVerb || beforeRole else { return name }
            return Name(first: name.first, last: name.last, type: .organization, canonical: nil)
        }
    }

    /// Whether a place is a country, a capital, a continent or another place a national side is named for.
    private func isCountryLike(_ name: Name) -> Bool {
        guard let canonical = name.canonical, let kind = gazetteer.kind(of: canonical) else { return false }
        return ["country", "nation", "territory", "continent", "capital"].contains(kind)
    }
}
