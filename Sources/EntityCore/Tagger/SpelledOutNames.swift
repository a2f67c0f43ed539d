/// Names whose extent their own writing gives, where the tagger cut them short or into pieces:
/// - the words before an acronym in brackets that it abbreviates are one name ("Institute for the
///   Study of War (ISW)"), lower-case connectors and all: an organisation, unless the gazetteer knows
///   it as something else ("Republic of Korea (ROK)");
/// - an ordinal before capitalised words that end in a unit is a military unit ("3rd Infantry
///   Division", "82nd Airborne Division", "Seventh Fleet"): numbers are otherwise no part of a name.
/// Names found inside such a span give way to it; one reaching out of it keeps the span from being
/// made, and so does a person inside an acronym's ("Mark Pritchard (MP)" is no organisation).
extension EntityRecognizer {
    /// - Parameter gazetteerAt: the gazetteer's names by their first token.
    func withSpelledOutNames(_ names: [Name], _ gazetteerAt: [Int: RuleSpan]) -> [Name] {
        let tokens = text.tokenized.tokens
        var added: [(name: Name, peopleGiveWay: Bool)] = []
        var index = 0
        while index < tokens.count {
            if let name = spelledOutBeforeAcronym(index, gazetteerAt) {
                added.append((name, false))
            } else if let unit = militaryUnit(startingAt: index) {
                added.append((unit, true))
                index = unit.last
            }
            index += 1
        }
        guard !added.isEmpty else { return names }
        return replacing(names, with: added)
    }

    /// The names with each added span in place of the names inside it, unless one reaches out of it
    /// (or, unless `peopleGiveWay`, a person is inside it).
    func replacing(_ names: [Name], with added: [(name: Name, peopleGiveWay: Bool)]) -> [Name] {
        let owner = owners(of: names)
        var removed = [Bool](repeating: false, count: names.count)
        var kept: [Name] = []
        for (span, peopleGiveWay) in added {
            let inside = Set((span.first...span.last).compactMap { owner[$0] >= 0 ? owner[$0] : nil })
            guard inside.allSatisfy({ names[$0].first >= span.first && names[$0].last <= span.last && !removed[$0]
                && (peopleGiveWay || names[$0].type != .person) }) else { continue }
            for number in inside { removed[number] = true }
            kept.append(span)
        }
        return (names.indices.filter { !removed[$0] }.map { names[$0] } + kept).sorted { $0.first < $1.first }
    }

    /// The name spelt out before the acronym at `index`, if the acronym is in brackets and the words
    /// just before it, with nothing but spaces between them, abbreviate to it. A country's or a body's
    /// full name the gazetteer knows keeps its entry ("Republic of Korea (ROK)" is a place), and the
    /// acronym then takes the same.
    private func spelledOutBeforeAcronym(_ index: Int, _ gazetteerAt: [Int: RuleSpan]) -> Name? {
        let tokens = text.tokenized.tokens
        guard index > 1, isBracketedAcronym(index) else { return nil }
        var longest: Name?
        var first = index - 1
        // Back over capitalised words and connectors, a dozen words at most, never across punctuation.
        while first >= 0, index - first <= 12 {
            let capitalised = tokens[first].flags.hasCapital
            guard capitalised || EntityWords.insideNames.contains(word(first)) else { break }
            if capitalised, first < index - 1, abbreviates(index, Name(first: first, last: index - 1, type: .organization, canonical: nil)) {
                longest = Name(first: first, last: index - 1, type: .organization, canonical: nil)
            }
            // A hyphen alone joins words of one name ("Tehreek-e-Taliban Pakistan (TTP)").
            if first == 0 || tokens[first].flags.contains(.sentenceStart)
                || (tokens[first].flags.contains(.punctuationBefore) && !text.joinedByHyphen(first)) { break }
            first -= 1
        }
        if let name = longest, let known = gazetteerAt[name.first], known.last == name.last {
            return Name(first: name.first, last: name.last, type: known.type, canonical: known.canonical)
        }
        return longest
    }

    /// A military unit from the ordinal at `index` ("3rd", "82nd", "101st") to the last unit word of
    /// the capitalised words after it, at most four.
    private func militaryUnit(startingAt index: Int) -> Name? {
        let tokens = text.tokenized.tokens
        guard isOrdinal(tokens[index]) else { return nil }
        var last: Int?
        var next = index + 1
        while next < tokens.count, next - index <= 4, tokens[next].flags.contains(.capitalized),
              tokens[next].flags.isDisjoint(with: [.punctuationBefore, .hasDigit]) {
            if EntityWords.unitWords.contains(text.tokenized.foldedWord(tokens[next])) { last = next }
            next += 1
        }
        return last.map { Name(first: index, last: $0, type: .organization, canonical: nil) }
    }

    /// Digits and then "st", "nd", "rd" or "th", or an ordinal written out ("Seventh Fleet").
    private func isOrdinal(_ token: Token) -> Bool {
        guard token.flags.contains(.hasDigit) else {
            return token.flags.contains(.capitalized) && EntityWords.ordinals.contains(text.tokenized.foldedWord(token))
        }
        let bytes = text.utf8[Int(token.byteStart)..<Int(token.byteEnd)]
        let digits = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }
        let suffix = bytes.dropFirst(digits.count).map { $0 | 0x20 }
        return !digits.isEmpty && digits.count <= 4 && [[0x73, 0x74], [0x6E, 0x64], [0x72, 0x64], [0x74, 0x68]].contains(suffix)
    }
}
