/// Splits text into word tokens for matching, the same way for watch terms and for articles:
/// - words are runs of letters and digits, folded (`ScalarFolding`);
/// - `U.S.`, `AT&T`, `O'Brien` and `2.5` stay one word; a final period ends a word unless the word is an
///   initialism (`U.S.`); `'s`/`’s` after a word marks it possessive and is dropped;
/// - hyphens and dashes separate words, so "cyber-operations" reads as "cyber operations";
/// - a sentence starts after `.`, `!`, `?` and a space, after a line break, `|`, `:` or a spaced dash.
struct Tokenizer: Sendable {
    let folding: ScalarFolding

    func tokenize(_ text: String) -> TokenizedText {
        let scalars = Array(text.unicodeScalars)
        return tokenize(text, scalars: scalars)
    }

    func tokenize(_ text: String, scalars: [Unicode.Scalar]) -> TokenizedText {
        var result = TokenizedText(original: text)
        result.folded.reserveCapacity(scalars.count)
        result.tokens.reserveCapacity(scalars.count / 5)
        var index = 0
        let count = scalars.count
        var sentenceStart = true
        var sawTerminator = false
        var gapHasPunctuation = false
        var gapHasBracket = false

        while index < count {
            let scalar = scalars[index]
            let fold = foldedProperties(scalar)
            guard fold.isWord else {
                switch scalar {
                case ".", "!", "?": sawTerminator = true
                case "\n", "|", ":": sentenceStart = true
                case "\u{2014}", "\u{2013}":
                    if index + 1 < count, scalars[index + 1] == " " { sentenceStart = true }
                case " ", "\t", "\r", "\u{00A0}":
                    if sawTerminator { sentenceStart = true; sawTerminator = false }
                default: break
                }
                if !(scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" || scalar == "\u{00A0}") {
                    gapHasPunctuation = true
                    if scalar == "(" || scalar == "/" { gapHasBracket = true }
                }
                index += 1
                continue
            }
            // A word starts here.
            var token = Token(foldedStart: Int32(result.folded.count), foldedEnd: 0, start: Int32(index), end: 0,
                              lemmaHash: 0, flags: [])
            if sentenceStart { token.flags.insert(.sentenceStart) }
            if gapHasPunctuation { token.flags.insert(.punctuationBefore) }
            if gapHasBracket { token.flags.insert(.bracketOrSlashBefore) }
            var letters = 0, uppercaseLetters = 0
            var firstLetterSeen = false
            var hasInnerPeriod = false
            while index < count {
                let current = scalars[index]
                let properties = foldedProperties(current)
                if properties.isWord {
                    appendFolded(current, properties, to: &result.folded)
                    if properties.isLetter {
                        letters += 1
                        if properties.isUppercase { uppercaseLetters += 1 }
                        if !firstLetterSeen {
                            firstLetterSeen = true
                            if properties.isUppercase { token.flags.insert(.capitalized) }
                        }
                        token.flags.insert(.hasLetter)
                    } else if properties.isDigit {
                        token.flags.insert(.hasDigit)
                    }
                    index += 1
                    continue
                }
                let next: Unicode.Scalar? = index + 1 < count ? scalars[index + 1] : nil
                let nextIsWord = next.map { foldedProperties($0).isWord } ?? false
                if current == "." {
                    if nextIsWord, let next, next != " " {
                        hasInnerPeriod = true
                        result.folded.append(0x2E)
                        index += 1
                        continue
                    }
                    if hasInnerPeriod {  // the final period of an initialism: U.S.
                        result.folded.append(0x2E)
                        index += 1
                    }
                    break
                }
                if current == "&", nextIsWord {
                    result.folded.append(0x26)
                    index += 1
                    continue
                }
                if current == "'" || current == "\u{2019}" || current == "\u{02BC}" {
                    if let next, next == "s" || next == "S",
                       !(index + 2 < count && foldedProperties(scalars[index + 2]).isWord) {
                        token.flags.insert(.possessive)
                        token.end = Int32(index)
                        index += 2
                        finish(&token, letters: letters, uppercase: uppercaseLetters, into: &result)
                        token.end = -1
                        break
                    }
                    if nextIsWord {
                        result.folded.append(0x27)
                        index += 1
                        continue
                    }
                }
                break
            }
            if token.end != -1 {
                token.end = Int32(index)
                finish(&token, letters: letters, uppercase: uppercaseLetters, into: &result)
            }
            sentenceStart = false
            sawTerminator = false
            gapHasPunctuation = false
            gapHasBracket = false
        }
        return result
    }

    private func finish(_ token: inout Token, letters: Int, uppercase: Int, into result: inout TokenizedText) {
        token.foldedEnd = Int32(result.folded.count)
        if letters >= 2, letters == uppercase { token.flags.insert(.allCaps) }
        token.lemmaHash = Lemma.hash(result.folded, from: Int(token.foldedStart), to: Int(token.foldedEnd))
        result.tokens.append(token)
    }

    private struct Properties {
        var isWord: Bool
        var isLetter: Bool
        var isUppercase: Bool
        var isDigit: Bool
    }

    @inline(__always)
    private func foldedProperties(_ scalar: Unicode.Scalar) -> Properties {
        let value = scalar.value
        if value < 0x80 {
            let isUpper = value >= 0x41 && value <= 0x5A
            let isLower = value >= 0x61 && value <= 0x7A
            let isDigit = value >= 0x30 && value <= 0x39
            return Properties(isWord: isUpper || isLower || isDigit, isLetter: isUpper || isLower, isUppercase: isUpper, isDigit: isDigit)
        }
        let fold = folding.fold(scalar)
        return Properties(isWord: fold.isWordCharacter, isLetter: fold.isLetter, isUppercase: fold.isUppercase,
                          isDigit: fold.isWordCharacter && !fold.isLetter && !fold.isCombiningMark)
    }

    @inline(__always)
    private func appendFolded(_ scalar: Unicode.Scalar, _ properties: Properties, to folded: inout [UInt8]) {
        let value = scalar.value
        if value < 0x80 {
            folded.append(UInt8(properties.isUppercase ? value + 0x20 : value))
        } else {
            folded.append(contentsOf: folding.fold(scalar).bytes)
        }
    }
}

/// A word's lemma for matching: English plurals fold to their singular (operations → operation,
/// agencies → agency, taxes → tax), so a term matches its inflections. Applied to terms and to text
/// alike. Words under four letters, and words ending in -ss, -us, -is, -ws, are left as they are
/// (US, status, analysis, news).
enum Lemma {
    static func hash(_ bytes: [UInt8], from start: Int, to end: Int) -> UInt64 {
        let length = end - start
        func endsWith(_ suffix: [UInt8]) -> Bool {
            length >= suffix.count && bytes[(end - suffix.count)..<end].elementsEqual(suffix)
        }
        var stemEnd = end
        var appendY = false
        if length >= 5, endsWith([0x69, 0x65, 0x73]) {  // -ies → -y
            stemEnd = end - 3
            appendY = true
        } else if length >= 5, endsWith([0x73, 0x73, 0x65, 0x73]) || endsWith([0x78, 0x65, 0x73])
                    || endsWith([0x63, 0x68, 0x65, 0x73]) || endsWith([0x73, 0x68, 0x65, 0x73]) {  // -sses -xes -ches -shes
            stemEnd = end - 2
        } else if length >= 4, bytes[end - 1] == 0x73 {
            let before = bytes[end - 2]
            if before != 0x73, before != 0x75, before != 0x69, before != 0x77, before != 0x27 { stemEnd = end - 1 }
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in start..<stemEnd {
            hash = (hash ^ UInt64(bytes[index])) &* 0x0100_0000_01b3
        }
        if appendY { hash = (hash ^ 0x79) &* 0x0100_0000_01b3 }
        return hash
    }
}
