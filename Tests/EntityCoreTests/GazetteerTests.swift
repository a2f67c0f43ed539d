@testable import EntityCore
import Testing

/// The gazetteer is compiled into the binary (no resource bundle to install): it must read whole.
@Suite struct GazetteerTests {
    @Test func theBuiltInGazetteerReadsFromTheBinary() throws {
        let gazetteer = Gazetteer.builtIn
        #expect(gazetteer.entries.count > 500)
        let russia = try #require(gazetteer.entry(named: "Russia"))
        #expect(russia.type == .location)
        #expect(russia.demonyms.contains("Russian"))
        #expect(russia.kind == "country" && russia.country == nil)
        #expect(gazetteer.entry(named: "Moscow")?.country == "Russia")
    }

    /// The first-level subdivisions ISO 3166-2 lists, in the form English news writes them, each with its
    /// country; a name the hand-kept additions hold keeps their entry (the Red Sea is a sea, not Sudan's state).
    @Test func statesAndProvincesAreNamedAsNewsWritesThem() throws {
        let gazetteer = Gazetteer.builtIn
        for (name, country) in [("Uttar Pradesh", "India"), ("Sichuan", "China"), ("Jalisco", "Mexico"), ("Helmand", "Afghanistan"),
                                ("KwaZulu-Natal", "South Africa"), ("North Kivu", "Democratic Republic of the Congo"),
                                ("East Azerbaijan", "Iran"), ("Borno", "Nigeria")] {
            let entry = try #require(gazetteer.entry(named: name), "\(name)")
            #expect(entry.type == .location && entry.kind == "region" && entry.country == country, "\(name)")
        }
        #expect(gazetteer.entry(named: "Red Sea")?.country == nil)
        #expect(gazetteer.entry(named: "Guangdong Sheng") == nil)
        #expect(gazetteer.entry(named: "Guerrero") == nil)
        #expect(gazetteer.entry(named: "Mexico")?.kind == "country")
        // "Korea" alone is the peninsula, neither of its states.
        #expect(gazetteer.entry(named: "Korea").map { $0.kind == "region" && $0.type == .location } == true)
    }

    /// Breakaway and autonomous territories are places of their own, within their country where they
    /// are one's region; a country's short form as its own news writes it is the country.
    @Test func territoriesAndRegionsNewsNamesAreKnown() throws {
        let gazetteer = Gazetteer.builtIn
        for (name, country) in [("Republika Srpska", "Bosnia and Herzegovina"), ("Puntland", "Somalia"), ("Dagestan", "Russia")] {
            let entry = try #require(gazetteer.entry(named: name), "\(name)")
            #expect(entry.type == .location && entry.kind == "region" && entry.country == country, "\(name)")
        }
        #expect(gazetteer.entry(named: "Somaliland").map { $0.kind == "territory" && $0.type == .location } == true)
        #expect(gazetteer.entry(named: "BiH")?.canonical == "Bosnia and Herzegovina")
        let found = try EntityEngine().entities(in: "Treasury targeted Republika Srpska officials. BiH courts and Somaliland agreed.")
        #expect(found.contains { $0.text == "Republika Srpska" && $0.type == .location }, "\(found)")
        #expect(found.contains { $0.text == "BiH" && $0.type == .location && $0.canonical == "Bosnia and Herzegovina" }, "\(found)")
        #expect(found.contains { $0.text == "Somaliland" && $0.type == .location }, "\(found)")
    }

    /// A watch-list's `entity:` is written as a person types it, often without the diacritics.
    @Test func aNameIsFoundWithoutItsDiacritics() throws {
        let gazetteer = Gazetteer.builtIn
        #expect(gazetteer.entry(named: "Sao Paulo")?.canonical == "São Paulo")
        #expect(gazetteer.entry(named: "kandahar")?.canonical == "Kandahār")
        #expect(gazetteer.entry(named: "MONTREAL")?.canonical == "Montréal")
        let table = "Salé\tLOCATION\tcity\tMorocco\t\t\nSale\tLOCATION\ttown\tUnited Kingdom\t\t"
        let both = Gazetteer(entries: try Gazetteer.entries(table: table))
        #expect(both.entry(named: "Sale")?.country == "United Kingdom")
        #expect(both.entry(named: "Salé")?.country == "Morocco")
        #expect(both.entry(named: "Sao Paolo") == nil)
    }

    @Test func theTableFormReadsEveryFieldAndNamesABadLine() throws {
        let table = "Aruba\tLOCATION\tcountry\t\tCountry of Aruba|Land Aruba\tAruban\nNATO\tORGANIZATION\t\t\t\t"
        let entries = try Gazetteer.entries(table: table)
        #expect(entries == [
            Gazetteer.Entry(canonical: "Aruba", type: .location, aliases: ["Country of Aruba", "Land Aruba"], demonyms: ["Aruban"], kind: "country"),
            Gazetteer.Entry(canonical: "NATO", type: .organization),
        ])
        #expect(throws: Gazetteer.TableError.self) { try Gazetteer.entries(table: table + "\nBroken\tLOCATION") }
        do {
            _ = try Gazetteer.entries(table: "Aruba\tPLACE\t\t\t\t")
            Issue.record("an unknown type was read")
        } catch {
            #expect(error.description == "line 1: unknown type 'PLACE'")
        }
    }
}
