/// A town or a city that sport news names is often its club: "played for Coburg", "signed with North
/// Melbourne", "Leicester striker Jamie Vardy". Annotated news types those as organisations, and a
/// country as a place still (its national side, as annotated).
///
/// A text that reads as a sports report (several words only sport uses: league, striker, innings)
/// says more: there a town is its club when it plays ("against Chelsea", "Liverpool beat", "Liverpool
/// have", "second-place Liverpool", "Stoke City" with a club's last word), and a town named as a club
/// once is the club wherever the report names it, but after "in", "at" or "from".
extension EntityRecognizer {
    /// The names, with a town or a city retyped as its club where the words around it say sport.
    func withSportsClubs(_ names: [Name], _ wordHashes: [UInt64]) -> [Name] {
        let tokens = text.tokenized.tokens
        // Beside a name at the text's edge there is no word.
        func wordOrNone(_ index: Int) -> String { index >= 0 && index < tokens.count ? word(index) : "" }
        let report = isSportsReport(wordHashes)
        // In a report, a town the tagger took for a surname ("against Bolton") may be a club too.
        let town = EntityTags.tag(.location, .unit)
        var clubs = Set<[UInt64]>()
        var retyped = names.map { name in
            let before = wordOrNone(name.first - 1), twoBefore = wordOrNone(name.first - 2)
            if report, name.type == .person, name.first == name.last, rules.gazetteerTags[name.first] == town, Self.playedBefore.contains(before) {
                clubs.insert([wordHashes[name.first]])
                return Name(first: name.first, last: name.last, type: .organization, canonical: nil)
            }
            guard name.type == .location, !isCountryLike(name) else { return name }
            let afterVerb = EntityWords.joiningVerbs.contains(before)
                || (["for", "with", "to", "at"].contains(before) && EntityWords.playingVerbs.contains(twoBefore))
            let beforeRole = EntityWords.sportsRoles.contains(wordOrNone(name.last + 1)) && !tokens[name.last].flags.contains(.possessive)
            guard afterVerb || beforeRole || (report && playsInReport(name, before: before, twoBefore: twoBefore, after: wordOrNone(name.last + 1)))
            else { return name }
            clubs.insert(Array(wordHashes[name.first...name.last]))
            return Name(first: name.first, last: name.last, type: .organization, canonical: nil)
        }
        guard report, !clubs.isEmpty else { return retyped }
        for index in retyped.indices where retyped[index].type == .location {
            let name = retyped[index]
            guard clubs.contains(Array(wordHashes[name.first...name.last])), !Self.placePrepositions.contains(wordOrNone(name.first - 1)) else { continue }
            retyped[index] = Name(first: name.first, last: name.last, type: .organization, canonical: nil)
        }
        return retyped
    }

    /// Whether, in a sports report, the words around a town say it plays: "against X", "X beat",
    /// "X have" (a club takes a plural verb), "second-place X", or a club's last word the gazetteer
    /// does not know as part of the place ("Stoke City", "Sheffield United").
    private func playsInReport(_ name: Name, before: String, twoBefore: String, after: String) -> Bool {
        if Self.playedBefore.contains(before) || Self.playedAfter.contains(after) { return true }
        if before == "place" || before == "placed", EntityWords.ordinals.contains(twoBefore) || twoBefore == "top" || twoBefore == "bottom" {
            return true
        }
        return name.last > name.first && name.canonical == nil
            && Self.clubLastWords.contains(text.tokenized.foldedWord(text.tokenized.tokens[name.last]))
    }

    /// Whether the text reads as a sports report: three different words that only sport uses.
    private func isSportsReport(_ wordHashes: [UInt64]) -> Bool {
        var seen = Set<UInt64>()
        for hash in wordHashes where Self.sportWordHashes.contains(hash) {
            seen.insert(hash)
            if seen.count >= 3 { return true }
        }
        return false
    }

    /// Whether a place is a country, a capital, a continent or another place a national side is named for.
    private func isCountryLike(_ name: Name) -> Bool {
        guard let canonical = name.canonical, let kind = gazetteer.kind(of: canonical) else { return false }
        return ["country", "nation", "territory", "continent", "capital"].contains(kind)
    }

    private static let sportWords: Set<String> = [
        "league", "striker", "midfielder", "defender", "goalkeeper", "goalscorer", "goal", "goals", "scored", "penalty",
        "referee", "draw", "drew", "fixture", "fixtures", "kickoff", "playoff", "playoffs", "innings", "wicket", "wickets",
        "batsman", "bowler", "touchdown", "quarterback", "inning", "pitcher", "rebounds", "soccer", "football", "rugby",
        "cricket", "basketball", "hockey", "baseball", "season", "championship", "tournament", "squad", "coach",
    ]
    private static let sportWordHashes = Set(sportWords.map { FeatureHasher.hash(Array($0.utf8)[...]) })
    /// Words before a club that plays: "against Chelsea", "hosts Leeds", "leaders Liverpool".
    private static let playedBefore: Set<String> = [
        "against", "versus", "vs", "v", "host", "hosts", "hosted", "hosting", "visiting", "face", "faces", "faced", "facing",
        "play", "plays", "leaders", "champions", "holders", "rivals", "promoted", "relegated",
    ]
    /// Words after a club: "Liverpool beat", "Liverpool have".
    private static let playedAfter: Set<String> = [
        "beat", "defeated", "drew", "thrashed", "edged", "have", "are", "were", "lead", "trail", "trailed",
    ]
    /// Last words of clubs named for their towns.
    private static let clubLastWords: Set<String> = [
        "city", "united", "rovers", "athletic", "wanderers", "albion", "county", "rangers", "hotspur", "wednesday", "argyle",
    ]
    /// Words before a town that name the place, not the club.
    private static let placePrepositions: Set<String> = ["in", "at", "from", "near", "outside", "around", "across", "of"]
}
