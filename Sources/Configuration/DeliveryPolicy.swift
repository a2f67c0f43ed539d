import Foundation

/// How a sink (or one watch-list's alerts on it) is delivered: each alert as it is raised (the
/// default), or held and summed up in digests.
public struct DeliveryPolicy: Sendable, Equatable {
    /// `digest:`: one message per window, listing the window's alerts, sent when the window ends.
    public var digest: DigestSchedule?
    /// `quiet_hours:`: nothing is sent while it is quiet; what was held goes out as one digest at its end.
    public var quietHours: QuietHours?
    /// `max_per_hour: N`: past N alerts sent one by one in a clock hour, the rest of the hour's go out
    /// as one digest when the hour ends.
    public var maxPerHour: Int?

    public init(digest: DigestSchedule? = nil, quietHours: QuietHours? = nil, maxPerHour: Int? = nil) {
        self.digest = digest
        self.quietHours = quietHours
        self.maxPerHour = maxPerHour
    }

    /// Each alert as it is raised, whatever the sink's own policy says.
    public static let immediate = DeliveryPolicy()

    public var isImmediate: Bool { self == .immediate }

    /// The longest this policy can hold an alert back on purpose, for the health check: a window, a
    /// day at most for daily digests and quiet hours, an hour for `max_per_hour`.
    public var longestHold: TimeInterval {
        var hold: TimeInterval = maxPerHour == nil ? 0 : 3600
        switch digest {
        case .every(let window): hold += window
        case .daily: hold += 86_400
        case nil: break
        }
        if quietHours != nil { hold += 86_400 }
        return hold
    }

    /// A watch-list's policy over its sink's: the watch-list's settings win, the sink's fill in the
    /// rest. A digest takes the place of the sink's `max_per_hour` (which is for alerts sent one by one).
    func overriding(_ sink: DeliveryPolicy) -> DeliveryPolicy {
        var merged = sink
        if let digest { merged.digest = digest; merged.maxPerHour = nil }
        if let quietHours { merged.quietHours = quietHours }
        if let maxPerHour { merged.maxPerHour = maxPerHour; merged.digest = nil }
        return merged
    }
}

/// When a digest's windows end: every so long, aligned to the clock (`1h` ends on the hour, `15m`
/// at :00, :15, :30 and :45, counted in UTC), or at times of day in a time zone
/// (`daily 08:00 Europe/Berlin`, `daily 08:00,18:00`).
public enum DigestSchedule: Sendable, Equatable {
    case every(TimeInterval)
    /// Seconds after local midnight, in order.
    case daily(times: [Int], timeZone: TimeZone)

    /// Parses `daily HH:MM[,HH:MM…] [Zone/Name]`; the caller handles a plain duration.
    public static func parseDaily(_ text: String) -> Result<DigestSchedule, QuietHoursError> {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.first == "daily", (2...3).contains(parts.count) else {
            return .failure(.init("write it as a duration (1h, 30m) or as daily 08:00, optionally with more times and a time zone"))
        }
        var times: [Int] = []
        for time in parts[1].split(separator: ",") {
            guard let seconds = QuietHours.seconds(time) else { return .failure(.init("'\(time)' is not a 24-hour time such as 08:00")) }
            times.append(seconds)
        }
        guard !times.isEmpty else { return .failure(.init("give at least one time of day")) }
        let zone: TimeZone
        switch QuietHours.zone(parts.count == 3 ? parts[2] : nil) {
        case .success(let found): zone = found
        case .failure(let error): return .failure(error)
        }
        return .success(.daily(times: Array(Set(times)).sorted(), timeZone: zone))
    }

    /// The last window end at or before `date`.
    public func lastEnd(atOrBefore date: Date) -> Date {
        switch self {
        case .every(let window):
            return Date(timeIntervalSince1970: (date.timeIntervalSince1970 / window).rounded(.down) * window)
        case .daily(let times, let zone):
            let calendar = Calendar.gregorian(in: zone)
            var day = calendar.startOfDay(for: date)
            for _ in 0..<3 {  // today, else yesterday's last (a day skipped by a time-zone change: the one before)
                if let end = times.reversed().lazy.compactMap({ calendar.time($0, on: day) }).first(where: { $0 <= date }) { return end }
                day = calendar.date(byAdding: .day, value: -1, to: day) ?? day.addingTimeInterval(-86_400)
            }
            return date.addingTimeInterval(-86_400)
        }
    }

    /// The first window end after `date`.
    public func nextEnd(after date: Date) -> Date {
        switch self {
        case .every(let window):
            return lastEnd(atOrBefore: date).addingTimeInterval(window)
        case .daily(let times, let zone):
            let calendar = Calendar.gregorian(in: zone)
            var day = calendar.startOfDay(for: date)
            for _ in 0..<3 {
                if let end = times.lazy.compactMap({ calendar.time($0, on: day) }).first(where: { $0 > date }) { return end }
                day = calendar.date(byAdding: .day, value: 1, to: day) ?? day.addingTimeInterval(86_400)
            }
            return date.addingTimeInterval(86_400)
        }
    }
}

/// Where a sink's feed-health alerts (a feed failing, a feed recovered) go. `feed_health:` on the sink.
public enum FeedHealthRouting: String, Sendable, Equatable, CaseIterable {
    /// With the sink's other alerts, under its policy (the default).
    case policy
    /// At once, past the sink's quiet hours, digest and `max_per_hour`.
    case immediate
    /// Not to this sink.
    case off
}

extension Calendar {
    static func gregorian(in zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// `seconds` after midnight on the day that starts at `midnight`; a time a summer-time change
    /// skips comes out as the first moment after the gap.
    func time(_ seconds: Int, on midnight: Date) -> Date? {
        date(bySettingHour: seconds / 3600, minute: seconds % 3600 / 60, second: seconds % 60, of: midnight)
    }
}
