/// Finds entity mentions: the gazetteer's names (through the automaton), and names no list holds,
/// from capitalised runs of words and the cues news text gives:
/// - a title before a name makes a person ("Defense Secretary Pete Hegseth");
/// - an organisation word at the end makes an organisation ("… Times", "… Agency"), and so does a
///   capitalised "The" inside a sentence ("reporting by The Record");
/// - a place word at the end makes a place ("Oval Office");
/// - an all-capitals word of three letters or more is an organisation ("UPI");
/// - other runs of two or more capitalised words are people ("Elon Musk").
/// A later (or earlier) single word resolves to the full name it shortens ("Hegseth" → "Pete Hegseth").
/// Months, weekdays, page boilerplate, photo credits and sentence-initial common words are skipped.
struct EntityExtractor {
    let engine: EntityEngine
    let text: PreparedText
    let hits: [PhraseHit]

    func mention(of span: RuleSpan) -> EntityMention {
        let tokens = text.tokenized.tokens
        var written = text.text(ofTokens: span.first, through: span.last)
        var end = Int(tokens[span.last].end)
        // An abbreviation that ends a name keeps its period, as annotated news writes the name ("Apple
        // Inc.", "Joseph R. Biden Jr.", a state as "Calif."); the tokenizer reads the period as punctuation.
        let byteEnd = Int(tokens[span.last].byteEnd)
        if byteEnd < text.utf8.count, text.utf8[byteEnd] == 0x2E {
            let lastWord = text.tokenized.foldedWord(tokens[span.last])
            let isStateAbbreviation = span.type == .location && !tokens[span.last].flags.contains(.allCaps)
                && !lastWord.hasSuffix(".") && EntityRecognizer.stateNames[lastWord] != nil
            if EntityWords.periodAbbreviations.contains(lastWord) || isStateAbbreviation {
                written += "."
                end += 1
            }
        }
        return EntityMention(text: written, type: span.type, start: Int(tokens[span.first].start), end: end,
                             canonical: span.canonical ?? written)
    }

    /// The rules' spans in text order, and the gazetteer's names as tags (for the tagger).
    func analysis() -> RuleAnalysis {
        let tokens = text.tokenized.tokens
        guard !tokens.isEmpty else { return RuleAnalysis(spans: [], gazetteerTags: [], gazetteerNames: []) }
        let words = tokens.map { text.tokenized.foldedWord($0) }
        let masked = photoCreditMask(words)

        var spans: [RuleSpan] = []
        for hit in hits {
            guard case .gazetteer(let index, let demonym) = engine.gazetteerPhrases[hit.phrase].owner,
                  !(hit.firstToken...hit.lastToken).contains(where: { masked[$0] }) else { continue }
            let entry = engine.gazetteer.entries[index]
            // A town is a weaker name than a city: the tagger decides whether it is one here.
            spans.append(RuleSpan(first: hit.firstToken, last: hit.lastToken, type: demonym ? .misc : entry.type,
                                  canonical: entry.canonical, strength: entry.kind == "town" ? 1 : 3))
        }
        var gazetteerTaken = [Bool](repeating: false, count: tokens.count)
        let gazetteerNames = resolveOverlaps(spans, taken: &gazetteerTaken)
        let gazetteerTags = EntityTags.tags(count: tokens.count, spans: gazetteerNames.map { ($0.first, $0.last, $0.type) })
        // Which tokens the gazetteer names, looked up per token rather than by scanning every span
        // (that made long texts quadratic).
        var gazetteerCovers = [Bool](repeating: false, count: tokens.count)
        for span in spans { for index in span.first...span.last { gazetteerCovers[index] = true } }
        var singles: [Int] = []
        for run in capitalizedRuns(tokens, words, masked) {
            classify(run, tokens, words, gazetteerCovers, spans: &spans, singles: &singles)
        }
        var taken = [Bool](repeating: false, count: tokens.count)
        var chosen = resolveOverlaps(spans, taken: &taken)
        chosen += resolveShortMentions(singles, taken, words, chosen)
        return RuleAnalysis(spans: chosen.sorted { $0.first < $1.first }, gazetteerTags: gazetteerTags,
                            gazetteerNames: gazetteerNames.filter { $0.strength == 3 }, photoCredits: masked)
    }

    /// Tokens of a photo credit ("Photo by Al Drago/UPI"), up to the end of that caption part.
    private func photoCreditMask(_ words: [String]) -> [Bool] {
        var mask = [Bool](repeating: false, count: words.count)
        var index = 0
        while index < words.count {
            let startsCredit = (words[index] == "photo" || words[index] == "credit" || words[index] == "image")
                && index + 1 < words.count && (words[index + 1] == "by" || words[index + 1] == "courtesy")
            guard startsCredit else { index += 1; continue }
            var end = index + 2
            while end < words.count, !text.tokenized.tokens[end].flags.contains(.sentenceStart) { end += 1 }
            for masked in index..<end { mask[masked] = true }
            index = end
        }
        return mask
    }

    /// Maximal runs of capitalised words with only spaces (or a connector such as "of") between them.
    private func capitalizedRuns(_ tokens: [Token], _ words: [String], _ masked: [Bool]) -> [ClosedRange<Int>] {
        func isNameWord(_ index: Int) -> Bool {
            let flags = tokens[index].flags
            return !masked[index] && flags.contains(.hasLetter) && !flags.contains(.hasDigit)
                && flags.hasCapital && !EntityWords.neverNames.contains(words[index])
        }
        var runs: [ClosedRange<Int>] = []
        var index = 0
        while index < tokens.count {
            guard isNameWord(index) else { index += 1; continue }
            var end = index
            while end + 1 < tokens.count, !tokens[end].flags.contains(.possessive) {
                let next = end + 1
                if tokens[next].flags.contains(.punctuationBefore) || tokens[next].flags.contains(.sentenceStart) { break }
                if isNameWord(next) { end = next; continue }
                if EntityWords.nameConnectors.contains(words[next]), next + 1 < tokens.count, isNameWord(next + 1),
                   !tokens[next + 1].flags.contains(.punctuationBefore), !tokens[next].flags.contains(.capitalized) {
                    end = next + 1
                    continue
                }
                break
            }
            runs.append(index...end)
            index = end + 1
        }
        return runs
    }

    private func classify(_ run: ClosedRange<Int>, _ tokens: [Token], _ words: [String], _ gazetteerCovers: [Bool],
                          spans: inout [RuleSpan], singles: inout [Int]) {
        var first = run.lowerBound
        let last = run.upperBound
        // A title: the name is what follows the last title word of the run.
        if let title = run.last(where: { EntityWords.titles.contains(words[$0]) }) {
            if title < last, last - title <= 4 {
                spans.append(RuleSpan(first: title + 1, last: last, type: .person, canonical: nil, strength: 2))
            }
            return
        }
        let startsSentence = tokens[first].flags.contains(.sentenceStart)
        if startsSentence, EntityWords.commonWords.contains(words[first]) {
            first += 1
        } else if words[first] == "the", first < last {
            // A capital "The" inside a sentence belongs to a name: "reporting by The Record".
            spans.append(RuleSpan(first: first, last: last, type: .organization, canonical: nil, strength: 2))
            return
        }
        guard first <= last else { return }
        // The gazetteer names the whole run ("West Bank", "Bank of England"): its span and type stand,
        // and no cue word at the end makes it something longer or else.
        if (first...last).allSatisfy({ gazetteerCovers[$0] }) { return }
        var theBefore = first
        if first > 0, words[first - 1] == "the", !tokens[first].flags.contains(.punctuationBefore) { theBefore = first - 1 }
        if first < last || words[last].count > 3, EntityWords.organizationSuffixes.contains(words[last]) {
            spans.append(RuleSpan(first: theBefore, last: last, type: .organization, canonical: nil, strength: 2))
            return
        }
        if first < last, EntityWords.placeSuffixes.contains(words[last]) || EntityWords.placePrefixes.contains(words[first]) {
            spans.append(RuleSpan(first: first, last: last, type: .location, canonical: nil, strength: 2))
            return
        }
        // Drop words the gazetteer already names at either end ("US Defense" → the gazetteer has "US").
        var trimmedFirst = first, trimmedLast = last
        while trimmedFirst <= trimmedLast, gazetteerCovers[trimmedFirst] { trimmedFirst += 1 }
        while trimmedLast >= trimmedFirst, gazetteerCovers[trimmedLast] { trimmedLast -= 1 }
        guard trimmedFirst <= trimmedLast else { return }
        if trimmedFirst < trimmedLast {
            let hasAcronym = (trimmedFirst...trimmedLast).contains { tokens[$0].flags.contains(.allCaps) && words[$0].count > 3 }
            if !hasAcronym, trimmedLast - trimmedFirst < 4 {
                spans.append(RuleSpan(first: trimmedFirst, last: trimmedLast, type: .person, canonical: nil, strength: 1))
            }
            return
        }
        let flags = tokens[trimmedFirst].flags
        if flags.contains(.allCaps), words[trimmedFirst].filter(\.isLetter).count >= 3 {
            spans.append(RuleSpan(first: trimmedFirst, last: trimmedFirst, type: .organization, canonical: nil, strength: 1))
        } else if !(flags.contains(.sentenceStart) && EntityWords.commonWords.contains(words[trimmedFirst])) {
            singles.append(trimmedFirst)
        }
    }

    /// Longer spans win; at equal length the gazetteer wins, then cue-backed spans. A cue-backed span
    /// that contains a gazetteer name of its type takes the gazetteer's canonical name.
    /// `taken` marks the tokens of the chosen spans, so overlaps are found per token, not by scanning.
    private func resolveOverlaps(_ spans: [RuleSpan], taken: inout [Bool]) -> [RuleSpan] {
        let ordered = spans.sorted {
            let (a, b) = ($0.last - $0.first, $1.last - $1.first)
            return a != b ? a > b : $0.strength != $1.strength ? $0.strength > $1.strength : $0.first < $1.first
        }
        // Gazetteer spans by their last token, for the canonical name of a cue-backed span ending there.
        var gazetteerEndingAt: [Int: [RuleSpan]] = [:]
        for span in spans where span.strength == 3 { gazetteerEndingAt[span.last, default: []].append(span) }
        var chosen: [RuleSpan] = []
        for var span in ordered {
            if (span.first...span.last).contains(where: { taken[$0] }) { continue }
            if span.canonical == nil, let inner = gazetteerEndingAt[span.last]?.first(where: {
                $0.type == span.type && span.first <= $0.first && $0.first - span.first <= 1
            }) {
                span.canonical = inner.canonical
            }
            for index in span.first...span.last { taken[index] = true }
            chosen.append(span)
        }
        return chosen
    }

    /// Single capitalised words that are the first or last word of a person named in full elsewhere.
    private func resolveShortMentions(_ singles: [Int], _ taken: [Bool], _ words: [String], _ chosen: [RuleSpan]) -> [RuleSpan] {
        var fullNames: [String: String] = [:]
        for span in chosen where span.type == .person && span.last > span.first {
            let canonical = span.canonical ?? text.text(ofTokens: span.first, through: span.last)
            fullNames[words[span.last]] = fullNames[words[span.last]] ?? canonical
        }
        return singles.compactMap { index in
            guard !taken[index], let canonical = fullNames[words[index]] else { return nil }
            return RuleSpan(first: index, last: index, type: .person, canonical: canonical, strength: 1)
        }
    }
}

/// A name the rules found at tokens `first...last`.
struct RuleSpan {
    var first: Int
    var last: Int
    var type: EntityType
    var canonical: String?
    /// 3 for the gazetteer's names, 2 for cue-backed spans, 1 for guesses; the stronger wins ties.
    var strength: Int
}

struct RuleAnalysis {
    var spans: [RuleSpan]
    var gazetteerTags: [UInt8]
    /// The gazetteer's names (towns left out), before the cue rules took some of their words: "of
    /// Canada" after a title is a cue-backed person, but Canada is still the country.
    var gazetteerNames: [RuleSpan]
    /// Tokens of photo credits, where only the gazetteer's names count (the agency in "Photo by Al
    /// Drago/UPI").
    var photoCredits: [Bool] = []
}

extension RuleAnalysis {
    /// The gazetteer's names by their first token (they do not overlap).
    var gazetteerNamesByFirstToken: [Int: RuleSpan] {
        Dictionary(gazetteerNames.map { ($0.first, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
