import Foundation
import Testing

@testable import EntityCore

@Suite struct EntityTagTests {
    @Test func spansAndTagsRoundTrip() {
        let spans: [(first: Int, last: Int, type: EntityType)] = [(0, 1, .person), (3, 3, .location), (5, 7, .organization)]
        let tags = EntityTags.tags(count: 9, spans: spans)
        #expect(tags == [
            EntityTags.tag(.person, .begin), EntityTags.tag(.person, .last), 0, EntityTags.tag(.location, .unit), 0,
            EntityTags.tag(.organization, .begin), EntityTags.tag(.organization, .inside), EntityTags.tag(.organization, .last), 0,
        ])
        #expect(EntityTags.spans(tags).map { "\($0.first)-\($0.last) \($0.type)" } == ["0-1 person", "3-3 location", "5-7 organization"])
    }

    @Test func insideAndLastOnlyContinueAnOpenNameOfTheirType() {
        let begin = EntityTags.tag(.person, .begin)
        #expect(EntityTags.allowed(EntityTags.tag(.person, .inside), after: begin))
        #expect(EntityTags.allowed(EntityTags.tag(.person, .last), after: begin))
        #expect(!EntityTags.allowed(EntityTags.tag(.location, .last), after: begin))
        #expect(!EntityTags.allowed(EntityTags.tag(.person, .last), after: EntityTags.outside))
        #expect(EntityTags.allowed(EntityTags.outside, after: begin))
    }

    @Test func aNameLeftOpenEndsAtItsLastToken() {
        let tags = [EntityTags.tag(.person, .begin), EntityTags.tag(.person, .inside), EntityTags.outside, EntityTags.tag(.location, .begin)]
        #expect(EntityTags.spans(tags).map { "\($0.first)-\($0.last) \($0.type)" } == ["0-1 person", "3-3 location"])
    }
}

@Suite struct TaggerTrainingTests {
    /// Sentences where a made-up word after "visited" is a place and before "said" a person.
    static let training: [AnnotatedText] = ["Zorvath", "Quillan", "Brevik", "Tamsor", "Ulmeria", "Koshev"].flatMap { name in
        let visit = "Yesterday she visited \(name) again ."
        let said = "Later \(name) said nothing ."
        let visitStart = "Yesterday she visited ".unicodeScalars.count
        return [
            AnnotatedText(text: visit, names: [AnnotatedName(start: visitStart, end: visitStart + name.count, type: .location)]),
            AnnotatedText(text: said, names: [AnnotatedName(start: 6, end: 6 + name.count, type: .person)]),
        ]
    }

    @Test func learnsFromAnnotatedTextAndKeepsWhatItLearnedThroughItsFile() throws {
        let rulesOnly = try EntityEngine(tagger: nil)
        let tagger = rulesOnly.trainTagger(on: Self.training, epochs: 5)
        let reloaded = try EntityTagger(modelData: tagger.serialized())
        let engine = try EntityEngine(tagger: reloaded)
        let found = engine.entities(in: "Yesterday she visited Pellmora again . Later Drovan said nothing .")
        #expect(found.map { "\($0.text) \($0.type.rawValue)" } == ["Pellmora LOCATION", "Drovan PERSON"])
    }

    @Test func trainingIsDeterministic() throws {
        let engine = try EntityEngine(tagger: nil)
        let first = engine.trainTagger(on: Self.training, epochs: 3).serialized()
        let second = engine.trainTagger(on: Self.training, epochs: 3).serialized()
        #expect(first == second)
        #expect(first.count > 100)
    }

    @Test func severalShufflesGiveTheMeanOfTheirPerceptrons() throws {
        let engine = try EntityEngine(tagger: nil)
        let first = engine.trainTagger(on: Self.training, epochs: 3, seed: 5).model
        let second = engine.trainTagger(on: Self.training, epochs: 3, seed: 6).model
        let mean = engine.trainTagger(on: Self.training, epochs: 3, seed: 5, shuffles: 2).model
        var features: Set<UInt64> = []
        first.rows.forEach { hash, _ in features.insert(hash) }
        second.rows.forEach { hash, _ in features.insert(hash) }
        #expect(mean.rows.count == features.count)
        var compared = 0
        for feature in features {
            for tag in 0..<EntityTags.count {
                let expected = (Self.weight(first, feature, tag) + Self.weight(second, feature, tag)) / 2
                #expect(abs(Self.weight(mean, feature, tag) - expected) < 1e-6)
                compared += 1
            }
        }
        #expect(compared > 100)
        // Shuffled training stays deterministic.
        #expect(engine.trainTagger(on: Self.training, epochs: 3, seed: 5, shuffles: 2).serialized() == mean.serialized())
    }

    @Test func theMeanOfModelsWeighsAMissingFeatureAsZero() {
        func model(_ features: [(UInt64, [Float])]) -> PerceptronModel {
            var rows = FlatHashTable()
            var weights: [Float] = []
            for (row, (hash, values)) in features.enumerated() {
                rows.set(hash, Int32(row))
                weights += values + [Float](repeating: 0, count: EntityTags.count - values.count)
            }
            return PerceptronModel(rows: rows, weights: weights)
        }
        let mean = PerceptronModel(meanOf: [model([(7, [2, 4]), (9, [1])]), model([(9, [3, -1]), (11, [0, 0, 6])])])
        #expect(mean.rows.count == 3)
        #expect(Self.weight(mean, 7, 0) == 1 && Self.weight(mean, 7, 1) == 2)
        #expect(Self.weight(mean, 9, 0) == 2 && Self.weight(mean, 9, 1) == -0.5)
        #expect(Self.weight(mean, 11, 2) == 3 && Self.weight(mean, 11, 0) == 0)
    }

    private static func weight(_ model: PerceptronModel, _ feature: UInt64, _ tag: Int) -> Float {
        guard let row = model.rows.value(for: feature) else { return 0 }
        return model.weights[Int(row) * EntityTags.count + tag]
    }

    @Test func aMalformedModelIsRefusedWithAReason() {
        #expect(throws: PerceptronModel.FormatError.self) { try EntityTagger(modelData: Data("FWNR".utf8)) }
        do {
            _ = try EntityTagger(modelData: Data("not a model".utf8))
            Issue.record("accepted a file without the header")
        } catch {
            #expect("\(error)".contains("no FWNR header"))
        }
    }

    @Test func theBuiltInModelLoads() {
        #expect(EntityTagger.builtIn.featureCount > 10_000)
    }
}

@Suite struct TaggedEntityTests {
    let engine: EntityEngine
    let rulesOnly: EntityEngine

    init() throws {
        engine = try EntityEngine()
        rulesOnly = try EntityEngine(tagger: nil)
    }

    private func typed(_ engine: EntityEngine, _ text: String) -> [String: EntityType] {
        Dictionary(engine.entities(in: text).map { ($0.text, $0.type) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func aLongerNameAroundAPlaceIsTheName() {
        let text = "The Philadelphia Eagles beat the home side on Sunday."
        #expect(typed(rulesOnly, text)["Philadelphia"] == .location)
        #expect(typed(engine, text)["Philadelphia Eagles"] == .organization, "\(typed(engine, text))")
    }

    @Test func titlesLowerCaseWordsAndCommonWordsAreNotNames() {
        let found = typed(engine, "US Defense Secretary Pete Hegseth met the Vice President. Munich Re said losses rose.")
        #expect(found["Pete Hegseth"] == .person)
        for junk in ["Defense Secretary", "Secretary", "Vice President", "rose", "The"] { #expect(found[junk] == nil, "\(junk) in \(found)") }
    }

    @Test func shortFormsTakeTheFullNameAndItsType() {
        let found = engine.entities(in: """
            Analysts at Goldman Sachs expect rates to fall, Goldman said. John Major met Kenneth Clarke. Later Major said the talks went well.
            """)
        #expect(found.contains { $0.text == "Goldman" && $0.type == .organization && $0.canonical == "Goldman Sachs" }, "\(found)")
        #expect(found.contains { $0.text == "Major" && $0.type == .person && $0.canonical == "John Major" }, "\(found)")
    }

    @Test func anOrganisationsSpanLeavesOutALeadingThe() {
        let found = typed(engine, "Officials of the National Hockey League spoke. Reporting by The Record.")
        #expect(found["National Hockey League"] == .organization, "\(found)")
        #expect(found["the National Hockey League"] == nil)
        #expect(engine.entities(in: "Reporting by The Record.").contains { $0.text == "Record" && $0.canonical == "The Record" })
    }

    @Test func aLineInCapitalsKeepsOnlyKnownNamesAndNamesWrittenNormallyElsewhere() {
        let found = engine.entities(in: """
            SOCCER - LEEDS UNITED BEAT CHELSEA 2-1 IN PREMIER LEAGUE CLASH
            Tony Yeboah scored twice as his side beat Chelsea at Elland Road, and Ruud Gullit blamed the referee.
            """)
        let texts = Set(found.map(\.text))
        for junk in ["SOCCER", "UNITED BEAT CHELSEA", "LEAGUE CLASH"] { #expect(!texts.contains(junk), "\(junk) in \(texts)") }
        #expect(texts.isSuperset(of: ["CHELSEA", "Chelsea", "Ruud Gullit"]), "\(texts)")
    }

    @Test func aTitleBeforeABodysNameIsPartOfTheBody() {
        let found = typed(engine, "Premier League: Arsenal 2 Liverpool 1. The Premier League said the match would stand.")
        #expect(found["Premier League"] == .organization, "\(found)")
        #expect(found["League"] == nil)
    }

    @Test func aNameEndingInACompanysLegalFormIsAnOrganisation() {
        let found = typed(engine, "Shares in Siemens AG fell in Frankfurt, while Philips N.V. rose.")
        #expect(found["Siemens AG"] == .organization, "\(found)")
        #expect(found["Frankfurt"] == .location)
        // After a comma too, whatever the tagger made of the words before it.
        let fined = typed(engine, "Regulators fined Petroleos de Venezuela, S.A. on Monday.")
        #expect(fined["Petroleos de Venezuela, S.A."] == .organization, "\(fined)")
        #expect(fined["Petroleos de Venezuela"] == nil && fined["S.A."] == nil, "\(fined)")
    }

    /// A Korean or Chinese name written surname first with a hyphenated given name is a person even
    /// where its words are common ones ("Ban", "Moon"), and the surname alone is that person after it.
    @Test func aHyphenatedGivenNameAfterASurnameIsAPerson() {
        let found = engine.entities(in: "Former UN chief Ban Ki-moon met Moon Jae-in in Seoul, and Tsai Ing-wen sent a letter. "
            + "Earlier, Ban had warned of a ban on aid.")
        for name in ["Ban Ki-moon", "Moon Jae-in", "Tsai Ing-wen"] {
            #expect(found.contains { $0.text == name && $0.type == .person }, "\(name): \(found)")
        }
        #expect(found.contains { $0.text == "Ban" && $0.type == .person && $0.canonical == "Ban Ki-moon" }, "\(found)")
        #expect(found.filter { $0.text.lowercased() == "ban" }.count == 1, "the common word is no name: \(found)")
        #expect(found.contains { $0.text == "Seoul" && $0.type == .location })
    }

    /// A body, a title and a person run together are two names; titles alone before a person are none.
    @Test func aTitleBetweenABodyAndAPersonPartsThem() {
        let found = typed(engine, "The plan was signed, said NASA Administrator Bill Nelson on Friday, and Google CEO Sundar Pichai agreed.")
        #expect(found["NASA"] == .organization && found["Google"] == .organization, "\(found)")
        #expect(found["Bill Nelson"] == .person && found["Sundar Pichai"] == .person, "\(found)")
        #expect(!found.keys.contains { $0.contains("Administrator") || $0.contains("CEO") }, "\(found)")
        let titles = typed(engine, "Prime Minister Narendra Modi met Defense Secretary Lloyd Austin.")
        #expect(titles["Narendra Modi"] == .person && titles["Lloyd Austin"] == .person, "\(titles)")
        #expect(!titles.keys.contains { $0.contains("Prime") || $0.contains("Defense") }, "\(titles)")
    }

    /// A title's office named across "of", "for" and "and" goes with the title, its common nouns too;
    /// what follows is the person only if it starts like a name.
    @Test func anOfficeNamedAfterATitleIsNoPartOfThePerson() {
        let found = typed(engine, "Refugees greeted U.N. High Commissioner for Refugees Filippo Grandi. \"It matters,\" said "
            + "Under Secretary of Commerce for Industry and Security Alan Estevez, with the Secretary of State for Health and Social Care.")
        #expect(found["Filippo Grandi"] == .person && found["Alan Estevez"] == .person, "\(found)")
        #expect(!found.keys.contains { $0.hasPrefix("Refugees ") || $0.hasPrefix("Security ") }, "\(found)")
        #expect(found["Social Care"] == nil, "an office's words alone are no person: \(found)")
        // A headline's words before "of" name no office ("Governor Approves Relocation of US Marine Base").
        let headline = engine.entities(in: "Okinawa Governor Approves Relocation of US Marine Base\nThe base will move.")
        #expect(headline.contains { $0.text.hasPrefix("US") }, "\(headline.map(\.text))")
    }

    /// A title-case headline's name trimmed of its headline words to a name the gazetteer knows takes
    /// the gazetteer's type: the tagger had read "Jordan Bears" as a team.
    @Test func aHeadlineNameTrimmedToAKnownNameTakesItsType() {
        let found = typed(engine, "Jordan Bears Burden of Syria Refugees\nThe kingdom has received the most refugees.")
        #expect(found["Jordan"] == .location && found["Syria"] == .location, "\(found)")
    }

    /// A plural common noun alone is no person; a surname that ends in "s" still is one.
    @Test func aPluralCommonNounAloneIsNoPerson() {
        let found = engine.entities(in: "Jordan Bears Burden of Syria Refugees\nThe U.N. High Commissioner for Refugees says more "
            + "than 200,000 Syrians have fled. Tom Jones sang. Jones said the camps are full.")
        #expect(!found.contains { $0.text == "Refugees" }, "\(found.map { ($0.text, $0.type) })")
        #expect(found.contains { $0.text == "Jones" && $0.type == .person }, "\(found.map { ($0.text, $0.type) })")
    }

    /// A body's first word that the gazetteer names on its own (a people's) is no short form of it.
    @Test func aPeoplesNameIsNoShortFormOfABodyItStarts() {
        let found = engine.entities(in: "A number of Dutch people from the Dutch East Indies ( now Indonesia ) found their way to Australia "
            + "during World War II . The Netherlands East Indies government operated from Australia during the war . Eleven Free Dutch "
            + "Submarines operated out of Fremantle after the invasion of Java .")
        #expect(found.contains { $0.text == "Dutch East Indies" }, "\(found.map { ($0.text, $0.type) })")
        #expect(!found.contains { $0.text == "Dutch" && $0.type == .organization }, "\(found.map { ($0.text, $0.type) })")
    }

    @Test func aSurnameTakesTheFullNameOfItsDocument() {
        let found = engine.entities(in: "Satya Nadella spoke in Seattle. Nadella said Microsoft would invest.")
        #expect(found.contains { $0.text == "Nadella" && $0.type == .person && $0.canonical == "Satya Nadella" }, "\(found)")
        #expect(found.contains { $0.text == "Seattle" && $0.type == .location })
    }
}

@Suite struct LongTextTests {
    @Test func aLongTextIsReadInPiecesWithOffsetsIntoTheWholeText() throws {
        let engine = try EntityEngine()
        let paragraph = "Ünter den Linden, Angela Merkel met Emmanuel Macron in Paris. Macron said Russia would listen.\n"
        let text = String(repeating: paragraph, count: 40)
        let whole = engine.entities(in: text)
        let pieces = engine.entities(in: text, chunkBytes: 1_000)
        #expect(pieces.count == whole.count && pieces.count >= 40 * 4, "\(pieces.count) vs \(whole.count)")
        let scalars = Array(text.unicodeScalars)
        for mention in pieces {
            #expect(String(String.UnicodeScalarView(scalars[mention.start..<mention.end])) == mention.text)
        }
        #expect(Set(pieces.map(\.canonical)).isSuperset(of: ["Angela Merkel", "Emmanuel Macron", "Paris", "Russia"]))
    }

    @Test func piecesEndAtALineBreakOrASpaceAndNeverInsideACharacter() {
        let bytes = Array("aaaa bbbb\ncccc dddd eeee".utf8)
        #expect(EntityEngine.pieceEnd(bytes, from: 0, limit: 12) == 10)  // after the line break
        let accented = Array(String(repeating: "é", count: 20).utf8)
        let end = EntityEngine.pieceEnd(accented, from: 0, limit: 7)
        #expect(end % 2 == 0 && end > 0)
    }
}

@Suite struct LongTextMatchTests {
    /// Matching streams tokens into the automaton: a field of any length is read in one pass, and
    /// its hits carry offsets into the whole field (non-ASCII text before them included).
    @Test func aLongFieldIsMatchedInOnePassWithOffsetsIntoTheWholeField() throws {
        let list = Watchlist(name: "w", topics: [
            Topic(name: "cyber", terms: ["cyber operations"]), Topic(name: "Russia", entity: "Russia"),
        ], rule: .all, minimumMentions: 3)
        let engine = try EntityEngine(watchlists: [list])
        let text = String(repeating: "Nothing happened here today.\n", count: 9_000)
            + "The US ended cyber operations.\n" + String(repeating: "Quiet lines, ünd more.\n", count: 12_000) + "Russia said nothing.\n"
            + String(repeating: "More words é.\n", count: 5_000) + "Russian officials met.\n"
        #expect(text.utf8.count > 600_000)
        let match = try #require(engine.match(Article(content: text)).first)
        #expect(match.topics == ["cyber", "Russia"])
        #expect(match.hits.map(\.matchedText) == ["cyber operations", "Russia", "Russian"])
        let scalars = Array(text.unicodeScalars)
        for hit in match.hits {
            #expect(String(String.UnicodeScalarView(scalars[hit.start..<hit.end])) == hit.matchedText)
        }
        #expect(match.hits.last?.snippet == "Russian officials met.")
    }
}
