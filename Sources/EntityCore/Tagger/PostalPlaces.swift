/// US states as addresses and datelines abbreviate them, after a town and its comma: "Appleton, WI",
/// "Yuba City, CA 95991", "SPRINGFIELD, Ill. (AP)". The abbreviation is the state (a place), and
/// the name before the comma is the town, whatever the tagger made of either; a name the tagger ran
/// across the abbreviation ("WI and Yuba City") is parted there.
///
/// Only after a capitalised word and its comma, and before the end of a line, punctuation, a number
/// or a lower-case word: "IN" and "OR" in a line of capitals ("DALLAS, IN A BID") are words.
extension EntityRecognizer {
    func withPostalStates(_ names: [Name]) -> [Name] {
        let tokens = text.tokenized.tokens
        let codes = tokens.indices.filter(isPostalState)
        guard !codes.isEmpty else { return names }
        var isCode = [Bool](repeating: false, count: tokens.count)
        for code in codes { isCode[code] = true }
        var result = names.flatMap { partedAtCodes($0, isCode) }
        var owner = owners(of: result)
        for code in codes where owner[code] < 0 {
            result.append(Name(first: code, last: code, type: .location, canonical: stateName(at: code)))
            owner[code] = result.count - 1
        }
        // The town before the comma, found or not ("SPRINGFIELD, Ill.", where a line in capitals hid it).
        for code in codes {
            if owner[code - 1] >= 0 {
                let town = owner[code - 1]
                if result[town].type == .organization, result[town].canonical == nil { result[town].type = .location }
                continue
            }
            var first = code - 1
            while first > 0, code - first < 3, owner[first - 1] < 0, tokens[first - 1].flags.contains(.capitalized),
                  !tokens[first].flags.contains(.punctuationBefore), !tokens[first].flags.contains(.sentenceStart) { first -= 1 }
            result.append(Name(first: first, last: code - 1, type: .location, canonical: nil))
        }
        return result.sorted { $0.first < $1.first }
    }

    /// The name without the codes inside it, each its own place, and without the lower-case words
    /// a code leaves at the start of what follows ("and Yuba City").
    private func partedAtCodes(_ name: Name, _ isCode: [Bool]) -> [Name] {
        guard (name.first...name.last).contains(where: { isCode[$0] }) else { return [name] }
        var parts: [Name] = []
        var start = name.first
        for code in (name.first...name.last + 1) where code > name.last || isCode[code] {
            var first = start
            while first < code, !text.tokenized.tokens[first].flags.hasCapital { first += 1 }
            if first < code { parts.append(Name(first: first, last: code - 1, type: name.type, canonical: nil)) }
            if code <= name.last { parts.append(Name(first: code, last: code, type: .location, canonical: stateName(at: code))) }
            start = code + 1
        }
        return parts
    }

    private func isPostalState(_ index: Int) -> Bool {
        let tokens = text.tokenized.tokens
        guard index > 0, stateName(at: index) != nil,
              TokenFeatures.punctuationBefore(tokens, index, text.utf8) == 0x2C,
              tokens[index - 1].flags.contains(.capitalized), !tokens[index].flags.contains(.sentenceStart) else { return false }
        // A two-letter code in capitals, or news's abbreviation capitalised ("Calif.", "Pa.", "N.Y.").
        let end = Int(tokens[index].byteEnd)
        let abbreviated = tokens[index].flags.contains(.capitalized) && (tokens[index].byteEnd - tokens[index].byteStart > 2 || (end < text.utf8.count && text.utf8[end] == 0x2E))
        guard tokens[index].flags.contains(.allCaps) || abbreviated else { return false }
        let next = index + 1
        guard next < tokens.count else { return true }
        // "Fort Jackson, S.C. He was": an initialism's own period may end the sentence.
        return tokens[next].flags.contains(.punctuationBefore) || tokens[next].flags.contains(.lineStart)
            || text.tokenized.foldedWord(tokens[index]).hasSuffix(".")
            || !tokens[next].flags.hasCapital || (tokens[next].flags.contains(.hasDigit) && !tokens[next].flags.contains(.hasLetter))
    }

    /// The state the word at `index` abbreviates, if it is one ("ca", "calif", "n.y.").
    private func stateName(at index: Int) -> String? {
        Self.stateNames[text.tokenized.foldedWord(text.tokenized.tokens[index])]
    }

    /// USPS codes and the AP's abbreviations, by folded word, to the state's name.
    static let stateNames: [String: String] = {
        let states: [(String, [String])] = [
            ("Alabama", ["al", "ala"]), ("Alaska", ["ak"]), ("Arizona", ["az", "ariz"]), ("Arkansas", ["ar", "ark"]),
            ("California", ["ca", "calif"]), ("Colorado", ["co", "colo"]), ("Connecticut", ["ct", "conn"]), ("Delaware", ["de", "del"]),
            ("Florida", ["fl", "fla"]), ("Georgia", ["ga"]), ("Hawaii", ["hi"]), ("Idaho", ["id"]), ("Illinois", ["il", "ill"]),
            ("Indiana", ["in", "ind"]), ("Iowa", ["ia"]), ("Kansas", ["ks", "kan"]), ("Kentucky", ["ky"]), ("Louisiana", ["la"]),
            ("Maine", ["me"]), ("Maryland", ["md"]), ("Massachusetts", ["ma", "mass"]), ("Michigan", ["mi", "mich"]),
            ("Minnesota", ["mn", "minn"]), ("Mississippi", ["ms", "miss"]), ("Missouri", ["mo"]), ("Montana", ["mt", "mont"]),
            ("Nebraska", ["ne", "neb"]), ("Nevada", ["nv", "nev"]), ("New Hampshire", ["nh", "n.h."]), ("New Jersey", ["nj", "n.j."]),
            ("New Mexico", ["nm", "n.m."]), ("New York", ["ny", "n.y."]), ("North Carolina", ["nc", "n.c."]),
            ("North Dakota", ["nd", "n.d."]), ("Ohio", ["oh"]), ("Oklahoma", ["ok", "okla"]), ("Oregon", ["or", "ore"]),
            ("Pennsylvania", ["pa"]), ("Rhode Island", ["ri", "r.i."]), ("South Carolina", ["sc", "s.c."]),
            ("South Dakota", ["sd", "s.d."]), ("Tennessee", ["tn", "tenn"]), ("Texas", ["tx"]), ("Utah", ["ut"]),
            ("Vermont", ["vt"]), ("Virginia", ["va"]), ("Washington", ["wa", "wash"]), ("West Virginia", ["wv", "w.va."]),
            ("Wisconsin", ["wi", "wis"]), ("Wyoming", ["wy", "wyo"]), ("Puerto Rico", ["pr"]), ("Guam", ["gu"]),
        ]
        return Dictionary(states.flatMap { state, keys in keys.map { ($0, state) } }, uniquingKeysWith: { first, _ in first })
    }()
}
