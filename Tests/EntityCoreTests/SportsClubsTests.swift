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

    /// A report of a round of league football, written for this test in the wire's style.
    private static let report = """
        Liverpool were held to a 1-1 draw at home on Saturday, leaving second-place Liverpool four points behind. \
        Stoke City scored first through a penalty. Liverpool have now dropped points in three league games this season. \
        Next week the leaders play against Bolton, while Everton travel to face Leeds. Liverpool's manager said the \
        squad would fight for the title. Brazil's coach watched the game.
        """

    @Test func inASportsReportATownThatPlaysIsItsClubThroughout() {
        let mentions = engine.entities(in: Self.report)
        let liverpool = mentions.filter { $0.text == "Liverpool" }
        #expect(liverpool.count == 4)
        // "second-place Liverpool" and "Liverpool have" say so; the other mentions follow them.
        #expect(liverpool.allSatisfy { $0.type == .organization })
        #expect(mentions.first { $0.text == "Stoke City" }?.type == .organization)
        #expect(mentions.first { $0.text == "Bolton" }?.type == .organization)
        #expect(mentions.first { $0.text == "Leeds" }?.type == .organization)
        // A national side is annotated as its country.
        #expect(mentions.first { $0.text == "Brazil" }?.type == .location)
    }

    @Test func outsideASportsReportTheSameWordsLeaveATownATown() {
        let text = "Liverpool have a new mayor. Residents of Stoke City said the council's draw for housing was fair."
        let mentions = engine.entities(in: text)
        #expect(mentions.first { $0.text == "Liverpool" }?.type == .location)
        #expect(mentions.first { $0.text == "Stoke City" }?.type != .organization)
    }
}
