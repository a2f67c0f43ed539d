@testable import EntityCore
import Testing

/// Names the words around them imply (`ImpliedNames.swift`), and the physical geography the
/// gazetteer holds. The sentences are written for these tests in the style of news and
/// encyclopaedia copy.
@Suite struct ImpliedNamesTests {
    private let engine: EntityEngine

    init() throws { engine = try EntityEngine() }

    private func found(_ text: String) -> [EntityMention] { engine.entities(in: text) }

    private func typed(_ text: String) -> [String: EntityType] {
        Dictionary(found(text).map { ($0.text, $0.type) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func aBracketedAcronymIsItsNamesShortFormAndRecurs() {
        let mentions = found("The Amateur Hockey Association of Canada ( AHAC ) was founded in 1886. Later the AHAC split, "
            + "and the Syrian Observatory for Human Rights (SOHR) said so.")
        let acronyms = mentions.filter { $0.text == "AHAC" }
        #expect(acronyms.count == 2, "\(mentions.map { ($0.text, $0.type) })")
        for acronym in acronyms {
            #expect(acronym.type == .organization)
            #expect(acronym.canonical == "Amateur Hockey Association of Canada")
        }
    }

    /// A short form written like a word, of the name's first letters and some after them, is its
    /// short form too; a word in brackets that is no such short form is not ("Gazprom (Moscow)").
    @Test func aBracketedShortFormWrittenLikeAWordIsTheNames() {
        let mentions = found("According to the Philippine Institute of Volcanology and Seismology (Phivolcs), the quake was shallow. "
            + "Britain's Office of Communications (Ofcom) fined the broadcaster. Ofcom and Phivolcs said more. Gazprom (Moscow) fell.")
        for (short, long) in [("Phivolcs", "Philippine Institute of Volcanology and Seismology"), ("Ofcom", "Office of Communications")] {
            let forms = mentions.filter { $0.text == short }
            #expect(forms.count == 2, "\(short): \(mentions.map { ($0.text, $0.type) })")
            #expect(forms.allSatisfy { $0.type == .organization && $0.canonical == long }, "\(forms.map { ($0.type, $0.canonical) })")
        }
        #expect(mentions.first { $0.text == "Moscow" }?.type == .location, "\(mentions.map { ($0.text, $0.type) })")
    }

    @Test func anAcronymNeedsTheNamesInitials() {
        // FDLR abbreviates the French name, not the English one before it; a number in brackets is none.
        let mentions = found("The Democratic Forces for the Liberation of Rwanda (FDLR) met the Kenya Defence Forces (KDF) in 2024 (COVID), "
            + "and officials of al-Qaeda in the Islamic Maghreb (AQIM) met Mark Pritchard (MP).")
        func canonical(_ text: String) -> String? { mentions.first { $0.text == text }?.canonical }
        #expect(canonical("KDF") == "Kenya Defence Forces", "\(mentions.map { ($0.text, $0.canonical) })")
        // Lower-case words may be left out of it, however many.
        #expect(canonical("AQIM") == "al-Qaeda in the Islamic Maghreb", "\(mentions.map { ($0.text, $0.canonical) })")
        #expect(canonical("FDLR") != "Democratic Forces for the Liberation of Rwanda")
        // A person's initials are not taken for the person.
        #expect(canonical("MP") != "Mark Pritchard")
    }

    @Test func theWordsBeforeAnAcronymThatTheyAbbreviateAreOneName() {
        let mentions = found("According to the Institute for the Study of War (ISW), Russian forces advanced. "
            + "The Islamic State of Iraq and the Levant (ISIL) claimed the attack.")
        func mention(_ text: String) -> EntityMention? { mentions.first { $0.text == text } }
        #expect(mention("Institute for the Study of War")?.type == .organization, "\(mentions.map { ($0.text, $0.type) })")
        #expect(mention("ISW")?.canonical == "Institute for the Study of War")
        // An acronym the gazetteer knows keeps its entry, and the name spelt out takes it.
        #expect(mention("Islamic State of Iraq and the Levant")?.canonical == "Islamic State", "\(mentions.map { ($0.text, $0.canonical) })")
        #expect(mention("ISIL")?.canonical == "Islamic State")
        // Words joined by hyphens are part of it.
        let hyphenated = found("Speaking in Islamabad, the army chief warned the Tehreek-e-Taliban Pakistan (TTP).")
        #expect(hyphenated.contains { $0.text == "Tehreek-e-Taliban Pakistan" && $0.type == .organization }, "\(hyphenated.map { ($0.text, $0.type) })")
    }

    @Test func militaryUnitsKeepTheirOrdinal() {
        let names = typed("The 3rd Infantry Division and the 82nd Airborne Division deployed, the 7th Fleet sailed, and officers "
            + "told reporters at Al Udeid Air Base in Qatar.")
        for unit in ["3rd Infantry Division", "82nd Airborne Division", "7th Fleet"] { #expect(names[unit] == .organization, "\(unit) in \(names)") }
        let written = typed("The U.S. Navy's Seventh Fleet sailed after fighting between the RSF and the Sudanese Armed Forces.")
        for unit in ["Seventh Fleet", "Sudanese Armed Forces"] { #expect(written[unit] == .organization, "\(unit) in \(written)") }
        #expect(names["Al Udeid Air Base"] == .location, "\(names)")
    }

    @Test func pluralsAfterTheAreTeamsAndBands() {
        let names = typed("He was traded to the Athletics in May, pitched for the Blue Jays, and later joined the Zutons.")
        for body in ["Athletics", "Blue Jays", "Zutons"] { #expect(names[body] == .organization, "\(body) in \(names)") }
    }

    @Test func pluralsOfPeoplesAwardsAndHeadlinesAreNoBodies() {
        let names = typed("Officials said the Palestinians watched the Oscars on TV. Police Arrest the Suspects in Attack")
        for word in ["Palestinians", "Oscars", "Suspects"] {
            #expect(names[word] != .organization, "\(word) in \(names)")
        }
        // Joined by a hyphen to the next word, a plural-looking word is part of another name; a singular in -s is no plural.
        #expect(typed("Troops patrol the Trans-Sahel region.")["Trans"] == nil)
        let singulars = typed("Tourists watched the Exodus in the Sixties.")
        for word in ["Exodus", "Sixties"] { #expect(singulars[word] != .organization, "\(word) in \(singulars)") }
    }

    @Test func aTownRunIntoABodyIsTheBodysName() {
        // The tagger finds "Re" as an organisation of its own here, after the town.
        let names = typed("The Montreal Crystals beat the Queens Park Rangers. Munich Re said profits rose.")
        #expect(names["Munich Re"] == .organization, "\(names)")
        #expect(names["Montreal Crystals"] == .organization, "\(names)")
        #expect(names["Munich"] == nil && names["Montreal"] == nil, "\(names)")
    }

    @Test func anUnknownPlaceEndingInATeamsPluralIsTheTeam() {
        let names = typed("He signed with Hamburg Freezers last year, after a season for the Sacramento River Cats.")
        #expect(names["Hamburg Freezers"] == .organization, "\(names)")
        #expect(names["Sacramento River Cats"] == .organization, "\(names)")
    }

    @Test func aCountryBeforeABodyStaysAPlace() {
        let names = typed("Officials at Turkey's Ministry of National Defence said so, and U.S.-Philippines ties grew.")
        #expect(names["Turkey"] == .location, "\(names)")
        #expect(names["U.S.-Philippines"] != .organization && names["Philippines"] != .organization, "\(names)")
    }

    @Test func aParticleContinuesThePersonBeforeIt() {
        let names = typed("Officials named Muhammad al-Ghazali, and Abu Huthaifa al-Ansar spoke. Crown Prince Mohammed bin Salman met troops.")
        for person in ["Muhammad al-Ghazali", "Abu Huthaifa al-Ansar", "Mohammed bin Salman"] {
            #expect(names[person] == .person, "\(person) in \(names)")
        }
        #expect(names["al-Ghazali"] == nil && names["al-Ansar"] == nil, "\(names)")
    }

    @Test func particlesAndTheSurnameAfterThemArePartOfThePerson() {
        let names = typed("It was written by Henrique Lopes de Mendonça. Osama bin Laden met Abu Bakr al-Baghdadi. "
            + "Officials named Wanas al-Faqih as Specially Designated Global Terrorists.")
        for person in ["Henrique Lopes de Mendonça", "Osama bin Laden", "Abu Bakr al-Baghdadi"] {
            #expect(names[person] == .person, "\(person) in \(names)")
        }
        #expect(!names.keys.contains { $0.hasSuffix("Specially Designated") }, "'as' is an English word there: \(names)")
    }

    @Test func peopleWithNothingBetweenThemAreOne() {
        // The tagger found "LeBron" and "James" as two people here.
        let people = found("LeBron James scored 30 points as the Los Angeles Lakers beat the Boston Celtics.").filter { $0.type == .person }
        #expect(people.map(\.text) == ["LeBron James"])
    }

    /// Written in the style of a government's press statement on an election abroad.
    @Test func aNameCongratulatedOnHisElectionIsAPersonThroughout() {
        let mentions = found("""
            We congratulate Salvador Sanchez Ceren on his election as president. I congratulate Taur Matan Ruak on his \
            victory in Timor-Leste’s presidential election. We look forward to working with Taur Matan Ruak.
            """)
        let people = mentions.filter { $0.type == .person }.map(\.text)
        #expect(people == ["Salvador Sanchez Ceren", "Taur Matan Ruak", "Taur Matan Ruak"], "\(mentions.map { ($0.text, $0.type) })")
        #expect(typed("The committee congratulated Microsoft on its results.")["Microsoft"] == .organization)
    }

    @Test func peopleJoinedByAndAreTwo() {
        // Written as the wikigold article is: after a sentence that names Tony Blair, the tagger ran the two together.
        let mentions = found("Steve finds the phone numbers of politicians such as Tony Blair ) . Steve and Roger begin making prank calls . "
            + "Aliyev and I agreed on the text .")
        let people = mentions.filter { $0.type == .person }.map(\.text)
        #expect(people == ["Steve", "Tony Blair", "Steve", "Roger", "Aliyev"], "\(mentions.map { ($0.text, $0.type) })")
        // Each "and" parts them.
        let three = found("Steve finds the phone numbers of politicians such as Tony Blair ) . Steve and Roger and Bill begin making prank calls .")
        #expect(three.filter { $0.type == .person }.map(\.text) == ["Steve", "Tony Blair", "Steve", "Roger", "Bill"], "\(three.map { ($0.text, $0.type) })")
        // A town's name that does what people do is a person; a capital that "said" is its government.
        let doing = found("During the visit, Austin toured a Navy ship . Washington said it would respond .")
        #expect(doing.contains { $0.text == "Austin" && $0.type == .person }, "\(doing.map { ($0.text, $0.type) })")
        #expect(doing.contains { $0.text == "Washington" && $0.type == .location }, "\(doing.map { ($0.text, $0.type) })")
        // A long name the tagger cut after three words goes on, but not past a possessive.
        let long = found("He met Andres Manuel Lopez Obrador and Luiz Inacio Lula da Silva . Lloyd J. Austin III's Meeting ended .")
        let longPeople = long.filter { $0.type == .person }.map(\.text)
        #expect(longPeople == ["Andres Manuel Lopez Obrador", "Luiz Inacio Lula da Silva", "Lloyd J. Austin III"], "\(long.map { ($0.text, $0.type) })")
        // A part the gazetteer names is what it names, not a person.
        let country = found("India 's Prime Minister Narendra Modi and Pakistan 's Shehbaz Sharif both claimed victory .")
        #expect(country.contains { $0.text == "Pakistan" && $0.type == .location }, "\(country.map { ($0.text, $0.type) })")
    }

    @Test func riversMountainsAndSeasArePlaces() {
        let names = typed("Troops crossed the Dnieper while ships left the Caspian Sea; climbers in the Alps and the Andes waited, "
            + "and tankers queued at the Suez Canal.")
        for place in ["Dnieper", "Caspian Sea", "Alps", "Andes", "Suez Canal"] { #expect(names[place] == .location, "\(place) in \(names)") }
    }

    /// Random texts made of the words these rules turn on, run into each other at every place a rule
    /// looks past: every mention lies inside the text, says what the text says there, and comes in
    /// order without overlapping the one before.
    @Test func hostileTextsGiveWellFormedMentions() {
        let pieces = ["the", "The", "and", "al", "al-", "bin", "de", "la", "van", "as", "ad", "(", ")", " (", ") ", "AHAC", "NATO", "MP",
                      "Montreal", "Munich", "Re", "Crystals", "Athletics", "Blue", "Jays", "Steve", "Roger", "Osama", "Laden", "Faqih",
                      "Cup", "Stanley", "Department", "of", "State", "Amateur", "Hockey", "Association", "Canada", "Kurds", "Sixties",
                      "Philippines", "U.S.", "'s", ".", ". ", "\n", ",", "-", " ", " ", " ", "Police", "Arrest", "in", "Jr", "J.",
                      "3rd", "Division", "Institute", "for", "Study", "War", "ISW", "Lt.", "Gen.", "Inc.", "Seventh", "Fleet",
                      "Ärzte", "é", "É", "😀", "\u{301}", "北京", "ÉA", "iPhone", "’s", "—",
                      "/", "--", "–", ":", "Ministry", "Energy", "Natural", "Resources", "China", "Hamas", "Washington", "DC", "Jan", "5",
                      // Laws, storms, threat actors and states after a town (`NamedThings.swift`, `PostalPlaces.swift`).
                      "Act", "Relations", "Taiwan", "Hurricane", "Storm", "0558", "Fancy", "Bear", "APT28", "Appleton", "WI", "Ill",
                      "IN", "Administration", "Carter", "UAVs", "H.R.", "Agency", "Republic", "Korea", "ROK", "Russian", "May", "Sunday",
                      // Clubs in sports reports, acronyms and bills' sponsors (`SportsClubs.swift`, `NamedThings.swift`).
                      "Liverpool", "against", "have", "second", "place", "league", "striker", "goals", "Stoke", "City", "Bolton",
                      "beat", "in", "S.", "419", "Members", "GAO", "IRGC", "QF", "Fort", "Camp", "AFB", "Senior", "Airman", "Petty",
                      "Officer", "Class", "Calif.", "Air", "Force", "Base", "Naval", "Station", "Joint", "RAF", "Ramstein",
                      "anti-ship", "cruise", "missiles", "(ASCM)", "ASCM", "Memorial", "Garden", "Korean", "War",
                      // Kinds of place, courts' districts, bases in lower case (`PlaceKinds.swift`, `MilitaryNames.swift`).
                      "city", "port", "Marib", "District", "Eastern", "Virginia", "West", "Columbia", "base", "International",
                      // Awards and craft, headlines' verbs, people congratulated and named in full (this stop's rules).
                      "Prize", "Telescope", "Award", "Israel", "Announces", "Bureau", "Census", "USDA’s", "congratulate", "on",
                      "his", "Taur", "Matan", "Ruak", "\u{FE0F}", "ManTech", "SRS", "Technologies", "Flight", "Center", "Laboratory"]
        var generator = SplitMix64(seed: 20261207)
        for _ in 0..<2_000 {
            let text = (0..<Int(generator.next() % 30)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined(separator: generator.next() % 2 == 0 ? " " : "")
            let scalars = Array(text.unicodeScalars)
            var previousEnd = 0
            for mention in found(text) {
                #expect(mention.start >= previousEnd && mention.start < mention.end && mention.end <= scalars.count, "\(text.debugDescription)")
                guard mention.start >= 0, mention.start < mention.end, mention.end <= scalars.count else { continue }
                #expect(String(String.UnicodeScalarView(scalars[mention.start..<mention.end])) == mention.text, "\(text.debugDescription)")
                previousEnd = mention.end
            }
        }
    }
}
