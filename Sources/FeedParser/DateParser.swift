import FeedModel
import Foundation

/// Parses the dates feeds carry, normalised to UTC: RFC 822/1123/2822 (named, numeric and military
/// zones, missing seconds, two-digit years, a wrong weekday), RFC 3339 / ISO 8601 / W3C-DTF including
/// partial dates (`2025`, `2025-03`), and common broken forms (`2025-03-02 10:00:00`, `2 Mar 2025 10:00`).
/// Anything it cannot read is nil — never a crash and never "now".
public enum DateParser {
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmed
        guard !trimmed.isEmpty, trimmed.utf8.count < 100 else { return nil }
        let bytes = Array(trimmed.utf8)
        if bytes.count >= 4, bytes[0...3].allSatisfy(isDigit) {
            if let date = parseISO8601(bytes) { return date }
        }
        return parseCanonicalRFC1123(bytes) ?? parseRFC822(trimmed)
    }

    /// "Sun, 02 Mar 2025 10:00:00 GMT" (or a numeric zone), the form nearly every RSS feed uses,
    /// read at fixed positions; anything else goes to the general parser.
    private static func parseCanonicalRFC1123(_ bytes: [UInt8]) -> Date? {
        guard bytes.count >= 29, bytes[3] == 0x2C, bytes[4] == 0x20, bytes[7] == 0x20, bytes[11] == 0x20,
              bytes[16] == 0x20, bytes[19] == 0x3A, bytes[22] == 0x3A, bytes[25] == 0x20 else { return nil }
        func number(_ start: Int, _ width: Int) -> Int? {
            var value = 0
            for index in start..<start + width {
                guard isDigit(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - 0x30)
            }
            return value
        }
        let monthKey = (Int(bytes[8] | 0x20) << 16) | (Int(bytes[9] | 0x20) << 8) | Int(bytes[10] | 0x20)
        guard let day = number(5, 2), let year = number(12, 4), let hour = number(17, 2), let minute = number(20, 2),
              let second = number(23, 2), let month = monthsByKey[monthKey], let zone = parseZone(bytes[26...]) else { return nil }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: zone * 60)
    }

    /// Three lower-case letters of a month name packed into an integer.
    private static let monthsByKey: [Int: Int] = {
        var table: [Int: Int] = [:]
        for (index, name) in ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].enumerated() {
            let letters = Array(name.utf8)
            table[(Int(letters[0]) << 16) | (Int(letters[1]) << 8) | Int(letters[2])] = index + 1
        }
        return table
    }()

    // MARK: ISO 8601

    private static func parseISO8601(_ bytes: [UInt8]) -> Date? {
        var cursor = 0
        func number(_ width: Int) -> Int? {
            guard cursor + width <= bytes.count, bytes[cursor..<cursor + width].allSatisfy(isDigit) else { return nil }
            let value = bytes[cursor..<cursor + width].reduce(0) { $0 * 10 + Int($1 - 0x30) }
            cursor += width
            return value
        }
        func skip(_ byte: UInt8) -> Bool {
            if cursor < bytes.count, bytes[cursor] == byte { cursor += 1; return true }
            return false
        }
        guard let year = number(4) else { return nil }
        var month = 1, day = 1, hour = 0, minute = 0, second = 0
        var offsetSeconds = 0
        let extended = skip(0x2D)  // '-'
        if let value = number(2) {
            month = value
            if extended ? skip(0x2D) : true, let value = number(2) { day = value }
        }
        if cursor < bytes.count, bytes[cursor] == 0x54 || bytes[cursor] == 0x74 || bytes[cursor] == 0x20 {  // T, t, space
            cursor += 1
            guard let h = number(2) else { return nil }
            hour = h
            let colon = skip(0x3A)
            if let m = number(2) {
                minute = m
                if colon ? skip(0x3A) : true, let s = number(2) { second = s }
            }
            if skip(0x2E) || skip(0x2C) {  // fractional seconds, dropped
                while cursor < bytes.count, isDigit(bytes[cursor]) { cursor += 1 }
            }
            while skip(0x20) {}
            if cursor < bytes.count {
                switch bytes[cursor] {
                case 0x5A, 0x7A: cursor += 1  // Z
                case 0x2B, 0x2D:  // + or -
                    let sign = bytes[cursor] == 0x2D ? -1 : 1
                    cursor += 1
                    guard let zoneHours = number(2) else { return nil }
                    _ = skip(0x3A)
                    let zoneMinutes = number(2) ?? 0
                    offsetSeconds = sign * (zoneHours * 3600 + zoneMinutes * 60)
                default:
                    // "GMT", "UTC" and similar after an ISO date
                    guard let zone = parseZone(bytes[cursor...]) else { return nil }
                    offsetSeconds = zone * 60
                    cursor = bytes.count
                }
            }
        }
        guard cursor == bytes.count else { return nil }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offsetSeconds)
    }

    // MARK: RFC 822 and its relatives

    private static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
        "oct": 10, "nov": 11, "dec": 12, "january": 1, "february": 2, "march": 3, "april": 4, "june": 6,
        "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    ]

    /// Zone names in minutes east of UTC (RFC 822 §5.1 and the North American ones it lists).
    private static let namedZones: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300,
        "MST": -420, "MDT": -360, "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600,
        "BST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180, "MSK": 180, "IST": 330, "JST": 540,
        "AEST": 600, "AEDT": 660,
    ]

    /// RFC 822's military zones: A–I are −1…−9 hours, K–M −10…−12, N–Y +1…+12, Z is UTC.
    private static func militaryZone(_ letter: Character) -> Int? {
        guard let ascii = letter.asciiValue, letter.isLetter, letter != "J" else { return nil }
        let upper = ascii & ~0x20
        switch upper {
        case 0x41...0x49: return -Int(upper - 0x40) * 60
        case 0x4B...0x4D: return -Int(upper - 0x41) * 60
        case 0x4E...0x59: return Int(upper - 0x4D) * 60
        case 0x5A: return 0
        default: return nil
        }
    }

    private static let weekdays: Set<String> = [
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "tues", "wednes", "thur", "thurs",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]

    private static func parseRFC822(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var year: Int?, month: Int?, day: Int?
        var hour = 0, minute = 0, second = 0
        var offsetMinutes = 0
        var pm: Bool?
        for token in tokens(bytes) {
            guard let first = token.first else { continue }
            if first == 0x2B || first == 0x2D, let zone = parseZone(token) {  // + or -
                offsetMinutes = zone
            } else if token.contains(0x3A) {  // ':' — a time, perhaps with its zone attached
                guard let time = parseTime(token) else { return nil }
                (hour, minute, second) = (time.hour, time.minute, time.second)
                if let zone = time.zone { offsetMinutes = zone }
            } else if isDigit(first) {
                guard token.allSatisfy(isDigit), token.count <= 4 else { return nil }
                let value = token.reduce(0) { $0 * 10 + Int($1 - 0x30) }
                if token.count == 4 || value > 31 {
                    year = value
                } else if day == nil {
                    day = value
                } else if year == nil {
                    year = value
                } else {
                    return nil
                }
            } else {
                let word = String(decoding: token, as: UTF8.self).lowercased()
                if let value = months[word] {
                    month = value
                } else if weekdays.contains(word) || word == "at" {
                    continue
                } else if word == "am" || word == "pm" {
                    pm = word == "pm"
                } else if let zone = parseZone(token) {
                    offsetMinutes = zone
                } else {
                    return nil
                }
            }
        }
        guard var resolvedYear = year, let month, let day else { return nil }
        if resolvedYear < 100 { resolvedYear += resolvedYear < 50 ? 2000 : 1900 }  // RFC 2822 §4.3
        if let pm {
            if pm, hour < 12 { hour += 12 }
            if !pm, hour == 12 { hour = 0 }
        }
        return makeDate(year: resolvedYear, month: month, day: day, hour: hour, minute: minute, second: second,
                        offset: offsetMinutes * 60)
    }

    /// Splits on spaces, commas and tabs; also splits "02-Mar-2025" and "02/Mar/2025" at their dashes
    /// and slashes (but not "-0500"), and drops a trailing period ("Sun.").
    private static func tokens(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        for piece in bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x2C || $0 == 0x09 }) {
            var token = piece
            if token.last == 0x2E { token = token.dropLast() }
            let hasLetter = token.contains { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
            if hasLetter, let first = token.first, first != 0x2B, first != 0x2D, !token.contains(0x3A),
               token.contains(where: { $0 == 0x2D || $0 == 0x2F }) {
                result.append(contentsOf: token.split(whereSeparator: { $0 == 0x2D || $0 == 0x2F }))
            } else {
                result.append(token)
            }
        }
        return result
    }

    /// `10:00`, `10:00:00`, `10:00:00.5`, and a zone glued on (`10:00:00Z`, `10:00:00+0100`, `10:00GMT`).
    private static func parseTime(_ token: ArraySlice<UInt8>) -> (hour: Int, minute: Int, second: Int, zone: Int?)? {
        var time = token
        var zone: Int?
        if let zoneStart = token.firstIndex(where: { $0 == 0x2B || $0 == 0x2D || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) }) {
            zone = parseZone(token[zoneStart...])
            time = token[..<zoneStart]
        }
        let pieces = time.split(separator: 0x3A, omittingEmptySubsequences: false)
        // Each part is at most two digits (and "SS.fff" keeps its two): anything longer is not a time,
        // and must not overflow on the way to being refused.
        guard pieces.count >= 2, pieces.count <= 3, time.first.map(isDigit) == true,
              pieces.allSatisfy({ $0.prefix(while: isDigit).count <= 2 }) else { return nil }
        let parts = pieces.map { part in part.prefix(while: isDigit).reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        return (parts[0], parts[1], parts.count > 2 ? parts[2] : 0, zone)
    }

    /// `+0100`, `-05:00`, `+1`, `GMT`, `EST`, a military letter, or `GMT+2`.
    private static func parseZone(_ token: ArraySlice<UInt8>) -> Int? {
        if token.elementsEqual([0x47, 0x4D, 0x54]) || token.elementsEqual([0x55, 0x54, 0x43]) || token.elementsEqual([0x5A]) {
            return 0  // GMT, UTC, Z
        }
        if token.count == 5, let sign = token.first, sign == 0x2B || sign == 0x2D, token.dropFirst().allSatisfy(isDigit) {
            let digits = token.dropFirst().map { Int($0 - 0x30) }
            let minutes = (digits[0] * 10 + digits[1]) * 60 + digits[2] * 10 + digits[3]
            return sign == 0x2D ? -minutes : minutes
        }
        let upper = String(decoding: token, as: UTF8.self).uppercased()
        if let zone = namedZones[upper] { return zone }
        if upper.count == 1, let letter = upper.first, let zone = militaryZone(letter) { return zone }
        var body = Substring(upper)
        for prefix in ["GMT", "UTC", "UT"] where body.hasPrefix(prefix) && body.count > prefix.count {
            body = body.dropFirst(prefix.count)
            break
        }
        guard let sign = body.first, sign == "+" || sign == "-" else { return nil }
        let digits = body.dropFirst().filter { $0 != ":" }
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(\.isNumber), let value = Int(digits) else { return nil }
        let minutes = digits.count <= 2 ? value * 60 : (value / 100) * 60 + value % 100
        return sign == "-" ? -minutes : minutes
    }

    // MARK: Shared

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func makeDate(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int) -> Date? {
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day),
              (0...24).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        guard day <= daysIn(month: month, year: year) else { return nil }
        let days = Timestamp.days(year: Int64(year), month: Int64(month), day: Int64(day))
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64(offset)
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
