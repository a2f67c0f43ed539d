@testable import EntityCore
import Testing

/// Towns that sport news names as their clubs (`SportsClubs.swift`). The sentences are written for
/// these tests in the style of sports wire copy.
@Suite struct SportsClubsTests {
    private let engine: EntityEngine

    init() throws { engine = try EntityEngine() }

    private func type(of name: String, in text: String) -> EntityType? {
        engine.entities(in: text).first { $0.text == name }?.type
    }

    @Test func aTownAfterAVerbOfSportIsItsClub() {
        #expect(type(of: "Leicester", in: "Chelsea beat Leicester 2-0 on Saturday.") == .organization)
        #expect(type(of: "Newcastle", in: "Arsenal lost to Newcastle at home on Sunday.") == .organization)
        #expect(type(of: "Leicester", in: "Leicester striker Jamie Vardy scored twice.") == .organization)
    }

    @Test func aCountryStaysAPlaceAndATownOutsideSportStaysATown() {
        // National sides are annotated as their countries.
        #expect(type(of: "England", in: "He played for England in 1996.") == .location)
        #expect(type(of: "Brazil", in: "The Brazil coach named his squad.") == .location)
        #expect(type(of: "Leicester", in: "She moved to Leicester in 2001 to study.") == .location)
    }
}
