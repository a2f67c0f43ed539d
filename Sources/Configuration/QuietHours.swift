import Foundation

/// `quiet_hours: 22:00-07:00 Europe/Berlin`: a daily span, in a time zone (UTC if none is given),
/// during which a sink's alerts are held, to go out as one digest when it ends. A span whose end is
/// before its start runs over midnight. Seconds may be given (`07:00:30`).
public struct QuietHours: Sendable, Equatable {
    /// Seconds after local midnight.
    public var start: Int
    public var end: Int
    public var timeZone: TimeZone

    /// Parses `HH:MM[:SS]-HH:MM[:SS] [Zone/Name]`; nil with the reason when it is not that.
    public static func parse(_ text: String) -> Result<QuietHours, QuietHoursError> {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard (1...2).contains(parts.count) else { return .failure(.init("write it as 22:00-07:00, optionally with a time zone")) }
        let zone: TimeZone
        switch Self.zone(parts.count == 2 ? parts[1] : nil) {
        case .success(let found): zone = found
        case .failure(let error): return .failure(error)
        }
        let times = parts[0].split(separator: "-")
        guard times.count == 2, let start = seconds(times[0]), let end = seconds(times[1]) else {
            return .failure(.init("write it as 22:00-07:00 (24-hour times), optionally with a time zone"))
        }
        guard start != end else { return .failure(.init("its start and end are the same time")) }
        return .success(QuietHours(start: start, end: end, timeZone: zone))
    }

    /// A named time zone; UTC when none is given.
    static func zone(_ name: Substring?) -> Result<TimeZone, QuietHoursError> {
        guard let name else { return .success(TimeZone(identifier: "UTC") ?? .current) }
        guard let named = TimeZone(identifier: String(name)) else { return .failure(.init("unknown time zone '\(name)'")) }
        return .success(named)
    }

    /// `HH:MM[:SS]` as seconds after midnight.
    static func seconds(_ text: Substring) -> Int? {
        let fields = text.split(separator: ":").map { Int($0) }
        guard (2...3).contains(fields.count), let hour = fields[0], let minute = fields[1], (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        let second = fields.count == 3 ? fields[2] : 0
        guard let second, (0..<60).contains(second) else { return nil }
        return hour * 3600 + minute * 60 + second
    }

    /// When the quiet span that `date` falls in ends; nil when `date` is outside quiet hours.
    public func end(ifQuietAt date: Date) -> Date? {
        let calendar = Calendar.gregorian(in: timeZone)
        let midnight = calendar.startOfDay(for: date)
        let now = Int(date.timeIntervalSince(midnight))
        func today(_ offset: Int) -> Date? { calendar.time(offset, on: midnight) }
        if start < end {
            return (start..<end).contains(now) ? today(end) : nil
        }
        if now >= start { return today(end).flatMap { calendar.date(byAdding: .day, value: 1, to: $0) } }  // over midnight
        return now < end ? today(end) : nil
    }
}

public struct QuietHoursError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
