/// What news copy says by its layout rather than its sentences, as annotated news (MUC-7, CoNLL)
/// types it:
/// - a name joined by a hyphen to a lower-case word is part of an adjective, not a name of its own
///   ("U.S.-led", "Tripoli-based", "pro-Moscow");
/// - a dateline line ("LONDON 1996-12-06", "WHISTLER, British Columbia 1996-12-06") names places;
/// - "London Newsroom" is the agency's office, an organisation;
/// - in a results or standings row ("Leeds 2 Sheffield Wednesday 1", "Newcastle 17 10 3 4 33 17 33")
///   a town's name is its club; a country's stays a place (national sides, as annotated).
struct NewsLayout {
    let text: PreparedText
    let gazetteer: Gazetteer

    private var tokens: [Token] { text.tokenized.tokens }

    func apply(to names: inout [EntityRecognizer.Name]) {
        names.removeAll(where: inHyphenCompound)
        for line in lines() {
            if let places = datelinePlaces(line) { replace(&names, in: line, with: places) }
            if isTableRow(line) { clubsInRow(&names, line) }
        }
        newsrooms(&names)
        names.sort { $0.first < $1.first }
    }

    /// The token ranges of the text's lines.
    private func lines() -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for index in tokens.indices.dropFirst() where tokens[index].flags.contains(.lineStart) {
            result.append(start..<index)
            start = index
        }
        if start < tokens.count { result.append(start..<tokens.count) }
        return result
    }

    private func isLowerCaseWord(_ token: Token) -> Bool {
        token.flags.contains(.hasLetter) && !token.flags.contains(.capitalized) && !token.flags.contains(.allCaps)
    }

    private func isNumber(_ token: Token) -> Bool { token.flags.contains(.hasDigit) && !token.flags.contains(.hasLetter) }

    /// Whether the name is joined by a hyphen, with no space, to a lower-case word before or after it.
    private func inHyphenCompound(_ name: EntityRecognizer.Name) -> Bool {
        let utf8 = text.utf8
        let end = Int(tokens[name.last].byteEnd)
        if name.last + 1 < tokens.count, end < utf8.count, utf8[end] == 0x2D, Int(tokens[name.last + 1].byteStart) == end + 1,
           isLowerCaseWord(tokens[name.last + 1]) {
            return true
        }
        let start = Int(tokens[name.first].byteStart)
        return name.first > 0 && start > 0 && utf8[start - 1] == 0x2D && Int(tokens[name.first - 1].byteEnd) == start - 1
            && isLowerCaseWord(tokens[name.first - 1])
    }

    /// The place spans of a dateline: one to four capitalised words, optionally a comma and a region
    /// of up to four more, then a date written with digits (1996-12-06) that ends the line.
    private func datelinePlaces(_ line: Range<Int>) -> [EntityRecognizer.Name]? {
        guard line.count >= 4, isDate(line.upperBound - 3) else { return nil }
        let words = line.lowerBound..<(line.upperBound - 3)
        guard words.count <= 9, words.allSatisfy({ tokens[$0].flags.contains(.capitalized) || tokens[$0].flags.contains(.allCaps) })
        else { return nil }
        // A comma parts the town from its region ("WHISTLER , British Columbia").
        let comma = words.dropFirst().first { TokenFeatures.punctuationBefore(tokens, $0, text.utf8) == 0x2C }
        let parts = comma.map { [words.lowerBound..<$0, $0..<words.upperBound] } ?? [words]
        guard parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 }) else { return nil }
        return parts.map { EntityRecognizer.Name(first: $0.lowerBound, last: $0.upperBound - 1, type: .location, canonical: nil) }
    }

    /// Whether tokens `first`, `first + 1`, `first + 2` are a date written 1996-12-06.
    private func isDate(_ first: Int) -> Bool {
        let parts = tokens[first...(first + 2)]
        let lengths = parts.map { Int($0.byteEnd - $0.byteStart) }
        return parts.allSatisfy(isNumber) && lengths[0] == 4 && lengths[1] <= 2 && lengths[2] <= 2
            && zip(parts, parts.dropFirst()).allSatisfy { $1.byteStart == $0.byteEnd + 1 && text.utf8[Int($0.byteEnd)] == 0x2D }
    }

    /// Lower-case words a results row may hold: versus, beat, and a scorecard's ways out.
    private static let rowWords: Set<String> = ["v", "vs", "v.", "vs.", "beat", "bt", "c", "b", "lbw", "st", "not", "out", "run", "at", "and", "pts"]

    /// A line of names and numbers: at least two numbers, at least one word with a capital, and no
    /// lower-case word but the few results use.
    private func isTableRow(_ line: Range<Int>) -> Bool {
        var numbers = 0, capitalized = 0
        for index in line {
            let token = tokens[index]
            if isNumber(token) { numbers += 1; continue }
            if isLowerCaseWord(token) {
                guard Self.rowWords.contains(text.tokenized.foldedWord(token)) else { return false }
                continue
            }
            if token.flags.contains(.capitalized) || token.flags.contains(.allCaps) { capitalized += 1 }
        }
        return numbers >= 2 && capitalized >= 1
    }

    /// In a results row, a place that is not a country is the club named after it.
    private func clubsInRow(_ names: inout [EntityRecognizer.Name], _ line: Range<Int>) {
        for index in names.indices where line.contains(names[index].first) && names[index].type == .location {
            let kind = names[index].canonical.flatMap { gazetteer.kind(of: $0) }
            if kind != "country" { names[index].type = .organization }
        }
    }

    /// "London Newsroom": the capitalised words before "Newsroom" and it, as one organisation.
    private func newsrooms(_ names: inout [EntityRecognizer.Name]) {
        for index in tokens.indices.dropFirst() where tokens[index].flags.contains(.capitalized)
            && text.tokenized.foldedWord(tokens[index]) == "newsroom" {
            var first = index
            while first > 0, tokens[first - 1].flags.contains(.capitalized) || tokens[first - 1].flags.contains(.allCaps),
                  !tokens[first].flags.contains(.punctuationBefore), !tokens[first].flags.contains(.lineStart) {
                first -= 1
            }
            guard first < index else { continue }
            replace(&names, in: first..<(index + 1), with: [EntityRecognizer.Name(first: first, last: index, type: .organization, canonical: nil)])
        }
    }

    /// Puts `replacements` in place of every name that overlaps `range`.
    private func replace(_ names: inout [EntityRecognizer.Name], in range: Range<Int>, with replacements: [EntityRecognizer.Name]) {
        names.removeAll { $0.last >= range.lowerBound && $0.first < range.upperBound }
        names += replacements
    }
}
