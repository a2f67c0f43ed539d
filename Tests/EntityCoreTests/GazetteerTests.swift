import EntityCore
import Testing

/// The gazetteer is compiled into the binary (no resource bundle to install): it must decode whole.
@Suite struct GazetteerTests {
    @Test func theBuiltInGazetteerDecodesFromTheBinary() throws {
        let gazetteer = Gazetteer.builtIn
        #expect(gazetteer.entries.count > 500)
        let russia = try #require(gazetteer.entry(named: "Russia"))
        #expect(russia.type == .location)
        #expect(russia.demonyms.contains("Russian"))
        #expect(gazetteer.entry(named: "Moscow")?.country == "Russia")
    }
}
