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
