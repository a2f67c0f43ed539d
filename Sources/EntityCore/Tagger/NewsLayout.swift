/// What news copy says by its layout rather than its sentences, as annotated news (MUC-7, CoNLL)
/// types it:
/// - a name joined by a hyphen to a lower-case word is part of an adjective, not a name of its own
///   ("U.S.-led", "Tripoli-based", "pro-Moscow");
/// - a dateline line ("LONDON 1996-12-06", "WHISTLER, British Columbia 1996-12-06") names places, and
///   so does one in lower case before a dash, where the gazetteer knows its places ("geneva —");
/// - "London Newsroom" is the agency's office, an organisation;
/// - a release's label on a line of its own ("Media Note", "Press Statement", "Fact Sheet") is the
///   kind of document, not a name;
/// - in a results row ("Leeds 2 Sheffield Wednesday 1", "Newcastle 17 10 3 4 33 17 33", "Pete Sampras
///   ( U.S. ) beat Jim Courier ( U.S. ) 6-3 6-4") the names are clubs and people by the row's shape
///   (`namesInRow`); a country stays a place (national sides, as annotated).
struct NewsLayout {
    let text: PreparedText
    let gazetteer: Gazetteer

    private var tokens: [Token] { text.tokenized.tokens }

    /// Each line's names are decided by that line alone, so the cost follows the text, however many
    /// lines and names it holds. (A name belongs to the line of its first word.)
    func apply(to names: inout [EntityRecognizer.Name]) {
        let sorted = names.filter { !inHyphenCompound($0) }.sorted { $0.first < $1.first }
        var result: [EntityRecognizer.Name] = []
        result.reserveCapacity(sorted.count)
        var cursor = 0
        for line in lines() {
            var lineNames: [EntityRecognizer.Name] = []
            while cursor < sorted.count, sorted[cursor].first < line.upperBound {
                lineNames.append(sorted[cursor])
                cursor += 1
            }
            if let places = datelinePlaces(line) {
                lineNames = places
            } else if isReleaseLabel(line) {
                lineNames = []
            } else if let places = lowerCaseDateline(line), let end = places.last?.last {
                lineNames = places + lineNames.filter { $0.first > end }
            } else if isTableRow(line) {
                namesInRow(&lineNames, line)
            }
            newsrooms(&lineNames, line)
            result += lineNames.sorted { $0.first < $1.first }
        }
        result += sorted[cursor...]
        names = result
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

    /// A dateline in lower case before a dash, as some sites print it ("islamabad, pakistan — Global
    /// eradication efforts…", "washington — The United States…"): its places, if the gazetteer knows
    /// every one of them.
    private func lowerCaseDateline(_ line: Range<Int>) -> [EntityRecognizer.Name]? {
        var end = line.lowerBound
        while end < line.upperBound, end - line.lowerBound < 6, isLowerCaseWord(tokens[end]), !followedByDash(end) { end += 1 }
        guard end < line.upperBound, end - line.lowerBound < 6, isLowerCaseWord(tokens[end]), followedByDash(end) else { return nil }
        var places: [EntityRecognizer.Name] = []
        var first = line.lowerBound
        for index in line.lowerBound...end where index == end || TokenFeatures.punctuationBefore(tokens, index + 1, text.utf8) == 0x2C {
            guard let entry = gazetteer.entry(named: text.text(ofTokens: first, through: index)), entry.type == .location else { return nil }
            places.append(EntityRecognizer.Name(first: first, last: index, type: .location, canonical: entry.canonical))
            first = index + 1
        }
        return places
    }

    /// Whether a dash (an em or en dash, or two hyphens) stands between token `index` and the next.
    private func followedByDash(_ index: Int) -> Bool {
        let end = index + 1 < tokens.count ? Int(tokens[index + 1].byteStart) : text.utf8.count
        let between = text.utf8[Int(tokens[index].byteEnd)..<end].drop { $0 == 0x20 }
        return between.starts(with: [0xE2, 0x80, 0x94]) || between.starts(with: [0xE2, 0x80, 0x93]) || between.starts(with: [0x2D, 0x2D])
    }

    /// What government and agency releases are headed as, folded.
    private static let releaseLabels: Set<String> = [
        "media note", "press statement", "press release", "news release", "fact sheet", "readout", "statement",
        "joint statement", "remarks", "notice to the press", "for immediate release", "media advisory", "transcript",
        "press briefing", "special briefing", "background briefing", "taken question", "taken questions",
    ]

    private func isReleaseLabel(_ line: Range<Int>) -> Bool {
        guard line.count <= 4 else { return false }
        return Self.releaseLabels.contains(line.map { text.tokenized.foldedWord(tokens[$0]) }.joined(separator: " "))
    }

    private func isLowerCaseWord(_ token: Token) -> Bool {
        token.flags.contains(.hasLetter) && !token.flags.contains(.capitalized) && !token.flags.contains(.allCaps)
    }

    private func isNumber(_ token: Token) -> Bool { token.flags.contains(.hasDigit) && !token.flags.contains(.hasLetter) }

    private func isCapitalized(_ token: Token) -> Bool {
        token.flags.hasCapital && !isNumber(token)
    }

    /// Whether the name is joined by a hyphen, with no space, to a lower-case word before or after it.
    private func inHyphenCompound(_ name: EntityRecognizer.Name) -> Bool {
        (text.joinedByHyphen(name.last + 1) && isLowerCaseWord(tokens[name.last + 1]))
            || (text.joinedByHyphen(name.first) && isLowerCaseWord(tokens[name.first - 1]))
    }

    /// The place spans of a dateline: one to four capitalised words, optionally a comma and a region
    /// of up to four more, then a date written with digits (1996-12-06) that ends the line.
    private func datelinePlaces(_ line: Range<Int>) -> [EntityRecognizer.Name]? {
        guard line.count >= 4, isDate(line.upperBound - 3) else { return nil }
        let words = line.lowerBound..<(line.upperBound - 3)
        guard words.count <= 9, words.allSatisfy({ isCapitalized(tokens[$0]) }) else { return nil }
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
            && text.joinedByHyphen(first + 1) && text.joinedByHyphen(first + 2)
    }

    /// Lower-case words a results row may hold: versus, beat, and a scorecard's ways out.
    private static let rowWords: Set<String> = ["v", "vs", "v.", "vs.", "beat", "bt", "c", "b", "lbw", "st", "not", "out", "run", "at", "and", "pts"]
    /// Labels of results and tables, capitalised at a row's start but no names.
    private static let rowLabels: Set<String> = [
        "attendance", "halftime", "scorers", "scorer", "standings", "result", "results", "summary", "scoreboard", "extras",
        "total", "points", "bowling", "innings", "note", "referee", "replay",
    ]
    /// Lower-case words of a cricket scorecard ("c Spearman b Vaughan", "run out", "not out").
    private static let scorecardWords: Set<String> = ["c", "b", "lbw", "st", "run", "out"]

    private func isScorecard(_ line: Range<Int>) -> Bool {
        line.contains { Self.scorecardWords.contains(text.tokenized.foldedWord(tokens[$0])) }
    }

    /// A line of names and numbers: at least two numbers (one on a scorecard, the runs), at least one
    /// word with a capital, no lower-case word but the few results use, and no more than three words
    /// in capitals ("SOCCER - LEEDS UNITED BEAT CHELSEA 2-1 IN PREMIER LEAGUE CLASH" is a headline).
    private func isTableRow(_ line: Range<Int>) -> Bool {
        var numbers = 0, capitalized = 0, capitals = 0
        for index in line {
            let token = tokens[index]
            if isNumber(token) { numbers += 1; continue }
            if token.flags.contains(.allCaps) {
                capitals += 1
                if capitals > 3 { return false }
            }
            if isLowerCaseWord(token) {
                guard Self.rowWords.contains(text.tokenized.foldedWord(token)) else { return false }
                continue
            }
            if isCapitalized(token) { capitalized += 1 }
        }
        return numbers >= (isScorecard(line) ? 1 : 2) && capitalized >= 1
    }

    /// The people and clubs of a results row:
    /// - a scorecard's ("Ijaz Ahmad c Spearman b Vaughan 59"): every name but a country's is a person;
    /// - a name before a country in brackets ("Pete Sampras ( U.S. )") is a person, and so is a scorer
    ///   in brackets before the minute ("( Nilis 9 , Cocu 19 )"); a row's labels are no names;
    /// - a standings row (a name, then only numbers) names a club;
    /// - elsewhere in a row, a town or a city is the club named after it, and a person found there
    ///   stays one ("135 Greg Norman 68 67").
    private func namesInRow(_ names: inout [EntityRecognizer.Name], _ line: Range<Int>) {
        let scorecard = isScorecard(line)
        let bracketed = insideBrackets(line)
        for run in capitalizedRuns(line) where !isLargerPlace(run, names) {
            // A row's labels are no names ("Attendance 25,000").
            if run.count == 1, Self.rowLabels.contains(text.tokenized.foldedWord(tokens[run.lowerBound])) {
                replace(&names, in: run, with: [])
                continue
            }
            // A scorer in brackets, before the minute ("( Nilis 9 , Cocu 19 )"), is a person.
            let scorer = bracketed[run.lowerBound - line.lowerBound] && run.upperBound < line.upperBound && isNumber(tokens[run.upperBound])
            let bracketedCountry = run.upperBound + 2 < line.upperBound
                && TokenFeatures.punctuationBefore(tokens, run.upperBound, text.utf8) == 0x28
                && isLargerPlace(run.upperBound..<(run.upperBound + 1), names)
            let standings = run.lowerBound == line.lowerBound && line.upperBound - run.upperBound >= 3
                && line[run.upperBound...].allSatisfy { isNumber(tokens[$0]) }
            let type: EntityType
            if scorecard || bracketedCountry || scorer {
                type = .person
            } else if standings {
                type = .organization
            } else if names.contains(where: { $0.type == .person && $0.first >= run.lowerBound && $0.last < run.upperBound }) {
                type = .person
            } else {
                type = .organization
            }
            replace(&names, in: run, with: [EntityRecognizer.Name(first: run.lowerBound, last: run.upperBound - 1, type: type, canonical: nil)])
        }
    }

    /// Per token of the line, whether it stands inside brackets opened on the line: one pass over the
    /// bytes between its tokens.
    private func insideBrackets(_ line: Range<Int>) -> [Bool] {
        var depth = 0
        var result: [Bool] = []
        result.reserveCapacity(line.count)
        for index in line {
            if index > line.lowerBound {
                for byte in text.utf8[Int(tokens[index - 1].byteEnd)..<Int(tokens[index].byteStart)] {
                    if byte == 0x28 { depth += 1 } else if byte == 0x29 { depth = max(0, depth - 1) }
                }
            }
            result.append(depth > 0)
        }
        return result
    }

    /// Runs of capitalised words in the line, parted by anything else (numbers, punctuation, lower
    /// case); a hyphen with no space joins ("Baker-Finch").
    private func capitalizedRuns(_ line: Range<Int>) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int?
        for index in line {
            let token = tokens[index]
            let name = isCapitalized(token)
            if start != nil, name, !token.flags.contains(.punctuationBefore) || text.utf8[Int(token.byteStart) - 1] == 0x2D {
                continue
            }
            if let open = start { runs.append(open..<index) }
            start = name ? index : nil
        }
        if let open = start { runs.append(open..<line.upperBound) }
        return runs
    }

    /// Whether the gazetteer names the run as a place larger than a town (a country, a nation, a
    /// region): in results such a name is a national side, annotated as the place.
    private func isLargerPlace(_ run: Range<Int>, _ names: [EntityRecognizer.Name]) -> Bool {
        guard let name = names.first(where: { $0.first == run.lowerBound && $0.last == run.upperBound - 1 }),
              name.type == .location, let canonical = name.canonical else { return false }
        let kind = gazetteer.kind(of: canonical)
        return kind != "city" && kind != "capital" && kind != "town"
    }

    /// "London Newsroom": the capitalised words before "Newsroom" and it, as one organisation.
    private func newsrooms(_ names: inout [EntityRecognizer.Name], _ line: Range<Int>) {
        for index in line.dropFirst() where tokens[index].flags.contains(.capitalized)
            && text.tokenized.foldedWord(tokens[index]) == "newsroom" {
            var first = index
            while first > line.lowerBound, isCapitalized(tokens[first - 1]), !tokens[first].flags.contains(.punctuationBefore) {
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
