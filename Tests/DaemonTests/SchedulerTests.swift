import Daemon
import Foundation
import Testing

@Suite struct SchedulerTests {
    let now = Date(timeIntervalSince1970: 1_740_909_600)  // 2025-03-02 10:00:00 UTC
    let scheduler = Scheduler(minimum: 60, maximum: 86_400)

    private func delay(interval: TimeInterval = 900, failures: Int = 0, _ hints: Scheduler.Hints = .init()) -> TimeInterval {
        scheduler.nextPoll(after: now, interval: interval, failures: failures, hints: hints).timeIntervalSince(now)
    }

    @Test func theLatestOfIntervalTTLMaxAgeAndExpiresWins() {
        #expect(delay() == 900)
        #expect(delay(.init(ttlMinutes: 60)) == 3600)
        #expect(delay(.init(cacheControl: "public, max-age=1800")) == 1800)
        #expect(delay(.init(cacheControl: "max-age=10")) == 900, "a shorter max-age does not poll sooner than the interval")
        #expect(delay(.init(expires: "Sun, 02 Mar 2025 12:00:00 GMT")) == 7200)
    }

    @Test func failuresBackOffExponentiallyUpToTheMaximum() {
        #expect(delay(failures: 1) == 1800)
        #expect(delay(failures: 3) == 7200)
        #expect(delay(failures: 30) == 86_400)
    }

    @Test func clampsAndRetryAfter() {
        #expect(delay(interval: 10) == 60, "never under the minimum")
        #expect(delay(.init(ttlMinutes: 100_000)) == 86_400, "never over the maximum")
        #expect(delay(.init(retryAfter: 3 * 86_400)) == 86_400, "Retry-After is honoured up to a day")
        #expect(delay(.init(retryAfter: 7200)) == 7200)
    }

    @Test func feedsAreSpreadButEachKeepsItsPlace() {
        let offsets = (0..<100).map { Scheduler.spreadOffset(for: "https://feeds.example/\($0).xml", interval: 900) }
        #expect(Set(offsets.map { Int($0 / 30) }).count > 5, "start times are spread")
        #expect(offsets.allSatisfy { $0 >= 0 && $0 < 300 })
        #expect(Scheduler.spreadOffset(for: "https://a", interval: 900) == Scheduler.spreadOffset(for: "https://a", interval: 900))
    }
}
