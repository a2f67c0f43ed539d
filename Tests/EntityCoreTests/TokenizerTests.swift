@testable import EntityCore
import Foundation
import Testing

@Suite struct TokenizerTests {
    private let tokenizer = Tokenizer(folding: .shared(foldDiacritics: true))

    private func words(_ text: String) -> [String] {
        let tokenized = tokenizer.tokenize(text)
        return tokenized.tokens.map { tokenized.foldedWord($0) }
    }

    @Test(arguments: [
        ("U.S. officials met.", ["u.s.", "officials", "met"]),
        ("AT&T and O'Brien's plan", ["at&t", "and", "o'brien", "plan"]),
        ("Russia’s army, 2.5 km away", ["russia", "army", "2.5", "km", "away"]),
        ("cyber-operations—now", ["cyber", "operations", "now"]),
        ("Kyïv and KYIV", ["kyiv", "and", "kyiv"]),
        ("end.Next", ["end.next"]),
        ("Antony J. Blinken met Gen. Milley.", ["antony", "j.", "blinken", "met", "gen", "milley"]),
        ("it's 'quoted' rock'n'roll", ["it", "quoted", "rock'n'roll"]),
        ("", []),
        ("...!?", []),
        // Combining marks with no letter before them fold to nothing: a word with an empty folded form.
        ("\u{0301}\u{0748} word \u{FE0F}. e\u{0301}", ["", "word", "", "e"]),
    ])
    func wordsFollowTheDocumentedRules(text: String, expected: [String]) {
        #expect(words(text) == expected, "\(text)")
    }

    @Test func initialsAndAbbreviationsBeforeNamesEndNoSentence() {
        let tokens = tokenizer.tokenize("Secretary Antony J. Blinken met Gen. Mark Milley. Then it rained.").tokens
        let starts = tokens.filter { $0.flags.contains(.sentenceStart) }.map(\.start)
        #expect(starts == [0, 50], "only the first word and Then start sentences")
    }

    /// A word of stray marks folds to nothing, and its lemma hash reads no byte outside it: the
    /// same for any of them, apart from every real word's.
    @Test func strayMarksAreEmptyWordsWithTheirOwnPlace() {
        let tokens = tokenizer.tokenize("Done. \u{0301} Next \u{FE0F}\u{0748}").tokens
        #expect(tokens.map(\.start) == [0, 6, 8, 13])
        #expect(tokens.map { $0.foldedEnd - $0.foldedStart } == [4, 0, 4, 0])
        #expect(tokens[1].lemmaHash == tokens[3].lemmaHash)
        #expect(tokens[1].lemmaHash != tokens[0].lemmaHash && tokens[1].lemmaHash != tokens[2].lemmaHash)
    }

    @Test func flagsAndOffsets() {
        let text = "Élysée said. NATO 3M x."
        let tokens = tokenizer.tokenize(text).tokens
        #expect(tokens.map(\.start) == [0, 7, 13, 18, 21])
        #expect(tokens.map(\.end) == [6, 11, 17, 20, 22])
        #expect(tokens[0].flags.contains(.capitalized) && tokens[0].flags.contains(.sentenceStart))
        #expect(tokens[2].flags.contains(.allCaps) && tokens[2].flags.contains(.sentenceStart))
        #expect(tokens[3].flags.contains(.capitalized) && tokens[3].flags.contains(.hasDigit))
        #expect(!tokens[4].flags.contains(.capitalized))
    }

    @Test(arguments: [("operations", "operation"), ("agencies", "agency"), ("taxes", "tax"), ("churches", "church"),
                      ("news", nil), ("status", nil), ("analysis", nil), ("US", nil), ("classes", "class")])
    func pluralsShareTheirSingularsLemma(plural: String, singular: String?) {
        let lemma = { (word: String) in self.tokenizer.tokenize(word).tokens.first?.lemmaHash }
        if let singular {
            #expect(lemma(plural) == lemma(singular), "\(plural)")
        } else {
            #expect(lemma(plural) != lemma(String(plural.dropLast())), "\(plural) keeps its s")
        }
    }

    /// Words longer than the stack space the matcher's scan starts in (128 bytes) move to memory of
    /// their own and hash as when every folded word is kept.
    @Test func wordsLongerThanTheStackSpaceHashAlike() {
        for word in [String(repeating: "é", count: 300), "Über" + String(repeating: "straße", count: 60), String(repeating: "a", count: 1_000)] {
            var text = "Before \(word) after."
            let kept = text.withUTF8 { tokenizer.tokenize($0, keepFolded: true) }
            let hashed = text.withUTF8 { tokenizer.tokenize($0, keepFolded: false) }
            #expect(kept.tokens.count == 3 && hashed.tokens.count == 3)
            #expect(kept.tokens.map(\.lemmaHash) == hashed.tokens.map(\.lemmaHash), "\(word.prefix(12))…")
        }
    }

    /// The plain-ASCII fast path must cut and hash exactly as the general loop does, on every kind of
    /// text: real articles and random strings of the characters that make words end or go on.
    @Test func theFastPathAgreesWithTheGeneralLoop() throws {
        var general = tokenizer
        general.asciiFastPath = false
        var texts = [try SeedArticle.text()]
        var generator = SplitMix64(seed: 20261206)
        let pieces = ["a", "Z", "9", "s", "S", ".", "&", "'", "’", "é", "É", " ", "\n", "-", "—", " — ", ",", "(", "U.S.", "'s", "’s",
                      "ﬁ", "ß", "İ", "😀", "北京", "ʼ", "\u{301}", "\t", "\u{A0}", "x.", ":", "|", "?"]
        // Words of eight letters and more, which the fast path reads eight bytes at a time, run into
        // every ASCII character and a few non-ASCII ones at every offset.
        let longWords = ["internationally", "Cyberattacks", "ABCDEFGH", "abcdefg", "a1b2c3d4e5", "zzzzzzzzzzzzzzzzz", "Z9", "operations"]
        let everyByte = (0..<128).map { String(UnicodeScalar(UInt8($0))) } + ["é", "’", "😀", "\u{85}"]
        for round in 0..<3_000 {
            let alphabet = round < 2_000 ? pieces : longWords + everyByte
            texts.append((0..<Int(generator.next() % 40)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined())
        }
        for text in texts {
            for keepFolded in [true, false] {
                var copy = text
                let fast = copy.withUTF8 { tokenizer.tokenize($0, keepFolded: keepFolded) }
                let slow = copy.withUTF8 { general.tokenize($0, keepFolded: keepFolded) }
                #expect(fast.tokens.count == slow.tokens.count, "\(text.debugDescription)")
                for (a, b) in zip(fast.tokens, slow.tokens) {
                    #expect(a.start == b.start && a.end == b.end && a.byteStart == b.byteStart && a.byteEnd == b.byteEnd
                        && a.lemmaHash == b.lemmaHash && a.flags == b.flags, "\(text.debugDescription)")
                    if keepFolded { #expect(fast.foldedWord(a) == slow.foldedWord(b), "\(text.debugDescription)") }
                }
            }
        }
    }
}
