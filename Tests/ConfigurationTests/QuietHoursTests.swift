import Configuration
import Foundation
import Testing

/// `quiet_hours:` spans, in their time zone, over midnight and across a change of summer time.
@Suite struct QuietHoursTests {
    private func date(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    private func quiet(_ text: String) throws -> QuietHours { try QuietHours.parse(text).get() }

    @Test func aSpanOverMidnightInBerlin() throws {
        let berlin = try quiet("22:00-07:00 Europe/Berlin")
        // 21:59 in Berlin (CET, UTC+1) is not quiet; 22:00 is, until 07:00 the next morning.
        #expect(berlin.end(ifQuietAt: try date("2026-12-01T20:59:00Z")) == nil)
        #expect(berlin.end(ifQuietAt: try date("2026-12-01T21:00:00Z")) == (try date("2026-12-02T06:00:00Z")))
        #expect(berlin.end(ifQuietAt: try date("2026-12-02T03:30:00Z")) == (try date("2026-12-02T06:00:00Z")))
        #expect(berlin.end(ifQuietAt: try date("2026-12-02T06:00:00Z")) == nil, "07:00 itself is no longer quiet")
        // The night summer time ends (25 October 2026, 03:00 CEST → 02:00 CET): 07:00 CET is 06:00 UTC.
        #expect(berlin.end(ifQuietAt: try date("2026-10-24T21:00:00Z")) == (try date("2026-10-25T06:00:00Z")))
    }

    @Test func aDaytimeSpanInUTCWithSeconds() throws {
        let lunch = try quiet("12:00:30-13:00")
        #expect(lunch.end(ifQuietAt: try date("2026-12-01T12:00:29Z")) == nil)
        #expect(lunch.end(ifQuietAt: try date("2026-12-01T12:00:30Z")) == (try date("2026-12-01T13:00:00Z")))
        #expect(lunch.end(ifQuietAt: try date("2026-12-01T13:00:00Z")) == nil)
    }

    @Test(arguments: ["22:00", "22:00-07:00 Mars/Olympus", "25:00-07:00", "22:00-22:00", "10pm-7am", "22:00-07:00 UTC extra"])
    func whatIsNotASpanIsRefused(text: String) {
        #expect(throws: QuietHoursError.self) { try QuietHours.parse(text).get() }
    }
}
