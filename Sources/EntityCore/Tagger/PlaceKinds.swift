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
        let changes = changing(spans, among: names)
        return changes.isEmpty ? names : replacing(names, with: changes.map { ($0, true) })
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

    /// The spans that change something: not a name that is already the span (it keeps its gazetteer
    /// entry), and not a body named as one after "city of" ("the city of Chicago Police Department").
    private func changing(_ spans: [Name], among names: [Name]) -> [Name] {
        let owner = owners(of: names)
        return spans.filter { span in
            let inside = Set((span.first...span.last).compactMap { owner[$0] >= 0 ? owner[$0] : nil }).map { names[$0] }
            if inside.count == 1, let name = inside.first, name.first == span.first, name.last == span.last, name.type == span.type {
                return false
            }
            return span.type != .location || !inside.contains { $0.type == .organization
                && ($0.canonical != nil || EntityWords.organizationSuffixes.contains(word($0.last))) }
        }
    }

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
