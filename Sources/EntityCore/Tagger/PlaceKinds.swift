/// Names that the word before them types:
/// - a place named after its kind in lower case is a place, whatever the tagger made of it: "the
///   city of Marib", "the port of Hudaydah", "the province of Helmand";
/// - a federal court's district is a body, as court and justice news names it: "the U.S. Attorney
///   for the Eastern District of Virginia", "an indictment returned in the District of Minnesota";
///   so is the Army's "Military District of Washington". "The District of Columbia" is the capital,
///   a place.
/// A name that reaches out of such a span is left as it is, and so is a body inside "city of".
extension EntityRecognizer {
    func withNamesTypedByKind(_ names: [Name]) -> [Name] {
        let tokens = text.tokenized.tokens
        var spans: [Name] = []
        var index = 0
        while index + 2 < tokens.count {
            if let span = placeAfterKind(at: index) ?? courtDistrict(at: index) {
                spans.append(span)
                index = span.last + 1
            } else {
                index += 1
            }
        }
        return spans.isEmpty ? names : typing(names, as: spans)
    }

    /// "city of" + up to four capitalised words run on from the first, starting at `index`.
    private func placeAfterKind(at index: Int) -> Name? {
        let tokens = text.tokenized.tokens
        guard !tokens[index].flags.hasCapital, Self.placeKinds.contains(word(index)), word(index + 1) == "of",
              tokens[index + 2].flags.contains(.capitalized),
              tokens[index + 1].flags.isDisjoint(with: [.punctuationBefore, .sentenceStart]),
              tokens[index + 2].flags.isDisjoint(with: [.punctuationBefore, .sentenceStart]) else { return nil }
        var last = index + 2
        while last - index < 5, isCapitalisedRunOn(last + 1) { last += 1 }
        return Name(first: index + 2, last: last, type: .location, canonical: nil)
    }

    /// "District of" + a US state's name, with the word before that qualifies it, if there is one.
    private func courtDistrict(at index: Int) -> Name? {
        let tokens = text.tokenized.tokens
        guard tokens[index].flags.contains(.capitalized), word(index) == "district", word(index + 1) == "of",
              tokens[index + 2].flags.contains(.capitalized) else { return nil }
        guard let state = Self.stateWords.first(where: { state in
            index + 2 + state.count <= tokens.count && state.indices.allSatisfy { word(index + 2 + $0) == state[$0] }
        }) else { return nil }
        let qualified = index > 0 && tokens[index - 1].flags.contains(.capitalized) && Self.districtQualifiers.contains(word(index - 1))
            && !tokens[index].flags.contains(.punctuationBefore)
        return Name(first: qualified ? index - 1 : index, last: index + 1 + state.count, type: .organization, canonical: nil)
    }

    /// The names with each span in place of those inside it, unless a name runs out of it.
    private func typing(_ names: [Name], as spans: [Name]) -> [Name] {
        let owner = owners(of: names)
        var removed = [Bool](repeating: false, count: names.count)
        var added: [Name] = []
        for var span in spans {
            let inside = Set((span.first...span.last).compactMap { owner[$0] >= 0 ? owner[$0] : nil })
            guard inside.allSatisfy({ names[$0].first >= span.first && names[$0].last <= span.last }) else { continue }
            // After "city of", a body named as one stays one ("the city of Chicago Police Department").
            if span.type == .location, inside.contains(where: { names[$0].type == .organization
                && (names[$0].canonical != nil || EntityWords.organizationSuffixes.contains(word(names[$0].last))) }) { continue }
            // A place the gazetteer knew keeps its entry.
            if inside.count == 1, let known = inside.first, names[known].first == span.first, names[known].last == span.last,
               names[known].type == span.type {
                span.canonical = names[known].canonical
            }
            for number in inside { removed[number] = true }
            added.append(span)
        }
        return (names.indices.filter { !removed[$0] }.map { names[$0] } + added).sorted { $0.first < $1.first }
    }

    private func word(_ index: Int) -> String { text.tokenized.foldedWord(text.tokenized.tokens[index]) }

    /// Kinds of place that name one after "of" in running text.
    private static let placeKinds: Set<String> = [
        "city", "town", "village", "port", "province", "region", "governorate", "capital", "municipality", "island",
        "state", "county", "district", "prefecture", "oblast",
    ]
    /// Words before "District" that are part of its name: the courts' compass points, and the Army's
    /// "Military District of Washington".
    private static let districtQualifiers: Set<String> = ["eastern", "western", "northern", "southern", "central", "middle", "military"]
    /// The states' names as folded words, longest first ("West Virginia" before "Virginia"), without
    /// Columbia, whose district is the capital.
    private static let stateWords: [[String]] = Set(stateNames.values).map { $0.lowercased().split(separator: " ").map(String.init) }
        .sorted { $0.count > $1.count || ($0.count == $1.count && $0.joined() < $1.joined()) }
}
