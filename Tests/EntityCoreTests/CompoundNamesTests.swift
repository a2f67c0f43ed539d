@testable import EntityCore
import Testing

/// Names that punctuation parts and names that words join (`CompoundNames.swift`, `BodyNames.swift`).
/// The sentences are written for these tests in the style of wire copy: datelines, country pairs
/// joined by hyphens, ministries named in full.
@Suite struct CompoundNamesTests: FindsMentions {
    let engine: EntityEngine

    init() throws { engine = try EntityEngine() }

    @Test func aNameDoesNotRunAcrossADashOrAComma() {
        let mentions = found("BERLIN -- Lawmakers from both coalition parties met on Monday.")
        #expect(holds(mentions, "BERLIN", .location), "\(mentions)")
        #expect(!mentions.contains { $0.text.contains("--") || $0.text.contains("Lawmakers") }, "\(mentions)")
        let comma = found("Delegates flew from Ottawa, Canada, to Nairobi, Kenya, for the talks.")
        #expect(!comma.contains { $0.text.contains(",") }, "\(comma)")
        #expect(Set(comma.map(\.text)).isSuperset(of: ["Ottawa", "Canada", "Nairobi", "Kenya"]), "\(comma)")
        // A name the gazetteer knows with its comma stays whole.
        let known = found("The delegation returned to Washington, D.C., on Friday.")
        #expect(holds(known, "Washington, D.C.", .location), "\(known)")
    }

    /// A people's, a saint's or a bazaar's possessive stands inside a name; another possessive parts
    /// the names on either side of it.
    @Test func aPossessiveThatNamesHoldJoinsTheName() {
        let mentions = found("Delegates to the National People's Congress met in Beijing, and the People's Bank of China cut rates. "
            + "She was treated at Boston Children's Hospital and later at St. Mary's Hospital, then flew to Cox's Bazar.")
        for name in ["National People's Congress", "People's Bank of China", "Boston Children's Hospital", "St. Mary's Hospital"] {
            #expect(holds(mentions, name, .organization), "\(name): \(mentions)")
        }
        #expect(holds(mentions, "Cox's Bazar", .location), "\(mentions)")
        let apart = found("China's People's Liberation Army held drills, and Russia's Foreign Ministry protested.")
        #expect(holds(apart, "China", .location) && holds(apart, "People's Liberation Army", .organization), "\(apart)")
        #expect(!apart.contains { $0.text.hasPrefix("China's") || $0.text.hasPrefix("Russia's") }, "\(apart)")
    }

    @Test func aLegalFormAfterACommaStaysWithTheName() {
        let mentions = found("Shares of Acme Holdings, Ltd. rose on Monday while Apple, Inc. fell.")
        #expect(holds(mentions, "Acme Holdings, Ltd.", .organization), "\(mentions)")
        #expect(holds(mentions, "Apple, Inc.", .organization), "\(mentions)")
        #expect(!mentions.contains { $0.text == "Inc." || $0.text == "Ltd." }, "\(mentions)")
    }

    @Test func knownNamesJoinedByAHyphenOrASlashAreEachThemselves() {
        let mentions = found("U.S.-China trade talks resumed as the Israel-Hamas war went on and India/Pakistan tensions rose.")
        for (text, canonical) in [("U.S.", "United States"), ("China", "China"), ("Israel", "Israel"), ("India", "India"), ("Pakistan", "Pakistan")] {
            #expect(mentions.contains { $0.text == text && $0.canonical == canonical }, "\(text) in \(mentions)")
        }
        #expect(holds(mentions, "Hamas", .organization), "\(mentions)")
        #expect(!mentions.contains { $0.text.contains("-") || $0.text.contains("/") }, "\(mentions)")
        // A name that is one entry with its hyphen stays whole.
        let whole = found("Troops crossed from Guinea-Bissau into Senegal, and trade with the Asia-Pacific region grew.")
        #expect(holds(whole, "Guinea-Bissau", .location) && holds(whole, "Asia-Pacific", .location), "\(whole)")
    }

    @Test func aMinistrysNameGoesOnAcrossAndToItsField() {
        let mentions = found("The Ministry of Mines and Petroleum Resources said output fell, "
            + "and the Office for the Coordination of Humanitarian Affairs asked for aid.")
        #expect(holds(mentions, "Ministry of Mines and Petroleum Resources", .organization), "\(mentions)")
        #expect(holds(mentions, "Office for the Coordination of Humanitarian Affairs", .organization), "\(mentions)")
        // A body the gazetteer knows after "and" is a name of its own.
        let two = found("The Department of Justice and Microsoft settled the case.")
        #expect(two.contains { $0.text == "Microsoft" }, "\(two)")
        #expect(!two.contains { $0.text.contains("and") }, "\(two)")
    }

    @Test func anAbbreviatedMonthIsNoName() {
        let mentions = found("BRUSSELS, Jan 5 (Reuters) - NATO allies agreed to raise spending.")
        #expect(!mentions.contains { $0.text == "Jan" }, "\(mentions)")
        #expect(mentions.contains { $0.text == "NATO" }, "\(mentions)")
    }

    @Test func aMinistrysFieldNeedNotBeANameOfItsOwn() {
        let mentions = found("The Ministry of Mines and Energy said exports rose.")
        #expect(holds(mentions, "Ministry of Mines and Energy", .organization), "\(mentions)")
    }

    /// A body's fields before its head word, or after "of", go with it across "and"; a company and
    /// the person before it do not.
    @Test func aBodysFieldsJoinItAcrossAnd() {
        let mentions = found("A Scottish Fire and Rescue Service spokesperson said the Philippine Institute of Volcanology and Seismology had "
            + "warned the Department of Physics and Astronomy.")
        for name in ["Scottish Fire and Rescue Service", "Philippine Institute of Volcanology and Seismology", "Department of Physics and Astronomy"] {
            #expect(holds(mentions, name, .organization), "\(name): \(mentions)")
        }
        let two = found("William Ackman and Valeant Pharmaceuticals are teaming up to buy Allergan.")
        #expect(holds(two, "Valeant Pharmaceuticals", .organization), "\(two)")
        #expect(!two.contains { $0.text.contains(" and ") }, "\(two)")
    }

    @Test func twoCompaniesRunTogetherAcrossAndAreTwo() {
        let mentions = found("Lockheed Martin and Raytheon Technologies will supply the interceptors.")
        #expect(holds(mentions, "Lockheed Martin", .organization), "\(mentions)")
        #expect(holds(mentions, "Raytheon Technologies", .organization), "\(mentions)")
        let services = found("In the late match, Navy and Army woke up, and Air Force and Navy met again.")
        for name in ["Navy", "Army", "Air Force"] {
            #expect(holds(services, name, .organization), "\(name): \(services)")
        }
        #expect(!services.contains { $0.text.contains(" and ") }, "\(services)")
    }

    /// Two places are two, unless the gazetteer knows the whole as one.
    @Test func placesRunTogetherAcrossAndAreTwo() {
        let mentions = found("Assistant Secretary of State Christopher Hill says Washington and Seoul are both willing to talk.")
        #expect(holds(mentions, "Washington", .location) && holds(mentions, "Seoul", .location), "\(mentions)")
        let whole = found("Officials in Trinidad and Tobago and in Jammu and Kashmir disagreed.")
        #expect(holds(whole, "Trinidad and Tobago", .location) && holds(whole, "Jammu and Kashmir", .location), "\(whole)")
        // Neither side need be known to the gazetteer.
        let ports = found("The cyclone bore down on the ports of Chittagong and Sylhet.")
        #expect(holds(ports, "Chittagong", .location) && holds(ports, "Sylhet", .location), "\(ports)")
        // A line named for the places it joins, and a region named by directions, stay whole.
        let lines = found("The Basingstoke and Alton Light Railway opened. Trade grew in Central and Eastern Europe.")
        #expect(lines.contains { $0.text == "Basingstoke and Alton Light Railway" }, "\(lines)")
        #expect(lines.contains { $0.text == "Central and Eastern Europe" }, "\(lines)")
    }

    /// Places' names that hold a demonym or start like a title: the Congo's long names end in a word
    /// that is also a demonym ("Congo"), "General Santos" starts with a rank.
    @Test func placesNamedWithADemonymOrATitleArePlaces() {
        let mentions = found("Two Norwegians were sentenced to death in the Democratic Republic of the Congo, and the Democratic Republic "
            + "of Congo appealed. Officials in General Santos agreed.")
        for name in ["Democratic Republic of the Congo", "Democratic Republic of Congo"] {
            #expect(mentions.contains { $0.text == name && $0.type == .location && $0.canonical == "DRC" }, "\(name): \(mentions)")
        }
        #expect(holds(mentions, "General Santos", .location), "\(mentions)")
    }

    @Test func generalBeforeACompanyWordNamesTheCompany() {
        let mentions = found("The Navy hired General Atomics and General Electric, while General Milley spoke at the U.N. General Assembly.")
        #expect(holds(mentions, "General Atomics", .organization), "\(mentions)")
        #expect(holds(mentions, "General Electric", .organization), "\(mentions)")
        #expect(holds(mentions, "Milley", .person), "\(mentions)")
        #expect(mentions.contains { $0.text == "U.N. General Assembly" }, "\(mentions)")
    }

    @Test func aTitleWordAfterGivenNamesIsASurname() {
        let mentions = found("The novel by Stephen King sold well, and Foreign Minister Julie Bishop met Erik Prince in Canberra.")
        for name in ["Stephen King", "Julie Bishop", "Erik Prince"] {
            #expect(holds(mentions, name, .person), "\(name) in \(mentions)")
        }
        // A title after a people's name or a title's modifier stays a title.
        let titles = found("Saudi Crown Prince Mohammed bin Salman met the Jordanian King.")
        #expect(!titles.contains { $0.text.hasSuffix("Prince") || $0.text.hasSuffix("King") }, "\(titles)")
    }

    @Test func aGenericFirstWordIsNoShortFormOfABody() {
        let mentions = found("The Defense Security Cooperation Agency approved the sale. Defense Secretary Pete Hegseth welcomed it.")
        #expect(!mentions.contains { $0.text == "Defense" }, "\(mentions)")
        #expect(holds(mentions, "Pete Hegseth", .person), "\(mentions)")
    }

    @Test func aCompanyNamedWithAPossessiveTakesItIn() {
        let mentions = found("Shares of McDonald's Corp and Starbucks Corp rose on Monday.")
        for name in ["McDonald's Corp", "Starbucks Corp"] {
            #expect(holds(mentions, name, .organization), "\(name) in \(mentions)")
        }
        // An owner the gazetteer knows, or a month, stays apart from the body after it.
        let apart = found("Google's Threat Analysis Group said so before December's NATO summit.")
        #expect(apart.contains { $0.text == "Google" }, "\(apart)")
        #expect(apart.contains { $0.text == "NATO" }, "\(apart)")
        #expect(!apart.contains { $0.text.contains("'s") }, "\(apart)")
        // So does an acronym: a body's possessive names a part of it, not a company.
        let parts = found("Experts from USDA’s Foreign Agricultural Service analyze the markets.")
        #expect(holds(parts, "USDA", .organization) && holds(parts, "Foreign Agricultural Service", .organization), "\(parts)")
    }

    @Test func aBodysNameRunsOnFromItsHeadWord() {
        let mentions = found("The Institute for the Study of War assessed the claims, and she studied at the University of Toronto.")
        #expect(holds(mentions, "Institute for the Study of War", .organization), "\(mentions)")
        #expect(holds(mentions, "University of Toronto", .organization), "\(mentions)")
        let movement = found("Activists of the Movement for Democratic Change were held, the Organization for Security and Cooperation in Europe said.")
        #expect(holds(movement, "Movement for Democratic Change", .organization), "\(movement)")
        #expect(holds(movement, "Organization for Security and Cooperation in Europe", .organization), "\(movement)")
        // A head word no name holds starts the name as well.
        let untagged = found("Office of the Spokesperson\nDepartment of Defense officials said so.")
        #expect(holds(untagged, "Office of the Spokesperson", .organization), "\(untagged)")
        #expect(holds(untagged, "Department of Defense", .organization), "\(untagged)")
        // A place after a longer name is where the body is; a name ending in an office is a body.
        let apart = found("He led the Liberal Party of Nova Scotia, Japan's Joint Staff Office said.")
        #expect(holds(apart, "Nova Scotia", .location), "\(apart)")
        #expect(holds(apart, "Joint Staff Office", .organization), "\(apart)")
    }

    @Test func aPluralIsNoPlaceTheGazetteerKnowsInTheSingular() {
        let mentions = found("Sales rose 5 percent, and readings were taken in Reading. The Philippines and the Russians voted.")
        #expect(!mentions.contains { $0.text == "Sales" }, "\(mentions)")
        #expect(holds(mentions, "Reading", .location), "\(mentions)")
        // Names whose own form ends in s, and peoples' names, stay.
        #expect(holds(mentions, "Philippines", .location), "\(mentions)")
        #expect(mentions.contains { $0.text == "Russians" }, "\(mentions)")
    }

    @Test func aPeoplesNameAloneIsANationality() {
        let mentions = found("Secretary Blinken met Egyptian Foreign Minister Shoukry, and the Pakistani government deported Afghans.")
        for demonym in ["Egyptian", "Pakistani"] {
            #expect(holds(mentions, demonym, .misc), "\(demonym) in \(mentions)")
        }
        #expect(!mentions.contains { $0.text.contains("Egyptian Foreign") }, "\(mentions)")
    }

    @Test func aPlaceRunIntoAServicesNameIsTheForce() {
        let mentions = found("The last stronghold of the Sudan Armed Forces fell, a year after the killing of Quds Force leader Qassem Soleimani.")
        #expect(holds(mentions, "Sudan Armed Forces", .organization), "\(mentions)")
        #expect(holds(mentions, "Quds Force", .organization), "\(mentions)")
        // A possessive parts them.
        let apart = found("Ukraine's Armed Forces said the attack failed.")
        #expect(holds(apart, "Ukraine", .location), "\(apart)")
    }

    @Test func aBodyNamedWithItsCountrysShortFormFirstIsOneBody() {
        let mentions = found("The U.S. Department of State designated the group, and U.S. Central Command said so. "
            + "Officials of the U.S. Justice Department and the U.S. Geological Survey met in Reston. The U.S. House voted.")
        #expect(holds(mentions, "U.S. Department of State", .organization), "\(mentions)")
        #expect(holds(mentions, "U.S. Justice Department", .organization), "\(mentions)")
        #expect(holds(mentions, "U.S. Geological Survey", .organization), "\(mentions)")
        #expect(holds(mentions, "U.S. House", .organization), "\(mentions)")
        #expect(holds(mentions, "U.S. Central Command", .organization), "\(mentions)")
        #expect(!mentions.contains { $0.text == "U.S." }, "\(mentions)")
        // Not across punctuation, and not a word that names no body.
        let apart = found("The fine came from the U.S., Justice Department officials said. The U.S. Open starts in New York.")
        #expect(apart.filter { $0.text == "U.S." && $0.type == .location }.count == 2, "\(apart)")
        #expect(holds(apart, "Justice Department", .organization), "\(apart)")
        #expect(!apart.contains { $0.text.hasPrefix("U.S.") && $0.type == .organization }, "\(apart)")
    }
}

