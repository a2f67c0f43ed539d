@testable import EntityCore
import Testing

/// Laws, storms, threat actors, venues, military bases, posts and ranks, US states after a town,
/// places after their kind, courts' districts, and words capitalised like names that name nothing
/// (`NamedThings.swift`, `MilitaryNames.swift`, `PostalPlaces.swift`, `PlaceKinds.swift`), and bodies
/// named with their country first (`BodyNames.swift`). The sentences are written for these tests in
/// the style of wire copy and of the reports of government agencies; the expected spans follow
/// CoNLL-2003's conventions (a law is MISC, a storm is MISC, a country standing for its government
/// is a place).
@Suite struct NamedThingsTests: FindsMentions {
    let engine: EntityEngine

    init() throws { engine = try EntityEngine() }

    /// Hospitals are bodies, as annotated news has them, with the place they are named for; a
    /// currency's letters before its sign are no name.
    @Test func aHospitalIsABodyAndACurrencysLettersAreNoName() {
        let mentions = found("Three children were taken to Oban Hospital, and a woman was flown to Glasgow's Southern General Hospital "
            + "and later to Massachusetts General Hospital.")
        for name in ["Oban Hospital", "Southern General Hospital", "Massachusetts General Hospital"] {
            #expect(holds(mentions, name, .organization), "\(name): \(mentions)")
        }
        #expect(holds(mentions, "Glasgow", .location), "\(mentions)")
        let money = found("Thomson closed at CA$46.36 on the exchange, and the bonds fetched US$12 billion in Toronto.")
        #expect(!money.contains { ["CA", "US", "CA$", "US$"].contains($0.text) }, "\(money)")
        #expect(holds(money, "Toronto", .location), "\(money)")
    }

    /// A country's embassy is a body named with its country; a mission's name runs on to where it
    /// serves. In lower case, neither is a name.
    @Test func anEmbassyIsABodyAndAMissionTakesInWhereItServes() {
        let mentions = found("Protesters gathered outside the Russian Embassy in Berlin, and the U.S. Embassy in Kabul closed. "
            + "The African Union Mission in Somalia said its base was attacked.")
        for name in ["Russian Embassy", "U.S. Embassy", "African Union Mission in Somalia"] {
            #expect(holds(mentions, name, .organization), "\(name): \(mentions)")
        }
        for place in ["Berlin", "Kabul"] { #expect(holds(mentions, place, .location), "\(place): \(mentions)") }
        #expect(!mentions.contains { $0.text == "Somalia" }, "\(mentions)")
        let lower = found("The embassy in Paris stayed open, and the mission in Mali ended.")
        #expect(holds(lower, "Paris", .location) && holds(lower, "Mali", .location), "\(lower)")
        #expect(!lower.contains { $0.text.contains("embassy") || $0.text.contains("mission") }, "\(lower)")
    }

    /// A release's headline dated after the name it ends with: the month is no part of the name.
    @Test func aDatesMonthIsNoPartOfTheNameBeforeIt() {
        let mentions = found("Statement on Withdrawal from the INF Treaty February 2, 2019\nCitilink January 5 flights were cancelled.")
        #expect(holds(mentions, "INF Treaty", .misc), "\(mentions)")
        #expect(!mentions.contains { $0.text.contains("February") || $0.text.contains("January") }, "\(mentions)")
    }

    @Test func aLawOrATreatyIsMiscAndTakesInThePlaceItIsNamedFor() {
        let mentions = found("Congress passed the Taiwan Relations Act in 1979, and Beijing answered with the Anti-Secession Law.")
        #expect(holds(mentions, "Taiwan Relations Act", .misc), "\(mentions)")
        #expect(holds(mentions, "Anti-Secession Law", .misc), "\(mentions)")
        #expect(!mentions.contains { $0.text == "Taiwan" }, "\(mentions)")
        #expect(holds(mentions, "Beijing", .location), "\(mentions)")
    }

    /// Written in the style of an agency's award release: awards and spacecraft are things, and the
    /// tagger's cut before a craft's last word is mended.
    /// Regulations, dialogues and summits are things, and so are their short forms in brackets; a US
    /// ship is one. A body named for a dialogue is a body, and a Commonwealth navy's shore base a place.
    @Test func regulationsSummitsShipsAndTheirShortFormsAreThings() {
        let mentions = found("They violated the International Emergency Economic Powers Act (IEEPA) and conspired to violate IEEPA "
            + "and the Weapons of Mass Destruction Proliferators Regulations (WMDPR). The Enhanced Strategic Partnership Dialogue (ESPD) "
            + "met before the NATO Summit, and the aircraft carrier USS Carl Vinson sailed to Da Nang.")
        for name in ["International Emergency Economic Powers Act", "IEEPA", "Weapons of Mass Destruction Proliferators Regulations",
                     "WMDPR", "Enhanced Strategic Partnership Dialogue", "ESPD", "NATO Summit", "USS Carl Vinson"] {
            #expect(mentions.contains { $0.text == name && $0.type == .misc }, "\(name): \(mentions)")
        }
        #expect(mentions.filter { $0.text == "IEEPA" }.count == 2, "\(mentions)")
        let bodies = found("The Center for Policy Dialogue said so. Recruits trained at HMAS Cerberus in Victoria.")
        #expect(holds(bodies, "Center for Policy Dialogue", .organization), "\(bodies)")
        #expect(bodies.contains { $0.text == "HMAS Cerberus" && $0.type != .misc }, "\(bodies)")
    }

    @Test func awardsAndSpacecraftAreThings() {
        let mentions = found("""
            The 2010 Goddard Contractor Excellence Award went to ManTech, whose engineers worked on the Hubble \
            Space Telescope and the James Webb Space Telescope. She also won the Nobel Peace Prize and the Israel Prize.
            """)
        for name in ["Goddard Contractor Excellence Award", "Hubble Space Telescope", "James Webb Space Telescope", "Nobel Peace Prize", "Israel Prize"] {
            #expect(holds(mentions, name, .misc), "\(name): \(mentions)")
        }
        #expect(!mentions.contains { $0.type == .person }, "\(mentions)")
    }

    /// The tagger stops before the last words of a body's name here ("ManTech | SRS Technologies").
    @Test func aBodyKeepsTheLastWordsOfItsName() {
        let mentions = found("In Large Business – Service, the winner is ManTech SRS Technologies of Greenbelt, Md. Finalists were Space Dynamics Laboratory (Logan, Utah) and MEI Technologies, Inc (Seabrook, Md.).")
        #expect(holds(mentions, "ManTech SRS Technologies", .organization), "\(mentions)")
        #expect(holds(mentions, "Greenbelt", .location), "\(mentions)")
    }

    @Test func aStormIsMiscWithItsWord() {
        let mentions = found("Hurricane Matthew struck Haiti on Tuesday, days after Typhoon Haiyan had left the Philippines.")
        #expect(holds(mentions, "Hurricane Matthew", .misc), "\(mentions)")
        #expect(!mentions.contains { $0.type == .person }, "\(mentions)")
        #expect(holds(mentions, "Haiti", .location), "\(mentions)")
        // A cyclone's name is one whatever the tagger made of it; the storm's word alone is none.
        let cyclone = found("Bangladesh Cleans Up After Cyclone\n\nBangladesh began cleaning up Friday in the aftermath of Cyclone Mahasen.")
        #expect(holds(cyclone, "Cyclone Mahasen", .misc), "\(cyclone)")
        #expect(!cyclone.contains { $0.text == "Cyclone" }, "\(cyclone)")
        // The storm's own name alone after its full name is the storm; a headline's verb "storm" names none.
        let bare = found("Hurricane Matthew passed Haiti at dawn. Forecasters said the eye of Matthew would turn north.")
        #expect(bare.filter { $0.text == "Matthew" }.map(\.type) == [.misc], "\(bare)")
        let verb = found("Angry Crowds Storm Lebanon Banks\n\nCrowds in Lebanon demanded their savings. Lebanon is in crisis.")
        #expect(verb.filter { $0.text.contains("Lebanon") }.map(\.type) == [.location, .location, .location], "\(verb)")
        #expect(!verb.contains { $0.text.contains("Storm") }, "\(verb)")
    }

    /// A person named with where they come from is two names; a rank's or a place's "of" joins one
    /// ("City of Norfolk"). A player's position and a lower-case "the" are no part of a name.
    @Test func aPersonOfAPlaceIsTwoNames() {
        let mentions = found("Gov. Ben Evardone of Eastern Samar province told reporters, and John Smith of Reuters wrote. "
            + "The study was done at Rhodes University and the University of Johannesburg. Forward Brian Ching of the U.S. scored "
            + "in the City of Norfolk. Ana of Bo")
        #expect(holds(mentions, "Ben Evardone", .person) && holds(mentions, "Eastern Samar", .location), "\(mentions)")
        #expect(holds(mentions, "John Smith", .person) && holds(mentions, "Reuters", .organization), "\(mentions)")
        #expect(holds(mentions, "University of Johannesburg", .organization), "\(mentions)")
        #expect(holds(mentions, "Brian Ching", .person), "\(mentions)")
        #expect(!mentions.contains { $0.text.hasPrefix("the ") || $0.text.hasPrefix("Forward") || $0.text.contains("Norfolk") && $0.type == .person },
                "\(mentions)")
    }

    /// A weekday or a month the tagger ran into a name is no part of it; a time's "PM" is no name.
    @Test func aDayOrATimeIsNoPartOfAName() {
        let mentions = found("The Pences would travel to Florida Sunday. He was sentenced in U.S. Federal Court on Wednesday.\n"
            + "By VOA News November 15, 2020 03:34 PM")
        #expect(holds(mentions, "Florida", .location), "\(mentions)")
        #expect(holds(mentions, "U.S. Federal Court", .organization), "\(mentions)")
        #expect(!mentions.contains { $0.text.contains("Sunday") || $0.text.contains("Wednesday") || $0.text == "PM" }, "\(mentions)")
    }

    @Test func threatActorsAsTheIndustryNamesThemAreGroups() {
        let mentions = found("The advisory links the intrusions to Volt Typhoon, to Fancy Bear and to APT28, while Microsoft tracks Storm-0558 and DEV-0391.")
        for name in ["Volt Typhoon", "Fancy Bear", "APT28", "Storm-0558", "DEV-0391"] {
            #expect(holds(mentions, name, .organization), "\(name): \(mentions)")
        }
    }

    @Test func armedGroupsNamedInArabicAreBodies() {
        let mentions = found("Iran-aligned militias such as Kata’ib Hizballah and Asa’ib Ahl al-Haq launched drones. Hizballah denied any role.")
        #expect(holds(mentions, "Kata’ib Hizballah", .organization), "\(mentions)")
        #expect(holds(mentions, "Asa’ib Ahl al-Haq", .organization), "\(mentions)")
        #expect(!mentions.contains { $0.type == .person }, "\(mentions)")
        // As Malay and Indonesian write the same words.
        let jemaah = found("Jemaah Islamiya carried out the attack in Bali.")
        #expect(holds(jemaah, "Jemaah Islamiya", .organization) && holds(jemaah, "Bali", .location), "\(jemaah)")
    }

    @Test func aVenueIsAPlaceAndAPresidentsAdministrationIsThePresident() {
        let mentions = found("The crew lifted off from the Baikonur Cosmodrome. The Carter Administration recognised Beijing in 1979.")
        #expect(holds(mentions, "Baikonur Cosmodrome", .location), "\(mentions)")
        #expect(holds(mentions, "Carter", .person), "\(mentions)")
        #expect(!mentions.contains { $0.text.contains("Administration") }, "\(mentions)")
        // A body named "Administration" stays one.
        let body = found("The Transportation Security Administration screened 2 million travellers.")
        #expect(holds(body, "Transportation Security Administration", .organization), "\(body)")
        // The same in lower case.
        let lower = found("Since 2001 the Bush administration has faced criticism. Bush administration officials said so.")
        #expect(lower.filter { $0.text == "Bush" }.count == 2 && lower.allSatisfy { $0.text != "Bush" || $0.type == .person }, "\(lower)")
    }

    @Test func datesPluralAcronymsAndBillNumbersAreNoNames() {
        let dateline = found("Celtics win the title\n\nWednesday, June 18, 2008\n\nBoston beat Los Angeles on Sunday, May 17.")
        #expect(!dateline.contains { ["Wednesday", "June", "Sunday", "May"].contains($0.text) }, "\(dateline)")
        let statement = found("Press Statement\nOffice of the Spokesperson\nWashington, DC\nMarch 8, 2018\n\nThe delegation arrives March 16-19.")
        #expect(!statement.contains { $0.text == "March" }, "\(statement)")
        // "May" alone next to no number may be a surname.
        let person = found("Theresa May spoke in London. May said the vote would go ahead.")
        #expect(holds(person, "Theresa May", .person), "\(person)")
        let report = found("The UAVs carried out attacks using TTPs the IOCs reveal. H.R. 1234 amends the law. Soldiers returned to the Nation.")
        #expect(report.isEmpty, "\(report)")
    }

    @Test func anUnknownAcronymAmidLowerCaseIsABodyNotAPlace() {
        let mentions = found("GAO found that the valuations were wrong. Iran used the IRGC-QF to arm its proxies, and the NCSC-NZ agreed.")
        for name in ["GAO", "IRGC-QF", "NCSC-NZ"] {
            #expect(holds(mentions, name, .organization), "\(name): \(mentions)")
        }
        // Acronyms the gazetteer knows keep their entries, and a line of capitals has no acronyms.
        let known = found("The UAE and the DPRK signed nothing.")
        #expect(holds(known, "UAE", .location), "\(known)")
        #expect(holds(known, "DPRK", .location), "\(known)")
        let capitals = found("MAGNITUDE 7.6 TONGA REGION\nA quake struck near Tonga.")
        #expect(!capitals.contains { $0.type == .organization }, "\(capitals)")
        // The acronym of words in lower case is a common noun's: no name, there or later.
        let common = found("The ships carry anti-ship cruise missiles (ASCM). Each ASCM is fast. Indicators of compromise (IOC) were shared, and the Department of Defense (DOD) agreed.")
        #expect(!common.contains { $0.text == "ASCM" || $0.text == "IOC" }, "\(common)")
        #expect(holds(common, "DOD", .organization), "\(common)")
    }

    @Test func aBillsSponsorIsAPersonAndMembersAreNoPartOfTheirBody() {
        let mentions = found("Legislation includes H.R. 419 (Ros-Lehtinen), S. 12 (Coats) and H.R. 1960 (McKeon). Some Members of Congress objected.")
        for name in ["Ros-Lehtinen", "Coats", "McKeon"] {
            #expect(holds(mentions, name, .person), "\(name): \(mentions)")
        }
        #expect(holds(mentions, "Congress", .organization), "\(mentions)")
        #expect(!mentions.contains { $0.text.hasPrefix("Members") }, "\(mentions)")
        // A bracketed name after a number that is no bill's stays what it was.
        #expect(!found("The vote was 52 (Democrats) to 48.").contains { $0.text == "Democrats" && $0.type == .person })
    }

    @Test func militaryPostsAndRanksAsDefenceNewsWritesThem() {
        let mentions = found("""
            Senior Airman Andrew Sanders of Scott AFB, Ill. scored first. Petty Officer 3rd Class Wilson Vasukilakeba \
            of Fort Jackson, S.C. He trained at Camp Lejeune.
            """)
        #expect(holds(mentions, "Andrew Sanders", .person), "\(mentions)")
        #expect(holds(mentions, "Wilson Vasukilakeba", .person), "\(mentions)")
        #expect(holds(mentions, "Scott AFB", .location), "\(mentions)")
        #expect(holds(mentions, "Fort Jackson", .location), "\(mentions)")
        #expect(holds(mentions, "Camp Lejeune", .location), "\(mentions)")
        // A state abbreviated the AP's way keeps its period, as the name is written.
        #expect(holds(mentions, "Ill.", .location), "\(mentions)")
        #expect(holds(mentions, "S.C.", .location), "\(mentions)")
        #expect(!mentions.contains { ["Officer", "Petty Officer", "Senior Airman"].contains($0.text) }, "\(mentions)")
        // "Senior" or "Staff" alone is no rank, and a body named for a rank keeps it.
        #expect(found("Senior Vice President Ann Lee spoke.").contains { $0.text == "Ann Lee" && $0.type == .person })
        let bodies = found("The U.S. Army Cadet Command grew, and a medic of Fort Hood said so at the Camp David Accords talks.")
        #expect(holds(bodies, "U.S. Army Cadet Command", .organization), "\(bodies)")
        #expect(holds(bodies, "Fort Hood", .location), "\(bodies)")
        #expect(holds(bodies, "Camp David Accords", .misc), "\(bodies)")
    }

    @Test func aMemorialOrAGardenIsAPlace() {
        let mentions = found("The runners passed the Lincoln Memorial and the Korean War Memorial before the game at Madison Square Garden.")
        for venue in ["Lincoln Memorial", "Korean War Memorial", "Madison Square Garden"] {
            #expect(holds(mentions, venue, .location), "\(venue): \(mentions)")
        }
    }

    @Test func aMilitaryBaseIsAPlaceWhicheverSideItsKindIsNamed() {
        let mentions = found("""
            Airmen from Ramstein Air Base flew to Al Udeid Air Base. Sailors from Naval Air Station Pensacola, Fla. and \
            Marine Corps Base Camp Pendleton joined Senior Airman Atoa Ripley of Ellsworth Air Force Base at RAF Lakenheath.
            """)
        for base in ["Ramstein Air Base", "Al Udeid Air Base", "Naval Air Station Pensacola", "Marine Corps Base Camp Pendleton",
                     "Ellsworth Air Force Base", "RAF Lakenheath"] {
            #expect(holds(mentions, base, .location), "\(base): \(mentions)")
        }
        // The name the tagger ran into the base from outside ends where the base begins.
        #expect(holds(mentions, "Atoa Ripley", .person), "\(mentions)")
        // "The" is no part of a base, and an air base with no name is none.
        let plain = found("The Ramstein Air Base is large. The Air Base nearby is small.")
        #expect(holds(plain, "Ramstein Air Base", .location), "\(plain)")
        #expect(!plain.contains { $0.text.hasPrefix("The") || ($0.text == "Air Base" && $0.type == .location) }, "\(plain)")
    }

    @Test func aCountrysFullNameBeforeItsAcronymStaysAPlace() {
        let mentions = found("Talks between the Republic of Korea (ROK) and the United Arab Emirates (UAE) ended as the Democratic People’s Republic of Korea (DPRK) fired a missile.")
        for (name, canonical) in [("Republic of Korea", "South Korea"), ("ROK", "South Korea"), ("United Arab Emirates", "United Arab Emirates"),
                                  ("UAE", "United Arab Emirates"), ("Democratic People’s Republic of Korea", "North Korea"), ("DPRK", "North Korea")] {
            #expect(mentions.contains { $0.text == name && $0.type == .location && $0.canonical == canonical }, "\(name): \(mentions)")
        }
        // An acronym of a body is the body's.
        let body = found("Analysts at the Institute for the Study of War (ISW) said the ISW expects more strikes.")
        #expect(holds(body, "Institute for the Study of War", .organization), "\(body)")
        #expect(holds(body, "ISW", .organization), "\(body)")
    }

    @Test func aCivilBodyNamedWithItsCountryOrPeopleFirstIsOneName() {
        let mentions = found("The Russian Ministry of Defense denied it, and the U.S. Environmental Protection Agency and the U.S. Federal Bureau of Investigation opened inquiries.")
        #expect(holds(mentions, "Russian Ministry of Defense", .organization), "\(mentions)")
        #expect(holds(mentions, "U.S. Environmental Protection Agency", .organization), "\(mentions)")
        #expect(holds(mentions, "U.S. Federal Bureau of Investigation", .organization), "\(mentions)")
        #expect(!mentions.contains { $0.text == "U.S." || $0.text == "Russian" }, "\(mentions)")
        // Forces and commands keep their country.
        let command = found("The U.S. European Command moved two brigades.")
        #expect(holds(command, "U.S. European Command", .organization), "\(command)")
    }

    @Test func aStateAbbreviatedAfterATownIsAPlace() {
        let mentions = found("Exhibitors came from Appleton, WI and Yuba City, CA 95991.\nSPRINGFIELD, Ill. (AP) -- The governor signed the bill in Scranton, Pa., on Monday.")
        for (name, state) in [("WI", "Wisconsin"), ("CA", "California"), ("Ill.", "Illinois"), ("Pa.", "Pennsylvania")] {
            #expect(mentions.contains { $0.text == name && $0.type == .location && $0.canonical == state }, "\(name): \(mentions)")
        }
        for town in ["Appleton", "Yuba City", "SPRINGFIELD", "Scranton"] {
            #expect(holds(mentions, town, .location), "\(town): \(mentions)")
        }
        #expect(!mentions.contains { $0.text.contains(" and ") }, "\(mentions)")
        // In a line of capitals, "IN" and "OR" are words.
        let capitals = found("DALLAS, IN A BID TO WIN VOTERS, THE PARTY CHANGED ITS MIND, OR SO IT SAID.")
        #expect(!capitals.contains { $0.text == "IN" || $0.text == "OR" }, "\(capitals)")
    }

    @Test func aNameAfterItsKindOfPlaceIsAPlace() {
        let mentions = found("Strikes hit the port of Hudaydah and the city of Marib, and the province of Helmand stayed calm.")
        for place in ["Hudaydah", "Marib", "Helmand"] {
            #expect(holds(mentions, place, .location), "\(place): \(mentions)")
        }
        // A body after "city of" stays a body.
        let body = found("Officers of the city of Chicago Police Department testified.")
        #expect(!body.contains { $0.type == .location && $0.text.contains("Police") }, "\(body)")
    }

    @Test func aFederalCourtsDistrictIsABodyButTheDistrictOfColumbiaIsAPlace() {
        let mentions = found("The U.S. Attorney for the Eastern District of Virginia and prosecutors in the District of Minnesota filed charges.")
        #expect(holds(mentions, "Eastern District of Virginia", .organization), "\(mentions)")
        #expect(holds(mentions, "District of Minnesota", .organization), "\(mentions)")
        #expect(!mentions.contains { $0.text == "Minnesota" || $0.text == "Virginia" }, "\(mentions)")
        let army = found("He led the Military District of Washington.")
        #expect(holds(army, "Military District of Washington", .organization), "\(army)")
        let capital = found("He moved to the District of Columbia in May.")
        #expect(!capital.contains { $0.type == .organization }, "\(capital)")
    }

    @Test func anAcronymThatOnlyFoldsToAPlaceIsABody() {
        let mentions = found("GAO was asked to review the plans. The report by GAO found gaps, and UK officials agreed.")
        #expect(mentions.filter { $0.text == "GAO" }.map(\.type) == [.organization, .organization], "\(mentions)")
        #expect(holds(mentions, "UK", .location), "\(mentions)")
        // A dateline writes the place in capitals.
        let dateline = found("BAKU (Reuters) - Talks began on Monday.")
        #expect(holds(dateline, "BAKU", .location), "\(dateline)")
    }

    @Test func aBaseWithItsKindInLowerCaseIsAPlaceAndInternationalEndsABody() {
        let mentions = found("Troops at Al Asad Air base were treated. He had worked for Rockwell International before.")
        #expect(holds(mentions, "Al Asad Air base", .location), "\(mentions)")
        #expect(holds(mentions, "Rockwell International", .organization), "\(mentions)")
        #expect(found("They flew to the Air base at dawn.").isEmpty)
    }
}
