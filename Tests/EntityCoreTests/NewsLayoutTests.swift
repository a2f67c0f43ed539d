@testable import EntityCore
import Testing

/// News copy as wires lay it out, typed as annotated news (MUC-7, CoNLL-2003) types it. The texts
/// are written for these tests in the wires' formats.
@Suite struct NewsLayoutTests {
    private let engine: EntityEngine

    init() throws { engine = try EntityEngine() }

    private func typed(_ text: String) -> [String: EntityType] {
        Dictionary(engine.entities(in: text).map { ($0.text, $0.type) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func namesInsideHyphenatedAdjectivesAreNoNames() {
        let found = typed("U.S.-led forces met Tripoli-based officials and pro-Moscow rebels near Kharkiv.")
        for inside in ["U.S.", "Tripoli", "Moscow"] { #expect(found[inside] == nil, "\(inside) in \(found)") }
        #expect(found["Kharkiv"] == .location)
    }

    @Test func aHyphenatedGivenNameIsNoAdjective() {
        let found = typed("South Korean President Lee Jae-myung met North Korean leader Kim Jong-un, and Kremlin-run media said so.")
        #expect(found["Lee Jae-myung"] == .person && found["Kim Jong-un"] == .person, "\(found)")
        #expect(found["Kremlin"] == nil && found["Kremlin-run"] == nil, "\(found)")
        // A place that is its own demonym stays a place.
        #expect(typed("Chiang Kai-shek fled to Taiwan .")["Taiwan"] == .location)
    }

    @Test func datelinesNamePlaces() {
        let found = engine.entities(in: "SKIING - WORLD CUP RESULTS .\nWHISTLER , British Columbia 1996-12-06\nResults were delayed .\nLONDON 1996-12-06")
        let places = found.filter { $0.type == .location }.map(\.text)
        #expect(places == ["WHISTLER", "British Columbia", "LONDON"], "\(found.map { ($0.text, $0.type) })")
    }

    @Test func aHeadlineNamingAProductWithAnInnerCapitalIsStillAHeadline() {
        let found = typed("Apple Unveils New iPhone at Cupertino Event; Shares Slip")
        #expect(found["Cupertino"] == .location && found["Cupertino Event"] == nil, "\(found)")
    }

    /// A title-case headline the tagger read as one name is parted at its verb (one the verb list
    /// holds, or one of the verbs' word cluster) and at its prepositions; each part the gazetteer
    /// knows is what it names, and a place's word alone names nothing.
    @Test func aTitleCaseHeadlineIsPartedAtItsVerbAndPrepositions() {
        let district = typed("Taliban Captures District In Helmand Province\n\nThe militants took the town on Friday.")
        #expect(district["Taliban"] == .organization, "\(district)")
        #expect(district["Helmand Province"] == .location, "\(district)")
        #expect(!district.keys.contains { $0.contains("Captures") || $0 == "District" }, "\(district)")
        let square = typed("Riot Police Overrun Taksim Square\n\nOfficers cleared the square in Istanbul.")
        #expect(square["Taksim Square"] == .location, "\(square)")
        #expect(!square.keys.contains { $0.contains("Overrun") || $0.contains("Police") }, "\(square)")
        // A word written capitalised more often than not is a name's, not the headline's.
        let store = typed("Apple Opens New Store In Ohio As Sales Climb\n\nThe company hired staff.")
        #expect(store["Apple"] == .organization && store["Ohio"] == .location, "\(store)")
        #expect(!store.keys.contains { $0.contains("Sales") || $0.contains("Store") }, "\(store)")
        // "Of" stays inside a body's name.
        let bank = typed("Bank Of England Holds Rates As Inflation Eases\n\nThe bank kept its rate.")
        #expect(bank["Bank Of England"] == .organization, "\(bank)")
        #expect(!bank.keys.contains { $0.contains("Holds") || $0.contains("Inflation") }, "\(bank)")
    }

    /// Written in the style of an agency's release: the headline's verb after a body's name, and
    /// what follows it, are the headline's; the body keeps its common words.
    @Test func aHeadlinesVerbIsNoPartOfTheNameBeforeIt() {
        let found = typed("Census Bureau Announces Dates for Upcoming Population Estimates Releases\n\nThe bureau will release them.")
        #expect(found["Census Bureau"] == .organization, "\(found)")
        #expect(!found.keys.contains { $0.contains("Announces") }, "\(found)")
        // A given name that is a common word goes with the headline's capitals, and comes back
        // where the text names the person in full.
        let person = engine.entities(in: "Commerce Secretary Penny Pritzker Announces Record Exports in 2014\n\nSecretary of Commerce Penny Pritzker announced the data.")
        #expect(person.filter { $0.type == .person }.map(\.text) == ["Penny Pritzker", "Penny Pritzker"], "\(person.map { ($0.text, $0.type) })")
        let arrives = typed("Dunford Arrives in Brussels for NATO Meetings\n\nMarine Corps Gen. Joseph F. Dunford Jr. arrived on Tuesday.")
        #expect(!arrives.keys.contains { $0.contains("Arrives") }, "\(arrives)")
        #expect(arrives["Brussels"] == .location && arrives["NATO"] == .organization, "\(arrives)")
    }

    @Test func aSentenceDenseWithNamesIsNoHeadline() {
        // Five of its seven words are capitalised, as in a headline, but "named" is a lower-case verb.
        #expect(typed("He named John Smith as Chief Executive.")["John Smith"] == .person)
    }

    @Test func aNewsroomIsAnOrganisation() {
        #expect(typed("-- London Newsroom +44 171 542 7658")["London Newsroom"] == .organization)
    }

    /// A dateline printed in lower case before a dash names its places, where the gazetteer knows
    /// every one; other lower-case words before a dash name nothing.
    @Test func aLowerCaseDatelineNamesItsPlaces() {
        let found = typed("Polio cornered, experts say\n\nislamabad, pakistan — Global eradication efforts have cornered the virus.\n\n"
            + "geneva -- U.N. agencies condemned the strikes.\n\nthe end — nothing here, said one official.")
        for name in ["islamabad", "pakistan", "geneva"] { #expect(found[name] == .location, "\(name) in \(found)") }
        #expect(found["the end"] == nil && found["end"] == nil, "\(found)")
    }

    /// A State Department media note's head: the label names nothing, the office it comes from is an
    /// organisation (as the annotated releases have it).
    @Test func aReleaseLabelIsNoName() {
        let found = typed("Media Note\nOffice of the Spokesperson\nWashington, DC\nMarch 8, 2018\n\nThe Department of State has designated two men.")
        #expect(found["Note"] == nil && found["Media Note"] == nil, "\(found)")
        #expect(found["Office of the Spokesperson"] == .organization)
        #expect(found["Department of State"] == .organization)
        let fact = typed("FACT SHEET\nPress Statement\nThe Statement of Principles was signed in Geneva.")
        #expect(fact["FACT SHEET"] == nil && fact["Press Statement"] == nil && fact["Statement"] == nil, "\(fact)")
        #expect(fact["Geneva"] == .location)
    }

    @Test func resultsRowsNameClubsAndNationalSidesAsAnnotated() {
        let found = typed("Results of matches on Saturday :\nLeeds 2 Sheffield Wednesday 1\nJapan 2 Syria 1\nNewcastle 16 9 3 4 29 17 30")
        let expected: [String: EntityType] = [
            "Leeds": .organization, "Sheffield Wednesday": .organization, "Japan": .location, "Syria": .location, "Newcastle": .organization,
        ]
        for (name, type) in expected { #expect(found[name] == type, "\(name) in \(found)") }
    }

    @Test func peopleInResultsAndScorecards() {
        let found = typed("Quarter-finals :\nPete Sampras ( U.S. ) beat Jim Courier ( U.S. ) 6-3 6-4\nIjaz Ahmad c Spearman b Vaughan 59\nSaeed Anwar run out 91")
        for person in ["Pete Sampras", "Jim Courier", "Ijaz Ahmad", "Spearman", "Vaughan", "Saeed Anwar"] { #expect(found[person] == .person, "\(person) in \(found)") }
        #expect(found["U.S."] == .location)
    }

    @Test func scorersInBracketsArePeopleAndRowLabelsNoNames() {
        let found = typed("Summary of the match played on Saturday :\nAjax 3 ( Kluivert 9 , Litmanen 19 , Overmars 67 ) Twente 1 ( Vurens 40 ) 1-0 . Attendance 25,000")
        for person in ["Kluivert", "Litmanen", "Overmars", "Vurens"] { #expect(found[person] == .person, "\(person) in \(found)") }
        #expect(found["Ajax"] == .organization && found["Twente"] == .organization, "\(found)")
        #expect(found["Attendance"] == nil, "\(found)")
    }

    @Test func titlesInitialsAndGenerationsMakeOnePerson() {
        let found = engine.entities(in: """
            Secretary of State Antony J. Blinken met Defense Minister Kihara Minoru and Secretary of Defense Lloyd J. Austin III. \
            Later Austin said the talks went well.
            """)
        let people = found.filter { $0.type == .person }.map(\.text)
        #expect(people == ["Antony J. Blinken", "Kihara Minoru", "Lloyd J. Austin III", "Austin"], "\(found.map { ($0.text, $0.type) })")
        #expect(found.last?.canonical == "Lloyd J. Austin III", "the surname is the person, not the Texas city")
    }

    @Test func anAbbreviationEndingANameKeepsItsPeriod() {
        let found = engine.entities(in: "Apple Inc. shares rose after Joseph R. Biden Jr. spoke; shares of Acme Corp fell.")
        #expect(found.map(\.text) == ["Apple Inc.", "Joseph R. Biden Jr.", "Acme Corp"], "\(found.map(\.text))")
        for mention in found { #expect(mention.end - mention.start == mention.text.unicodeScalars.count) }
    }

    @Test func aPersonAfterAnAbbreviatedRankIsAPerson() {
        // The rank's periods part the person from it; on a line of its own the tagger did not find him.
        let people = engine.entities(in: "It rained.\nLt. Gen. Kenneth Wilsbach told reporters in Qatar.").filter { $0.type == .person }
        #expect(people.map(\.text) == ["Kenneth Wilsbach"])
    }

    @Test func aPlaceAfterATitleAndOfIsNoPerson() {
        let found = engine.entities(in: "The President of France met the Governor General of Canada and Prime Minister of India Narendra Modi.")
        let typed = found.map { "\($0.text)/\($0.type.rawValue.prefix(3))" }
        #expect(typed == ["France/LOC", "Canada/LOC", "India/LOC", "Narendra Modi/PER"], "\(typed)")
    }

    @Test func namesTypedByTheirOwnWords() {
        let found = typed("The Department of State and the Office of Foreign Assets Control named North Korean firms before the Grand Slam Cup.")
        #expect(found["Department of State"] == .organization, "\(found)")
        #expect(found["Office of Foreign Assets Control"] == .organization, "\(found)")
        for notPlaceOrBody in ["North Korean", "Grand Slam Cup"] {
            #expect(found[notPlaceOrBody] != .location && found[notPlaceOrBody] != .organization, "\(notPlaceOrBody) in \(found)")
        }
        // The competition's last word alone, as its short form.
        let cup = typed("The Montreal team won the Stanley Cup in 1893, the first year the Cup was contested.")["Cup"]
        #expect(cup != .organization && cup != .location, "\(String(describing: cup))")
    }

    @Test func commonWordsHolidaysAndKnownNamesKeepTheirPlace() {
        let found = engine.entities(in: """
            Shares of Microsoft Corp rose before Easter. The U.N. Security Council met, and a U.N. deal was signed. \
            Dutch officials agreed.
            """)
        let byText = Dictionary(found.map { ($0.text, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byText["Microsoft Corp"]?.type == .organization, "\(found.map(\.text))")
        #expect(byText["Shares of Microsoft Corp"] == nil)
        #expect(byText["Easter"].map { $0.type == .misc } ?? true, "a holiday is no organisation")
        #expect(found.filter { $0.text == "U.N." }.allSatisfy { $0.canonical == "United Nations" }, "\(found.map { ($0.text, $0.canonical) })")
        #expect(byText["Dutch"]?.canonical == "Netherlands")
    }

    @Test func possessivesPartNamesAndBodiesJoinedByAndAreTwo() {
        let found = typed("Japan's Defense Ministry and the U.S. Department of the Treasury met. The Ministry of Energy and the Ministry of Interior agreed.")
        #expect(found["Japan"] == .location, "\(found)")
        #expect(found["Defense Ministry"] == .organization, "\(found)")
        // Its country's short form first is the body's, as annotated news has it (BodyNames.swift).
        #expect(found["U.S. Department of the Treasury"] == .organization && found["U.S."] == nil, "\(found)")
        #expect(found["Ministry of Energy"] == .organization, "\(found)")
        #expect(found.keys.allSatisfy { !$0.contains(" and ") }, "\(found)")
    }

    @Test func aTitleCaseHeadlineLendsNoWordsToNames() {
        let found = engine.entities(in: "Austin Makes Subic Bay Visit, Warns of Threats\nThe visit lasted two days in January.")
        let texts = found.map(\.text)
        #expect(texts.contains("Subic Bay"), "\(texts)")
        #expect(!texts.contains { $0.hasSuffix("Visit") || $0.hasPrefix("Makes") }, "\(texts)")
        #expect(!texts.contains("January"), "a month is no name")
    }
}
