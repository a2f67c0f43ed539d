import CurlKit
import Foundation

/// When to poll a feed next. The next poll is the latest of: the feed's interval, its `<ttl>`, the
/// response's Cache-Control max-age, Expires and Retry-After, clamped to the configured minimum and
/// maximum. Failures back off exponentially (interval × 2^failures, up to the maximum) and never stop.
public struct Scheduler: Sendable {
    public var minimum: TimeInterval
    public var maximum: TimeInterval

    public init(minimum: TimeInterval, maximum: TimeInterval) {
        self.minimum = minimum
        self.maximum = max(maximum, minimum)
    }

    public struct Hints: Sendable, Equatable {
        public var ttlMinutes: Int?
        public var cacheControl: String?
        public var expires: String?
        public var retryAfter: TimeInterval?
        public init(ttlMinutes: Int? = nil, cacheControl: String? = nil, expires: String? = nil, retryAfter: TimeInterval? = nil) {
            self.ttlMinutes = ttlMinutes
            self.cacheControl = cacheControl
            self.expires = expires
            self.retryAfter = retryAfter
        }
    }

    public func nextPoll(after now: Date, interval: TimeInterval, failures: Int, hints: Hints) -> Date {
        var delay = interval
        if failures > 0 { delay = interval * pow(2, Double(min(failures, 20))) }
        if let ttl = hints.ttlMinutes { delay = max(delay, TimeInterval(ttl) * 60) }
        if let maxAge = Self.maxAge(hints.cacheControl) { delay = max(delay, maxAge) }
        if let expires = hints.expires.flatMap(HTTPDate.parse) { delay = max(delay, expires.timeIntervalSince(now)) }
        delay = min(max(delay, minimum), maximum)
        // Retry-After is the server's explicit word, honoured even past the maximum (up to a day).
        if let retryAfter = hints.retryAfter { delay = max(delay, min(retryAfter, 86_400)) }
        return now.addingTimeInterval(delay)
    }

    /// Where in its interval a feed is first polled, so feeds are spread out rather than all polled
    /// at start-up; derived from the URL so it stays put across restarts.
    public static func spreadOffset(for url: String, interval: TimeInterval) -> TimeInterval {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in url.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01b3 }
        return Double(hash % 10_000) / 10_000 * min(interval, 300)
    }

    static func maxAge(_ header: String?) -> TimeInterval? {
        guard let header else { return nil }
        for directive in header.lowercased().split(separator: ",") {
            let parts = directive.trimmingCharacters(in: .whitespaces).split(separator: "=")
            if parts.count == 2, parts[0] == "max-age" || parts[0] == "s-maxage", let seconds = Double(parts[1]) { return seconds }
        }
        return nil
    }
}
